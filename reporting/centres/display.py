"""A centre's public details as the visitor's language shows them: opening hours by day, whether it is open
now, what it offers and its access, and the languages spoken, named in the visitor's language.

Registered as the template global `centre_display(centre)`; the words come from the catalogues, the day and
language names from Babel's locale data.
"""

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_time, get_day_names
from flask_babel import get_locale

from ..domain.centres import hours_by_days, is_bank_holiday, is_open
from ..domain.ukdates import UK
from ..i18n import gettext as _
from ..labels import label


@dataclass(frozen=True)
class HoursLine:
    days: str
    times: str


@dataclass(frozen=True)
class CentreDisplay:
    hours: list[HoursLine]
    open_now: bool | None  # None when the centre has no hours to go by
    bank_holiday_today: bool
    closed_on_bank_holidays: bool
    offers: list[str]
    access: list[str]
    languages: list[str]
    kind: str


def hours_lines(openings, locale: Locale) -> list[HoursLine]:
    """One line per run of days sharing their times: ("Monday to Friday", "9:30 to 17:00"), in `locale`."""
    days = get_day_names("wide", locale=locale)  # 0 is Monday, as Python counts
    lines = []
    for first, last, spans in hours_by_days(openings):
        day_text = days[first] if first == last else _("%(first)s to %(last)s", first=days[first], last=days[last])
        times = [
            _("%(opens)s to %(closes)s", opens=format_time(opens, "short", locale=locale),
              closes=format_time(closes, "short", locale=locale))
            for opens, closes in spans
        ]  # fmt: skip
        lines.append(HoursLine(day_text, _(", ").join(times)))
    return lines


def language_name(tag: str, locale: Locale) -> str:
    """A language tag named in the visitor's language ("Urdu" in English, "اردو" in Urdu), or the tag."""
    return _language_name(tag, str(locale))


@lru_cache(maxsize=1024)
def _language_name(tag: str, locale_code: str) -> str:
    try:
        return Locale.parse(tag.replace("-", "_")).get_display_name(Locale.parse(locale_code)) or tag
    except (UnknownLocaleError, ValueError):
        return tag


@lru_cache(maxsize=1024)
def _hours_lines(openings: tuple, locale_code: str) -> tuple[HoursLine, ...]:
    """`hours_lines`, kept per process: a list of every centre draws the same few sets of hours again and again.
    The words come from the catalogue of the locale in the key, which is the request's."""
    return tuple(hours_lines(list(openings), Locale.parse(locale_code)))


def _locale() -> Locale:
    """The visitor's locale; English as written in the UK (24-hour times, as the hours are kept)."""
    locale = get_locale() or Locale("en")
    return Locale("en", "GB") if str(locale) == "en" else locale


def centre_display(centre, now: datetime | None = None) -> CentreDisplay:
    locale = _locale()
    moment = (now or datetime.now(UK)).astimezone(UK)
    openings = centre.openings
    return CentreDisplay(
        hours=list(_hours_lines(tuple(openings), str(locale))),
        open_now=is_open(openings, moment, centre.closed_on_bank_holidays) if openings else None,
        bank_holiday_today=is_bank_holiday(moment.date()),
        closed_on_bank_holidays=centre.closed_on_bank_holidays,
        offers=[label("centre_offers", code) for code in centre.offers or ()],
        access=[label("centre_access", code) for code in centre.access or ()],
        languages=[language_name(tag, locale) for tag in centre.languages or ()],
        kind=label("centre_kinds", centre.kind),
    )
