"""A reporting centre's public details as plain values: its kind, what it offers, access, opening hours, whether it
is open at a moment, and how far it is from a point.

Opening hours are stored as rows (weekday, opens, closes); several rows on one day are openings (a morning and an
afternoon). They are written in files and forms as text like ``Mon-Fri 09:30-17:00; Sat 10:00-13:00`` (days in
English three-letter form, 24-hour times), which `parse_hours` reads and `hours_text` writes back.

Bank holidays are those of England and Wales, from the maintained `holidays` package (no service at run time).
"""

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cache

import holidays

KINDS = (
    "library",
    "housing_office",
    "carers_centre",
    "charity",
    "community_venue",
    "place_of_worship",
    "council_office",
    "other",
)
OFFERS = ("assisted_reporting", "support", "interpreters", "private_room")
ACCESS = ("step_free", "hearing_loop", "bsl", "accessible_toilet", "parking")

# Free text (older files, the first release's centres) matched in this order to the nearest kind.
KIND_WORDS = (
    ("library", ("librar",)),
    ("housing_office", ("housing",)),
    ("carers_centre", ("carer",)),
    ("place_of_worship", ("mosque", "church", "temple", "gurdwara", "synagogue", "mandir")),
    ("council_office", ("council",)),
    ("charity", ("charity", "forum", "trust")),
    ("community_venue", ("community", "centre", "hub", "hall")),
)
_LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_DAY_PART = re.compile(r"^(?P<first>[A-Za-z]{3})(?:\s*-\s*(?P<last>[A-Za-z]{3}))?$")
_TIME = re.compile(r"^(?P<hour>[01]?\d|2[0-3])[:.](?P<minute>[0-5]\d)$")
EARTH_RADIUS_MILES = 3958.8


# Why opening hours cannot be read, in plain English (for `centres import`); the management form words each
# reason in the staff member's language from the same parameters.
HOURS_PROBLEMS = {
    "weekday": "weekday {weekday} is not 0 (Monday) to 6 (Sunday)",
    "closes_first": "{day}: closes at {closes}, not after it opens at {opens}",
    "not_a_day": "{text!r} is not a day: use Mon, Tue, Wed, Thu, Fri, Sat or Sun",
    "not_a_time": "{text!r} is not a time: use 24-hour times such as 09:30 or 17:00",
    "shape": "{part!r} should be days then times, such as 'Mon-Fri 09:30-17:00'",
    "backwards": "{days!r}: the days run backwards",
    "span": "{span!r} should be two times, such as 09:30-17:00",
    "overlap": "{day}: two openings overlap",
}


class HoursError(ValueError):
    """Opening hours text that cannot be read: `reason` (a key of `HOURS_PROBLEMS`) and its `params` (text), and
    the message saying which part and why, in plain English."""

    def __init__(self, reason: str, **params):
        self.reason = reason
        self.params = {name: str(value) for name, value in params.items()}
        super().__init__(HOURS_PROBLEMS[reason].format(**self.params))


@dataclass(frozen=True, order=True)
class Opening:
    """One opening on one day: `weekday` 0 is Monday."""

    weekday: int
    opens: time
    closes: time

    def __post_init__(self):
        if not 0 <= self.weekday <= 6:
            raise HoursError("weekday", weekday=self.weekday)
        if self.closes <= self.opens:
            day, opens, closes = WEEKDAYS[self.weekday], f"{self.opens:%H:%M}", f"{self.closes:%H:%M}"
            raise HoursError("closes_first", day=day, opens=opens, closes=closes)


def _day_index(text: str) -> int:
    for index, name in enumerate(WEEKDAYS):
        if text.lower() == name.lower():
            return index
    raise HoursError("not_a_day", text=text)


def _time(text: str) -> time:
    match = _TIME.match(text.strip())
    if not match:
        raise HoursError("not_a_time", text=text.strip())
    return time(int(match["hour"]), int(match["minute"]))


def parse_hours(text: str | None) -> list[Opening]:
    """Read ``Mon-Fri 09:30-17:00; Sat 10:00-13:00, 14:00-16:00`` into openings, in day and time order.

    Empty text means no hours are known. Raises `HoursError` saying what is wrong; overlapping openings on one
    day are refused.
    """
    openings: list[Opening] = []
    for part in (text or "").split(";"):
        part = part.strip()
        if not part:
            continue
        days_text, _, times_text = part.partition(" ")
        match = _DAY_PART.match(days_text.strip())
        if not match or not times_text.strip():
            raise HoursError("shape", part=part)
        first = _day_index(match["first"])
        last = _day_index(match["last"]) if match["last"] else first
        if last < first:
            raise HoursError("backwards", days=days_text.strip())
        for span in times_text.split(","):
            opens, separator, closes = span.strip().partition("-")
            if not separator:
                raise HoursError("span", span=span.strip())
            for weekday in range(first, last + 1):
                openings.append(Opening(weekday, _time(opens), _time(closes)))
    openings.sort()
    for earlier, later in zip(openings, openings[1:], strict=False):
        if earlier.weekday == later.weekday and later.opens < earlier.closes:
            raise HoursError("overlap", day=WEEKDAYS[earlier.weekday])
    return openings


