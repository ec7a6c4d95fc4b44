"""GOV.UK's character count for long text: the field's limit (from its own validator) and the counter's words in
the page's language, one message for each plural category the language has (the script picks by `Intl`)."""

from babel import Locale
from babel.numbers import format_decimal
from flask_babel import get_locale, gettext, ngettext
from wtforms.validators import Length

COUNT = "%{count}"  # where GOV.UK Frontend's script puts the number


def character_limit(field) -> int | None:
    """The most characters the field's validators accept, or None when they set no limit (a validator states its
    limit as `maximum`, as `MaxLength` does, or `max`, as WTForms' `Length` does)."""
    limits = [rule.maximum for rule in field.validators if isinstance(getattr(rule, "maximum", None), int)]
    limits += [rule.max for rule in field.validators if isinstance(rule, Length) and rule.max and rule.max > 0]
    return min(limits) if limits else None


def _samples(locale: Locale) -> dict[str, int]:
    """A number for each plural category of the language (`one`: 1, `few`: 2, ...), the first found from 0."""
    found: dict[str, int] = {}
    for number in range(0, 200):
        found.setdefault(locale.plural_form(number), number)
    return found


def _by_category(singular: str, plural: str, locale: Locale) -> dict[str, str]:
    texts = {}
    for category, number in _samples(locale).items():
        shown = format_decimal(number, locale=locale)
        texts[category] = ngettext(singular, plural, number, count=shown).replace(shown, COUNT, 1)
    return texts


def character_count_texts(limit: int) -> dict:
    """The GOV.UK character count macro's text parameters for a field of `limit` characters."""
    locale = get_locale() or Locale.parse("en")
    return {
        "maxlength": limit,
        "textareaDescriptionText": ngettext(
            "You can enter up to %(count)s character", "You can enter up to %(count)s characters", limit,
            count=format_decimal(limit, locale=locale),
        ),
        "charactersUnderLimitText": _by_category(
            "You have %(count)s character remaining", "You have %(count)s characters remaining", locale
        ),
        "charactersAtLimitText": gettext("You have 0 characters remaining"),
        "charactersOverLimitText": _by_category(
            "You have %(count)s character too many", "You have %(count)s characters too many", locale
        ),
    }  # fmt: skip
