"""Dates and times in UK local time: reports are stored in UTC and counted by UK date."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")


def uk_day_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """UTC instants [start, end) covering UK local days `first` to `last` inclusive."""
    start = datetime.combine(first, time(0), tzinfo=UK).astimezone(UTC)
    end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=UK).astimezone(UTC)
    return start, end


def uk_date(moment: datetime) -> date:
    return moment.astimezone(UK).date()


def now_utc() -> datetime:
    return datetime.now(UTC)


def uk_today() -> date:
    """Today's date in the UK."""
    return uk_date(now_utc())


def parse_iso_datetime(text: str) -> datetime:
    """An ISO 8601 date-time that must carry a UTC offset; returned in UTC."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError("must include a UTC offset, for example 2026-03-01T14:30:00+00:00")
    return moment.astimezone(UTC)


# GOV.UK's date input takes a month as a number or a name ("December", "Dec", "sept").
MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
DATE_PARTS = ("day", "month", "year")
INCIDENT_YEARS_BACK = 10


def month_number(text: str) -> int | None:
    """The month typed in a date input, as a number from 1 to 12, or None when it is not a month."""
    text = (text or "").strip().lower().rstrip(".")
    if text.isdigit():
        return int(text) if 1 <= int(text) <= 12 else None
    if len(text) < 3:
        return None
    found = [number for number, name in enumerate(MONTH_NAMES, 1) if name.startswith(text)]
    return found[0] if len(found) == 1 else None


def wrong_date_parts(day: str, month: str, year: str) -> tuple[str, ...]:
    """The parts of a typed date that cannot be right whatever the others say ("aa/bb/cccc" is wrong in all three)."""
    wrong = []
    if not (day.isdigit() and 1 <= int(day) <= 31):
        wrong.append("day")
    if month_number(month) is None:
        wrong.append("month")
    if not (len(year) == 4 and year.isdigit()):
        wrong.append("year")
    return tuple(wrong)


def years_before(day: date, years: int) -> date:
    """The same day `years` earlier (28 February for 29 February in a year that has none)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def earliest_incident_date(today: date) -> date:
    """The earliest date an incident may be reported as happening on: 10 years back."""
    return years_before(today, INCIDENT_YEARS_BACK)
