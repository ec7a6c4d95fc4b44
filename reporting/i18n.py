"""Language choice: which locale a request is served in, and the template helpers for it.

The language comes from `?lang=` (so links can be shared in a language), then the `lang`
cookie set by the language menu, then English. Staff pages (any view not marked `@public`) ignore `?lang=`:
they are always in the staff member's own language (their cookie), even when a person's survey or
report was just shown on the same tablet in the person's language. Only shipped languages are accepted. While a
page is shown in another language than the default, every link the app builds keeps `?lang=`,
so a journey stays in its language and any of its addresses can be shared in it.
"""

from functools import cache
from pathlib import Path

from babel import Locale, support
from babel.messages.pofile import read_po
from flask import Flask, Request, current_app, g, has_request_context, request
from flask_babel import get_locale, get_translations
from flask_babel.speaklater import LazyString
from werkzeug.utils import cached_property
from wtforms.i18n import messages_path

from .config import PROJECT_ROOT

LANG_COOKIE = "lang"
TRANSLATIONS = PROJECT_ROOT / "translations"

# Every language the service is made for: locale code to the language's own name, in its own script.
ALL_LANGUAGES = {
    "en": "English",
    "ar": "العربية",
    "ur": "اردو",
    "pl": "Polski",
    "ro": "Română",
    "bn": "বাংলা",
    "pa": "ਪੰਜਾਬੀ",
    "zh_Hans": "简体中文",
    "so": "Soomaali",
}
DEFAULT_LANGUAGE = "en"


def _translated_ids(path: Path) -> tuple[set, set]:
    """(every message id, the ids translated and not fuzzy) of a catalogue."""
    with path.open("rb") as handle:
        catalogue = read_po(handle)
    every, done = set(), set()
    for message in catalogue:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else tuple(message.id)
        every.add(key)
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        if not message.fuzzy and all(strings):
            done.add(key)
    return every, done


def complete_languages(directory: Path = TRANSLATIONS, languages: dict[str, str] = ALL_LANGUAGES) -> dict[str, str]:
    """The languages whose catalogue translates every message of the template (the default always)."""
    template = directory / "messages.pot"
    wanted = _translated_ids(template)[0] if template.exists() else None
    complete = {}
    for code, name in languages.items():
        catalogue = directory / code / "LC_MESSAGES" / "messages.po"
        if code != DEFAULT_LANGUAGE and not catalogue.exists():
            continue
        if code != DEFAULT_LANGUAGE:
            every, done = _translated_ids(catalogue)
            if done != every or (wanted is not None and not wanted <= done):
                continue
        complete[code] = name
    return complete


# The languages people can choose: only those whose catalogue in translations/ is complete.
SHIPPED_LANGUAGES = complete_languages()


def shipped_languages() -> dict[str, str]:
    """Locale code to the language's own name, in its own script."""
    return current_app.config["LANGUAGES"]


def select_locale() -> str:
    languages = shipped_languages()
    chosen = () if _is_staff_page() else (request.args.get("lang"),)
    for candidate in (*chosen, request.cookies.get(LANG_COOKIE)):
        if candidate in languages:
            return candidate
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def _is_staff_page() -> bool:
    view = current_app.view_functions.get(request.endpoint or "")
    return view is not None and getattr(view, "access", "public") != "public"


def current_language() -> str:
    """The locale code the request is served in, such as `en`, `ar` or `zh_Hans`."""
    return _code_of(_locale_in_force() or get_locale() or Locale.parse(DEFAULT_LANGUAGE))


@cache
def _code_of(locale: Locale) -> str:
    # Babel works the code out afresh each time, and every link a page builds asks for it (`keep_language`).
    return str(locale)


def _locale_in_force():
    """The locale Flask-Babel has settled on for this context (the request's, or one set by `force_locale`),
    or None before it has chosen one or outside a context."""
    try:
        return g._flask_babel.babel_locale
    except (AttributeError, RuntimeError):
        return None


def translations():
    """The catalogue Flask-Babel's `get_translations()` would answer with, found with one context look-up.

    Flask-Babel finds its state for the domain, the locale and its cache separately, each through several
    context look-ups, and a read-back page translates over a hundred strings. This keeps the catalogue on
    the context beside the locale and domain it was found for, and asks Flask-Babel again whenever either
    has changed (a `force_locale` block, or a request whose locale is not chosen yet).
    """
    try:
        context = g._get_current_object()
        state = context._flask_babel
        locale, domain = state.babel_locale, state.babel_domain
    except (AttributeError, RuntimeError):
        return get_translations()
    found = getattr(context, "_reporting_translations", None)
    if found is None or found[0] is not locale or found[1] is not domain:
        found = (locale, domain, get_translations())
        context._reporting_translations = found
    return found[2]


def gettext(string: str, **variables) -> str:
    translated = translations().ugettext(string)
    return translated % variables if variables else translated


def lazy_gettext(string: str, **variables) -> LazyString:
    """Flask-Babel's lazy string, translated through `gettext` above when shown."""
    return LazyString(gettext, string, **variables)


@cache
def wtforms_catalogue(code: str) -> support.Translations:
    """WTForms' own messages (such as "Not a valid choice.") in a language, read from disk once a process."""
    return support.Translations.load(messages_path(), [code], domain="wtforms")


class LanguageRequest(Request):
    """The app's request: its forms share WTForms' catalogue instead of reading it again on each request.

    Flask-WTF keeps the catalogue it loads on the request as `wtforms_translations`, and loads it
    (about 0.3 ms) only when that is missing; here it is found already, the same object every time.
    """

    @cached_property
    def wtforms_translations(self) -> support.Translations:
        return wtforms_catalogue(current_language())


def language_tag(code: str | None = None) -> str:
    """A locale code as a BCP 47 language tag (`zh_Hans` is `zh-Hans`), as stored on reports."""
    return (code or current_language()).replace("_", "-")


def keep_language(endpoint: str, values: dict) -> None:
    """Links built while a page is shown in another language carry `?lang=`, so they keep it."""
    if endpoint == "static" or "lang" in values or not has_request_context():
        return
    language = current_language()
    if language != current_app.config["BABEL_DEFAULT_LOCALE"]:
        values["lang"] = language


def template_globals() -> dict:
    """The page's language for the layout (`<html lang dir>`) and the language menu."""
    locale = get_locale() or Locale.parse(DEFAULT_LANGUAGE)
    code = _code_of(locale)
    return {
        "html_lang": language_tag(code),
        "html_dir": locale.text_direction,
        "languages": shipped_languages(),
        "current_language": code,
    }


def _install_template_gettext(app: Flask) -> None:
    """`{% trans %}` and `_()` in templates through `translations()` (Flask-Babel installs its own first)."""
    app.jinja_env.install_gettext_callables(
        gettext=lambda string: translations().ugettext(string),
        ngettext=lambda singular, plural, n: translations().ungettext(singular, plural, n),
        pgettext=lambda context, string: translations().upgettext(context, string),
        npgettext=lambda context, singular, plural, n: translations().unpgettext(context, singular, plural, n),
        newstyle=True,
    )


def init_app(app: Flask) -> None:
    app.request_class = LanguageRequest
    app.config.setdefault("LANGUAGES", dict(SHIPPED_LANGUAGES))
    _install_template_gettext(app)
    app.url_defaults(keep_language)
