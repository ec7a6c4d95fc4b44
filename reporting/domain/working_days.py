"""Working days in England and Wales, and a case's deadlines counted in them.

A working day is Monday to Friday and not a bank holiday of England and Wales (the maintained `holidays`
package, through `centres.is_bank_holiday`). The clock starts on the UK date a report was received: it is to be
acknowledged within 2 working days, and reviewed within 10, then every 10 working days after each review.
"""

from datetime import date, datetime, timedelta
from functools import lru_cache

from .centres import is_bank_holiday
from .ukdates import uk_date

ACKNOWLEDGE_WITHIN = 2
REVIEW_EVERY = 10


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and not is_bank_holiday(day)


@lru_cache(maxsize=4096)  # imports and migrations ask for the same few hundred days again and again
def add_working_days(start: date, count: int) -> date:
    """The day `count` working days after `start` (which need not be a working day itself); `start` for 0."""
    if count < 0:
        raise ValueError("count must be 0 or more")
    day = start
    for _ in range(count):
        day += timedelta(days=1)
        while not is_working_day(day):
            day += timedelta(days=1)
    return day


def acknowledge_by(received_on: date) -> date:
    return add_working_days(received_on, ACKNOWLEDGE_WITHIN)


def review_by(last_reviewed_on: date) -> date:
    """The next review: 10 working days after receipt, or after the last review."""
    return add_working_days(last_reviewed_on, REVIEW_EVERY)


def deadlines(received_at: datetime) -> tuple[date, date]:
    """(acknowledge by, review by) for a report received at `received_at` (an aware time, any zone)."""
    received_on = uk_date(received_at)
    return acknowledge_by(received_on), review_by(received_on)
