"""Releasing figures for whole months only: which ranges are whole months, and what to choose instead."""

from datetime import date

import pytest

from reporting.domain.periods import (
    MonthsNotEnded,
    NotWholeMonths,
    Period,
    complete_months_refusal,
    is_whole_months,
    last_complete_month_end,
    require_whole_months,
    whole_months_around,
)

TODAY = date(2026, 12, 6)


@pytest.mark.parametrize(
    ("first", "last", "whole"),
    [
        (date(2026, 3, 1), date(2026, 3, 31), True),
        (date(2026, 1, 1), date(2026, 6, 30), True),
        (date(2024, 2, 1), date(2024, 2, 29), True),  # a leap year's February
        (date(2025, 12, 1), date(2026, 1, 31), True),  # across the turn of the year
        (date(2026, 3, 5), date(2026, 3, 5), False),  # one day
        (date(2026, 3, 4), date(2026, 3, 5), False),  # two days
        (date(2026, 3, 1), date(2026, 3, 30), False),  # a month less its last day
        (date(2026, 3, 2), date(2026, 3, 31), False),  # a month less its first day
        (date(2025, 2, 1), date(2025, 2, 28), True),  # February in an ordinary year
        (date(2026, 3, 31), date(2026, 3, 1), False),  # backwards
    ],
)
def test_whole_months_start_on_a_first_and_end_on_a_last_day(first, last, whole):
    assert is_whole_months(first, last) is whole


def test_a_range_widens_to_the_whole_months_that_hold_it():
    assert whole_months_around(date(2026, 3, 5), date(2026, 3, 5)) == Period(date(2026, 3, 1), date(2026, 3, 31))
    assert whole_months_around(date(2025, 11, 30), date(2026, 2, 1)) == Period(date(2025, 11, 1), date(2026, 2, 28))
    assert whole_months_around(date(2026, 4, 1), date(2026, 4, 30)) == Period(date(2026, 4, 1), date(2026, 4, 30))


def test_outputs_for_partners_refuse_part_months_and_name_the_months_to_use():
    whole = Period(date(2025, 4, 1), date(2025, 9, 30))
    assert require_whole_months(whole) is whole
    with pytest.raises(NotWholeMonths) as refused:
        require_whole_months(Period(date(2025, 4, 2), date(2025, 9, 30)))
    assert refused.value.suggested == whole
    assert "2025-04-02 to 2025-09-30 is not whole calendar months" in str(refused.value)


def test_the_last_complete_month_is_the_one_before_today():
    assert last_complete_month_end(TODAY) == date(2026, 11, 30)
    assert last_complete_month_end(date(2026, 3, 1)) == date(2026, 2, 28)
    assert last_complete_month_end(date(2026, 1, 31)) == date(2025, 12, 31)


def test_centre_staff_may_see_whole_months_that_have_ended():
    assert complete_months_refusal(date(2026, 11, 1), date(2026, 11, 30), TODAY) is None
    assert complete_months_refusal(date(2026, 6, 1), date(2026, 11, 30), TODAY) is None


@pytest.mark.parametrize(
    ("first", "last", "suggested"),
    [
        # The attack: one day, and two ranges a day apart, give away one person's answers.
        (date(2026, 3, 5), date(2026, 3, 5), Period(date(2026, 3, 1), date(2026, 3, 31))),
        (date(2026, 3, 4), date(2026, 3, 5), Period(date(2026, 3, 1), date(2026, 3, 31))),
        (date(2026, 2, 15), date(2026, 4, 10), Period(date(2026, 2, 1), date(2026, 4, 30))),
    ],
)
def test_part_months_are_refused_for_centre_staff_with_the_months_around_them(first, last, suggested):
    refusal = complete_months_refusal(first, last, TODAY)
    assert type(refusal) is NotWholeMonths
    assert refusal.suggested == suggested


@pytest.mark.parametrize(
    ("first", "last", "suggested"),
    [
        # This month so far is whole months in name, but it grows a day at a time.
        (date(2026, 12, 1), date(2026, 12, 31), Period(date(2026, 11, 1), date(2026, 11, 30))),
        (date(2026, 12, 6), date(2026, 12, 6), Period(date(2026, 11, 1), date(2026, 11, 30))),
        (date(2026, 6, 1), date(2026, 12, 31), Period(date(2026, 6, 1), date(2026, 11, 30))),
        (date(2026, 6, 3), date(2027, 2, 3), Period(date(2026, 6, 1), date(2026, 11, 30))),
    ],
)
def test_months_not_yet_ended_are_refused_for_centre_staff_up_to_the_last_that_has(first, last, suggested):
    refusal = complete_months_refusal(first, last, TODAY)
    assert isinstance(refusal, MonthsNotEnded)
    assert refusal.suggested == suggested
