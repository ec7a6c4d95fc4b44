"""Hotspots: the top third of the wards by incidents (ties kept together), counted over 12 whole months."""

from datetime import date

import pytest

from reporting.domain.hotspots import hotspot_count, hotspot_period, hotspots, hotspots_without_centre
from reporting.domain.periods import Period


@pytest.mark.parametrize(("wards", "top"), [(1, 1), (3, 1), (4, 2), (6, 2), (7, 3), (21, 7)])
def test_the_top_third_is_a_third_of_the_wards_rounded_up(wards, top):
    assert hotspot_count(wards) == top


def test_the_wards_with_the_most_incidents_are_the_hotspots():
    incidents = {"sale": 30, "urmston": 12, "hale": 9, "bowdon": 2, "flixton": 0, "manor": 5}
    assert hotspots(incidents) == {"sale", "urmston"}


def test_a_ward_tied_with_the_last_of_the_top_third_is_a_hotspot_too():
    incidents = {"sale": 30, "urmston": 12, "hale": 12, "bowdon": 2, "flixton": 0, "manor": 5}
    assert hotspots(incidents) == {"sale", "urmston", "hale"}


def test_a_ward_with_no_incidents_is_never_a_hotspot():
    assert hotspots({"sale": 3, "urmston": 0, "hale": 0, "bowdon": 0, "flixton": 0, "manor": 0}) == {"sale"}
    assert hotspots({"sale": 0, "urmston": 0, "hale": 0}) == set()
    assert hotspots({}) == set()


def test_only_hotspots_with_no_active_centre_are_flagged():
    incidents = {"sale": 30, "urmston": 12, "hale": 9, "bowdon": 2, "flixton": 0, "manor": 5}
    centres = {"sale": 2, "urmston": 0, "flixton": 1}
    assert hotspots_without_centre(incidents, centres) == {"urmston"}


@pytest.mark.parametrize(
    ("period", "counted"),
    [
        # A review of whole months: the 12 months ending with its last month.
        (Period(date(2025, 4, 1), date(2025, 9, 30)), Period(date(2024, 10, 1), date(2025, 9, 30))),
        (Period(date(2025, 1, 1), date(2025, 12, 31)), Period(date(2025, 1, 1), date(2025, 12, 31))),
        # A review that stops part of the way through a month: the 12 whole months before that month.
        (Period(date(2025, 4, 1), date(2025, 9, 15)), Period(date(2024, 9, 1), date(2025, 8, 31))),
        (Period(date(2024, 3, 1), date(2024, 3, 1)), Period(date(2023, 3, 1), date(2024, 2, 29))),
    ],
)
def test_incidents_are_counted_over_the_12_whole_months_up_to_the_end_of_the_period(period, counted):
    assert hotspot_period(period) == counted
    assert len(hotspot_period(period).months()) == 12
