"""Working days in England and Wales: weekends and bank holidays are skipped, deadlines count from the UK date."""

from datetime import UTC, date, datetime

import pytest

from reporting.domain.working_days import (
    acknowledge_by,
    add_working_days,
    deadlines,
    is_working_day,
    review_by,
)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 3, 16), True),  # a Monday
        (date(2026, 3, 14), False),  # a Saturday
        (date(2026, 3, 15), False),  # a Sunday
        (date(2026, 12, 25), False),  # Christmas Day
        (date(2026, 12, 28), False),  # Boxing Day, observed on the Monday
        (date(2027, 1, 1), False),  # New Year's Day
        (date(2026, 4, 3), False),  # Good Friday
        (date(2026, 4, 6), False),  # Easter Monday
        (date(2026, 5, 4), False),  # Early May bank holiday
        (date(2026, 8, 31), False),  # Summer bank holiday (England and Wales, not Scotland's)
        (date(2026, 8, 3), True),  # Scotland's summer bank holiday is a working day here
        (date(2026, 3, 17), True),  # St Patrick's Day is Northern Ireland's only
    ],
)
def test_working_days_are_weekdays_that_are_not_bank_holidays(day, working):
    assert is_working_day(day) is working


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        (date(2026, 3, 16), 0, date(2026, 3, 16)),
        (date(2026, 3, 16), 2, date(2026, 3, 18)),  # Monday + 2 = Wednesday
        (date(2026, 3, 19), 2, date(2026, 3, 23)),  # Thursday + 2 = Monday, over the weekend
        (date(2026, 3, 14), 2, date(2026, 3, 17)),  # received on a Saturday: Monday is the first working day
        (date(2026, 3, 16), 10, date(2026, 3, 30)),  # two whole weeks
        (date(2026, 12, 23), 2, date(2026, 12, 29)),  # over Christmas, Boxing Day observed on Monday 28th
        (date(2026, 12, 24), 3, date(2026, 12, 31)),
        (date(2026, 12, 31), 1, date(2027, 1, 4)),  # New Year's Day, then the weekend
        (date(2026, 4, 2), 1, date(2026, 4, 7)),  # Maundy Thursday: Good Friday and Easter Monday skipped
        (date(2027, 3, 25), 1, date(2027, 3, 30)),  # Easter 2027: Good Friday 26 March, Easter Monday 29 March
    ],
)
def test_adding_working_days(start, count, expected):
    assert add_working_days(start, count) == expected


def test_a_negative_count_is_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 3, 16), -1)


def test_acknowledge_within_2_and_review_within_10_working_days():
    assert acknowledge_by(date(2026, 12, 23)) == date(2026, 12, 29)
    assert review_by(date(2026, 12, 21)) == date(2027, 1, 7)  # 3 bank holidays in two weeks: 25, 28 Dec, 1 Jan


def test_deadlines_count_from_the_uk_date_of_receipt():
    # 23:30 UTC on 31 March 2026 is 00:30 on 1 April in London (summer time): the clock starts on the 1st.
    assert deadlines(datetime(2026, 3, 31, 23, 30, tzinfo=UTC)) == (date(2026, 4, 7), date(2026, 4, 17))
    # In winter UTC and London agree.
    assert deadlines(datetime(2026, 1, 5, 23, 30, tzinfo=UTC)) == (date(2026, 1, 7), date(2026, 1, 19))
