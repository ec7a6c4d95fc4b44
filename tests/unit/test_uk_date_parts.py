"""Typed date parts: month names as GOV.UK's date input accepts them, the parts that are wrong, ten years back."""

from datetime import date

import pytest

from reporting.domain.ukdates import earliest_incident_date, month_number, wrong_date_parts


@pytest.mark.parametrize(("typed", "number"), [("December", 12), ("dec", 12), ("Sept", 9), ("sep.", 9), ("3", 3),
                                               ("03", 3), ("MAY", 5), ("jun", 6), ("jul", 7)])  # fmt: skip
def test_months_are_numbers_or_names(typed, number):
    assert month_number(typed) == number


@pytest.mark.parametrize("typed", ["", "13", "0", "ju", "ma", "decembre", "bb"])
def test_what_is_not_a_month(typed):
    assert month_number(typed) is None


def test_every_wrong_part_is_named():
    assert wrong_date_parts("aa", "bb", "cccc") == ("day", "month", "year")
    assert wrong_date_parts("27", "March", "26") == ("year",)
    assert wrong_date_parts("27", "3", "2026") == ()


def test_ten_years_back_on_a_leap_day():
    assert earliest_incident_date(date(2028, 2, 29)) == date(2018, 2, 28)
    assert earliest_incident_date(date(2026, 12, 7)) == date(2016, 12, 7)
