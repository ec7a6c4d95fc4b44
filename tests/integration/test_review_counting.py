"""Counting for the review, checked against tallies built independently from generated reports, on both databases."""

from datetime import UTC, date, datetime

import pytest

from reporting.domain.periods import Period
from reporting.extensions import db
from reporting.review.figures.counting import DIMENSIONS, UnknownDimension, count_reports, total_reports
from tests.support import factories
from tests.support.review_data import generate, tally

SUMMER = Period(date(2025, 4, 1), date(2025, 9, 30))


@pytest.fixture
def generated(any_app):
    reports = generate(160)
    db.session.commit()
    return reports


def as_counter(rows):
    return {row.codes: row.count for row in rows}


COMBINATIONS = [(name,) for name in DIMENSIONS] + [
    ("centre", "category"),
    ("category", "incident_type"),
    ("month", "area"),
    ("police_consent", "centre", "month"),
]


def test_counts_match_an_independent_tally(generated):
    for by in COMBINATIONS:
        counted = count_reports(db.session, SUMMER, by)
        assert as_counter(counted) == dict(tally(generated, SUMMER.first, SUMMER.last, by)), by
        assert [row.codes for row in counted] == sorted(row.codes for row in counted), by


def test_totals_count_reports_once_however_many_categories_they_have(generated):
    reports = [report for report in generated if not report.draft and SUMMER.first <= report.uk_day() <= SUMMER.last]
    by_category = sum(row.count for row in count_reports(db.session, SUMMER, ("category",)))
    assert total_reports(db.session, SUMMER) == len(reports)
    assert by_category == sum(len(report.categories) for report in reports) > len(reports)


def test_a_period_of_whole_uk_days_in_summer_time(any_app):
    factories.area("sale_central")
    edges = {
        datetime(2025, 3, 31, 22, 59, 59, tzinfo=UTC): "31 March, 23:59:59 in the UK: before the period",
        datetime(2025, 3, 31, 23, 0, tzinfo=UTC): "1 April, midnight in the UK: the first moment",
        datetime(2025, 9, 30, 22, 59, 59, tzinfo=UTC): "30 September, 23:59:59 in the UK: the last moment",
        datetime(2025, 9, 30, 23, 0, tzinfo=UTC): "1 October in the UK: after the period",
    }
    for moment in edges:
        factories.report(None, reported_at=moment)
    db.session.commit()

    months = as_counter(count_reports(db.session, SUMMER, ("month",)))

    assert months == {("2025-04",): 1, ("2025-09",): 1}
    assert total_reports(db.session, Period(date(2025, 3, 31), date(2025, 3, 31))) == 1
    assert total_reports(db.session, Period(date(2025, 10, 1), date(2025, 10, 1))) == 1


def test_drafts_never_count(any_app):
    library = factories.centre()
    factories.report(library, status="draft", reported_at=datetime(2025, 5, 1, 12, tzinfo=UTC))
    factories.report(library, status="received", reported_at=datetime(2025, 5, 1, 12, tzinfo=UTC))
    db.session.commit()
    assert as_counter(count_reports(db.session, SUMMER, ("centre",))) == {("sale-library",): 1}


def test_self_reports_count_as_online_and_missing_areas_as_unknown(any_app):
    factories.centre()
    factories.report(None, reported_at=datetime(2025, 6, 1, 12, tzinfo=UTC), area=None)
    db.session.commit()
    rows = count_reports(db.session, SUMMER, ("centre", "area"))
    assert as_counter(rows) == {("online", "unknown"): 1}


def test_counts_for_one_centre(generated):
    counted = as_counter(count_reports(db.session, SUMMER, ("category",), centre_code="online"))
    expected = tally(
        [report for report in generated if report.centre == "online"], SUMMER.first, SUMMER.last, ("category",)
    )
    assert counted == dict(expected)


def test_unknown_dimensions_are_refused(app):
    with pytest.raises(UnknownDimension, match="colour"):
        count_reports(db.session, SUMMER, ("centre", "colour"))