def hours_text(openings: list[Opening]) -> str:
    """The text `parse_hours` reads, with runs of days that share their times written as a range."""
    parts = []
    for first, last, spans in hours_by_days(openings):
        days = WEEKDAYS[first] if first == last else f"{WEEKDAYS[first]}-{WEEKDAYS[last]}"
        times = ", ".join(f"{opens:%H:%M}-{closes:%H:%M}" for opens, closes in spans)
        parts.append(f"{days} {times}")
    return "; ".join(parts)


def day_runs(by_day: dict[int, tuple]) -> list[tuple[int, int, tuple]]:
    """Consecutive days with the same value, as (first day, last day, value), in day order."""
    runs: list[tuple[int, int, tuple]] = []
    for weekday in sorted(by_day):
        if runs and runs[-1][1] == weekday - 1 and runs[-1][2] == by_day[weekday]:
            runs[-1] = (runs[-1][0], weekday, runs[-1][2])
        else:
            runs.append((weekday, weekday, by_day[weekday]))
    return runs


def hours_by_days(openings: list[Opening]) -> list[tuple[int, int, tuple[tuple[time, time], ...]]]:
    """Runs of days that share their times, as (first weekday, last weekday, ((opens, closes), ...))."""
    by_day: dict[int, tuple[tuple[time, time], ...]] = {}
    for opening in sorted(openings):
        by_day[opening.weekday] = by_day.get(opening.weekday, ()) + ((opening.opens, opening.closes),)
    return day_runs(by_day)


ENGLISH_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def english_hours(openings: list[Opening], closed_on_bank_holidays: bool) -> str | None:
    """The hours in plain English, for documents that are always in English (a police referral)."""
    if not openings:
        return None
    parts = []
    for first, last, spans in hours_by_days(openings):
        days = ENGLISH_DAYS[first] if first == last else f"{ENGLISH_DAYS[first]} to {ENGLISH_DAYS[last]}"
        parts.append(f"{days} {' and '.join(f'{opens:%H:%M} to {closes:%H:%M}' for opens, closes in spans)}")
    text = "; ".join(parts)
    return f"{text} (closed on bank holidays)" if closed_on_bank_holidays else text


@cache
def _bank_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("GB", subdiv="ENG", years=year)


def is_bank_holiday(day: date) -> bool:
    """A bank holiday in England and Wales."""
    return day in _bank_holidays(day.year)


def is_open(openings: list[Opening], moment: datetime, closed_on_bank_holidays: bool) -> bool:
    """Whether the centre is open at `moment`, a UK local time (an aware datetime in Europe/London)."""
    if closed_on_bank_holidays and is_bank_holiday(moment.date()):
        return False
    now = moment.time()
    return any(o.weekday == moment.weekday() and o.opens <= now < o.closes for o in openings)


def miles_between(first: tuple[float, float], second: tuple[float, float]) -> float:
    """The great-circle distance in miles between two (latitude, longitude) points."""
    lat1, lon1 = map(math.radians, first)
    lat2, lon2 = map(math.radians, second)
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(a))


COORDINATE_PROBLEMS = {
    "one_missing": "give both latitude and longitude, or neither",
    "latitude_range": "latitude must be between -90 and 90",
    "longitude_range": "longitude must be between -180 and 180",
}


def coordinates_problem(latitude: float | None, longitude: float | None) -> str | None:
    """Why a pair of coordinates cannot be a place, as a key of `COORDINATE_PROBLEMS`, or None. Both or neither
    must be given."""
    if (latitude is None) != (longitude is None):
        return "one_missing"
    if latitude is not None and not -90 <= latitude <= 90:
        return "latitude_range"
    if longitude is not None and not -180 <= longitude <= 180:
        return "longitude_range"
    return None


def check_coordinates(latitude: float | None, longitude: float | None) -> str | None:
    """Why a pair of coordinates cannot be a place, in plain English, or None."""
    problem = coordinates_problem(latitude, longitude)
    return COORDINATE_PROBLEMS[problem] if problem else None


def kind_code(text: str | None) -> str | None:
    """A kind code from a code, or from free text such as "Mosque community room" (then the nearest kind)."""
    text = (text or "").strip()
    if not text:
        return None
    simple = text.lower().replace(" ", "_").replace("'", "")
    if simple in KINDS:
        return simple
    for code, words in KIND_WORDS:
        if any(word in text.lower() for word in words):
            return code
    return "other"


def is_language_tag(text: str) -> bool:
    """A BCP 47 language tag of the simple shape people write: `en`, `ur`, `zh-Hans`, `pa-PK`."""
    return bool(_LANGUAGE_TAG.match(text))


def split_codes(text: str | None) -> list[str]:
    """A list written as ``a; b`` (or with commas) in files, without blanks or repeats, in the order given."""
    found: list[str] = []
    for part in re.split(r"[;,]", text or ""):
        part = part.strip()
        if part and part not in found:
            found.append(part)
    return found
