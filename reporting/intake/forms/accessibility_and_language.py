"""Step: the language the person used, and their communication and accessibility needs."""

from functools import cache

from babel import Locale
from flask_babel import get_locale

from ... import messages
from ...forms import CheckboxesField, ChoiceSelectField, TextAreaField, TextField, options, vocabulary_options
from ...forms.validators import MaxLength, Optional, Required, ValidateIf
from ...i18n import lazy_gettext as _l
from .base import StepForm, text_or_none

# Languages most often used in the borough's communities; `bfi` is British Sign Language.
LANGUAGES = (
    "en", "sq", "ar", "bn", "bfi", "bg", "zh", "cs", "fa", "fr", "gu", "hi", "hu", "it", "ku", "lv", "lt",
    "ne", "ps", "pl", "pt", "pa", "ro", "ru", "sk", "so", "es", "ta", "ti", "tr", "uk", "ur", "cy",
)  # fmt: skip
SIGN_LANGUAGES = {"bfi": _l("British Sign Language")}


def language_label(tag: str) -> str:
    """A language's name in the reader's language."""
    if tag in SIGN_LANGUAGES:
        return str(SIGN_LANGUAGES[tag])
    return Locale.parse(tag).get_display_name(get_locale() or "en")


@cache
def _language_choices(reader: str) -> tuple[tuple[str, str], ...]:
    others = sorted((language_label(tag), tag) for tag in LANGUAGES if tag != "en")
    return (("en", language_label("en")), *((tag, name) for name, tag in others))


def language_choices() -> tuple[tuple[str, str], ...]:
    """(tag, name) of every language offered, English first and the rest by name, named in the reader's language.

    Made once for each reader's language: the names never change, and every page that reads the answers
    back builds this form."""
    return _language_choices(str(get_locale() or "en"))


class AccessibilityAndLanguageForm(StepForm):
    slug = "accessibility-and-language"

    language = ChoiceSelectField(_l("Language used"), choices=[], validators=[Required(messages.SELECT_LANGUAGE)])
    communication_needs = CheckboxesField(
        _l("Communication needs"), choices=vocabulary_options("communication_needs"), validators=[Optional()]
    )
    interpreter_language = TextField(
        _l("Interpreter language"),
        validators=[
            ValidateIf("communication_needs", ["interpreter"]),
            Required(messages.ENTER_INTERPRETER_LANGUAGE),
            MaxLength(100, messages.INTERPRETER_LANGUAGE_TOO_LONG),
        ],
        width=20,
    )
    accessibility_needs = TextAreaField(
        _l("Other needs"), validators=[Optional(), MaxLength(2_000, messages.ACCESSIBILITY_TOO_LONG)], rows=3
    )

    @classmethod
    def answers_from(cls, report) -> dict:
        return {
            "language": report.language or "en",
            "communication_needs": list(report.communication_needs or []),
            "interpreter_language": report.interpreter_language,
            "accessibility_needs": report.accessibility_needs,
        }

    def prepare(self) -> None:
        self.language.choices = options(language_choices())

    def save(self, report) -> None:
        needs = list(self.communication_needs.data)
        report.language = self.language.data or "en"
        report.communication_needs = needs
        report.interpreter_language = text_or_none(self.interpreter_language.data) if "interpreter" in needs else None
        report.accessibility_needs = text_or_none(self.accessibility_needs.data)

    def display(self, item) -> list[str]:
        if item.name == "communication_needs" and not item.data:
            return [str(_l("None"))]
        return super().display(item)
