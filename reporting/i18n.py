"""Language choice: which locale a request is served in, and the template helpers for it.

The language comes from `?lang=` (so links can be shared in a language), then the `lang`
cookie set by the language menu, then English. Only shipped languages are accepted.
"""

from babel import Locale
from flask import Flask, current_app, request
from flask_babel import get_locale

LANG_COOKIE = "lang"

# Locale code to the language's own name, in its own script. A language is listed here only once its
# catalogue in translations/ is complete (a test checks this).
SHIPPED_LANGUAGES = {"en": "English"}


def shipped_languages() -> dict[str, str]:
    """Locale code to the language's own name, in its own script."""
    return current_app.config["LANGUAGES"]


def select_locale() -> str:
    languages = shipped_languages()
    for candidate in (request.args.get("lang"), request.cookies.get(LANG_COOKIE)):
        if candidate in languages:
            return candidate
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def _template_globals() -> dict:
    locale = get_locale() or Locale.parse("en")
    return {
        "html_lang": str(locale).replace("_", "-"),
        "html_dir": locale.text_direction,
        "languages": shipped_languages(),
        "current_language": str(locale),
    }


def init_app(app: Flask) -> None:
    app.config.setdefault("LANGUAGES", dict(SHIPPED_LANGUAGES))
    app.context_processor(_template_globals)
