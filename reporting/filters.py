"""Jinja filters: UK dates and times, month names, and translated labels for codes."""

from datetime import date
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from flask_babel import format_date, format_datetime, get_locale

from .labels import CHANNEL_LABELS, STATUS_LABELS, label


def uk_datetime(moment) -> str:
    return format_datetime(moment, "d MMMM y, HH:mm") if moment else ""


def uk_date(day) -> str:
    return format_date(day, "d MMMM y") if day else ""


def month_label(key: str, width: str = "MMM y") -> str:
    """The month `YYYY-MM` in the reader's language, for example "Mar 2026" (or "March 2026" with "MMMM y")."""
    return _month_label(key, width, str(get_locale()))


@lru_cache(maxsize=1024)
def _month_label(key: str, width: str, locale: str) -> str:
    year, month = key.split("-")
    return format_date(date(int(year), int(month), 1), width)


def language_name(tag: str | None) -> str:
    """A language's name in the reader's language, for example `ur` as "Urdu" in English."""
    if not tag:
        return ""
    try:
        return Locale.parse(tag.replace("-", "_")).get_display_name(get_locale()) or tag
    except (ValueError, UnknownLocaleError):
        return tag


# By the name templates use them by; the factory registers them.
FILTERS = {
    "uk_datetime": uk_datetime,
    "uk_date": uk_date,
    "language_name": language_name,
    "month_name": lambda key: month_label(key, "MMMM y"),
    "label": lambda code, kind: label(kind, code),
    "status_label": lambda code: str(STATUS_LABELS.get(code, code)),
    "channel_label": lambda code: str(CHANNEL_LABELS.get(code, code)),
}
