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
