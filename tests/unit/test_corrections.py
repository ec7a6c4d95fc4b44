"""Corrections: which answers may be corrected, and how the old and new values are written."""

from datetime import date

from reporting.domain.corrections import (
    Change,
    as_text,
    changes,
    correctable_fields,
    list_value,
    occurred,
)


def test_the_centre_is_corrected_only_on_reports_made_at_a_centre():
    assert "centre" in correctable_fields("assisted")
    assert "centre" not in correctable_fields("self")
    assert correctable_fields("self") == ("categories", "incident_types", "occurred_on", "location_type", "area")


def test_values_are_written_as_codes_and_iso_dates():
    assert as_text(["race", "religion", "race"]) == "race;religion"
    assert as_text(date(2026, 3, 13)) == "2026-03-13"
    assert as_text(occurred(date(2026, 3, 1), approximate=True)) == "2026-03"
    assert as_text(None) is None and as_text("") is None and as_text([]) is None
    assert list_value("race;religion") == ["race", "religion"] and list_value(None) == []


def test_only_changed_answers_are_kept_in_order():
    before = {"categories": ["race"], "area": "sale_central", "centre": "sale-library", "location_type": "street"}
    after = {"categories": ["race", "religion"], "area": None, "centre": "sale-library", "location_type": "street"}
    assert changes(before, after) == [
        Change("categories", "race", "race;religion"),
        Change("area", "sale_central", None),
    ]


def test_a_date_known_to_the_month_differs_from_the_first_of_that_month():
    before = {"occurred_on": occurred(date(2026, 3, 1), approximate=True)}
    after = {"occurred_on": occurred(date(2026, 3, 1), approximate=False)}
    assert changes(before, after) == [Change("occurred_on", "2026-03", "2026-03-01")]
