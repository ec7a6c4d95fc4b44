"""Review periods: UK local days `first` to `last` inclusive, split into whole months and part months.

Months are UK calendar months, written `YYYY-MM`. A period that starts on the first of a month and
ends on the last day of a month is *month-aligned*; the review summary answers those from whole
months, and counts the days of any part month at its edges from the reports themselves.

Figures that could give away one person are released for whole months only: two overlapping
ranges of days (a day apart, say) differ by one day's reports, and so by one person's answers.
`whole_months_around` widens a range to the whole months that contain it; `require_whole_months`
refuses anything else (outputs for partners); `complete_months_refusal` says why a range may not be
shown to centre staff, who see whole months that have all ended, since a month in progress grows a
day at a time.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ..domain.ukdates import uk_day_bounds


def month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def month_start(key: str) -> date:
    """The first day of the month `YYYY-MM`; ValueError for anything else."""
    year, month = key.split("-")
    if len(year) != 4 or len(month) != 2:
        raise ValueError(f"not a month: {key}")
    return date(int(year), int(month), 1)


def add_months(day: date, months: int) -> date:
    """The first day of the month `months` after the month of `day` (before it when negative)."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_end(day: date) -> date:
    """The last day of the month of `day`."""
    return add_months(day, 1) - timedelta(days=1)


def months_between(first: date, last: date) -> list[str]:
    """Every month from the month of `first` to the month of `last`, in order."""
    keys = []
    current = first.replace(day=1)
    while current <= last:
        keys.append(month_key(current))
        current = add_months(current, 1)
    return keys


def month_bounds(key: str) -> tuple[datetime, datetime]:
    """UTC instants [start, end) of the UK month `YYYY-MM`."""
    first = month_start(key)
    return uk_day_bounds(first, month_end(first))


@dataclass(frozen=True)
class Period:
    """UK local days `first` to `last`, both included."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError("the period ends before it starts")

    @classmethod
    def of_months(cls, first_month: str, last_month: str) -> "Period":
        return cls(month_start(first_month), month_end(month_start(last_month)))

    def bounds(self) -> tuple[datetime, datetime]:
        return uk_day_bounds(self.first, self.last)

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def months(self) -> list[str]:
        return months_between(self.first, self.last)

    @property
    def month_aligned(self) -> bool:
        return is_whole_months(self.first, self.last)

    def whole_months(self) -> list[str]:
        """The months every day of which lies in the period."""
        return [
            key for key in self.months() if self.first <= month_start(key) and month_end(month_start(key)) <= self.last
        ]

    def part_months(self) -> list["Period"]:
        """The days of the period in months it only partly covers, one period per month."""
        whole = set(self.whole_months())
        parts = []
        for key in self.months():
            if key in whole:
                continue
            start = max(self.first, month_start(key))
            parts.append(Period(start, min(self.last, month_end(start))))
        return parts

    def previous(self) -> "Period":
        """The period just before this one: as many whole months when month-aligned, else as many days."""
        if self.month_aligned:
            count = len(self.months())
            return Period(add_months(self.first, -count), self.first - timedelta(days=1))
        return Period(self.first - timedelta(days=self.days), self.first - timedelta(days=1))

    def trailing_months(self, count: int) -> "Period":
        """The `count` months up to the end of this period (the first of them whole)."""
        return Period(add_months(self.last, -(count - 1)), self.last)


def last_complete_months(today: date, count: int = 6) -> Period:
    """The `count` whole months before the month of `today`."""
    first_of_this_month = today.replace(day=1)
    return Period(add_months(first_of_this_month, -count), first_of_this_month - timedelta(days=1))


# ---------------------------------------------------------------- releasing figures for whole months only


def is_whole_months(first: date, last: date) -> bool:
    """Whether UK days `first` to `last` are one or more whole calendar months."""
    return first <= last and first.day == 1 and last == month_end(last)


def whole_months_around(first: date, last: date) -> Period:
    """The whole calendar months that hold every day from `first` to `last`."""
    return Period(first.replace(day=1), month_end(last))


def last_complete_month_end(today: date) -> date:
    """The last day of the last month that has ended by `today`."""
    return today.replace(day=1) - timedelta(days=1)


class NotWholeMonths(ValueError):
    """A period that is not whole calendar months; `suggested` holds the whole months to use instead."""

    def __init__(self, period: Period, suggested: Period):
        super().__init__(f"{period.first} to {period.last} is not whole calendar months")
        self.period = period
        self.suggested = suggested


class MonthsNotEnded(NotWholeMonths):
    """Whole months, but the last of them has not ended yet; `suggested` stops at the last month that has."""


def require_whole_months(period: Period) -> Period:
    """`period` itself when it is whole calendar months; NotWholeMonths, naming the months around it, if not."""
    if not is_whole_months(period.first, period.last):
        raise NotWholeMonths(period, whole_months_around(period.first, period.last))
    return period


def complete_months_refusal(first: date, last: date, today: date) -> NotWholeMonths | None:
    """None when `first` to `last` is whole months that have all ended by `today`; else why not, with the
    months to choose instead: those around the range, cut at the last month that has ended."""
    period = Period(first, last)
    around = whole_months_around(first, last)
    latest = last_complete_month_end(today)
    if around.last > latest:
        start = min(around.first, latest.replace(day=1))
        return MonthsNotEnded(period, Period(start, latest))
    if not is_whole_months(first, last):
        return NotWholeMonths(period, around)
    return None
