"""Quarters of the calendar year, as the published statistics count them: `2026-Q2` is April to June 2026.

A quarter is three whole UK calendar months, so the review's counting rules apply to it as they are
(reports by the UK date they were reported, whole months only). A quarter may be published once it
has ended: the day after its last day, in the UK.
"""

import re
from dataclasses import dataclass
from datetime import date

from .periods import Period, add_months, month_end

PATTERN = re.compile(r"(\d{4})-Q([1-4])")


class NotAQuarter(ValueError):
    """Text that is not a quarter written `YYYY-Qn`."""


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> "Quarter":
        """`2026-Q2` as a Quarter; NotAQuarter for anything else."""
        found = PATTERN.fullmatch((text or "").strip().upper())
        if found is None:
            raise NotAQuarter(f"{text!r} is not a quarter: write it like 2026-Q2")
        return cls(int(found[1]), int(found[2]))

    @classmethod
    def of_day(cls, day: date) -> "Quarter":
        return cls(day.year, (day.month - 1) // 3 + 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-Q{self.number}"

    @property
    def first_day(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> date:
        return month_end(add_months(self.first_day, 2))

    def period(self) -> Period:
        return Period(self.first_day, self.last_day)

    def months(self) -> list[str]:
        return self.period().months()

    def has_ended(self, today: date) -> bool:
        """Whether every day of the quarter is over by `today` (a UK date)."""
        return today > self.last_day

    def previous(self) -> "Quarter":
        return Quarter.of_day(add_months(self.first_day, -3))

    def next(self) -> "Quarter":
        return Quarter.of_day(add_months(self.first_day, 3))


def last_ended(today: date) -> Quarter:
    """The most recent quarter that has ended by `today`."""
    return Quarter.of_day(today).previous()


def ended_quarters(today: date, count: int) -> list[Quarter]:
    """The `count` most recent quarters that have ended by `today`, newest first."""
    quarters = [last_ended(today)]
    while len(quarters) < count:
        quarters.append(quarters[-1].previous())
    return quarters
