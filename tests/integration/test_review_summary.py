"""The review summary stays exact whatever writes the reports: the ORM, bulk inserts, updates and deletes."""

from collections import Counter
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import delete, insert, inspect, select, text, update

from reporting.domain.periods import Period
from reporting.domain.places import NO_AREA, NO_CENTRE
from reporting.extensions import db
from reporting.models import Report, ReportCategory
from reporting.review.figures.counting import count_reports
from reporting.review.figures.summary import keeping, reading
from tests.support import factories
from tests.support.review_data import generate

PERIODS = [
    Period(date(2025, 4, 1), date(2025, 9, 30)),  # whole months, summer time at both ends
    Period(date(2025, 3, 31), date(2025, 10, 1)),  # a day either side: part months counted live
    Period(date(2025, 5, 15), date(2025, 5, 20)),  # inside one month
]


def codes_by_id(session) -> tuple[dict, dict]:
    centres = dict(session.execute(text("SELECT id, code FROM centres")).all())
    areas = dict(session.execute(text("SELECT id, code FROM areas")).all())
    return {NO_CENTRE: "online", **centres}, {NO_AREA: "unknown", **areas}


def summary_counts(period: Period) -> dict[str, Counter]:
    """What the summary says, in the shape `count_reports` gives."""
    centres, areas = codes_by_id(db.session)
    rows = reading.rows_for_period(db.session, period)
    found = {"centre,area": Counter(), "centre,category": Counter(), "incident_type": Counter()}
    for row in rows.areas:
        found["centre,area"][(centres[row.centre_key], areas[row.area_key])] += row.reports
    for row in rows.codes:
        if row.dimension == "category":
            found["centre,category"][(centres[row.centre_key], row.code)] += row.reports
        elif row.dimension == "incident_type":
            found["incident_type"][(row.code,)] += row.reports
    return {key: +counter for key, counter in found.items()}


def counted(period: Period) -> dict[str, Counter]:
    return {
        key: Counter({row.codes: row.count for row in count_reports(db.session, period, key.split(","))})
        for key in ("centre,area", "centre,category", "incident_type")
    }


def assert_summary_exact():
    keeping.bring_up_to_date(db.session)
    assert keeping.queued(db.session) == 0
    for period in PERIODS:
        assert summary_counts(period) == counted(period), period


@pytest.fixture
def generated(any_app):
    reports = generate(120, seed=11)
    db.session.commit()
    return reports


def test_the_summary_agrees_with_counting_from_the_reports(generated):
    assert keeping.queued(db.session) > 0, "the triggers queue new reports"
    assert_summary_exact()


def test_changes_made_through_the_orm_are_recounted(generated):
    keeping.bring_up_to_date(db.session)
    report = db.session.scalars(select(Report).where(Report.status != "draft").order_by(Report.id)).first()
    report.categories = ["disability", "age"]
    report.centre = None
    report.area = None
    draft = db.session.scalars(select(Report).where(Report.status == "draft")).first()
    draft.status = "received"
    db.session.commit()
    assert_summary_exact()
    db.session.delete(report)
    db.session.commit()
    assert_summary_exact()


def test_bulk_sql_writes_are_recounted(generated):
    keeping.bring_up_to_date(db.session)
    centre = factories.centre("stretford-hub", "Stretford Hub", "old_trafford")
    new_id = db.session.execute(
        insert(Report).returning(Report.id),
        [
            {
                "reference": "HR-BULK-0001",
                "channel": "assisted",
                "centre_id": centre.id,
                "status": "received",
                "reported_at": datetime(2025, 6, 30, 23, 30, tzinfo=UTC),
                "language": "en",
            }
        ],
    ).scalar_one()
    db.session.execute(insert(ReportCategory), [{"report_id": new_id, "code": "disability"}])
    db.session.execute(
        update(Report).where(Report.reported_at < datetime(2025, 5, 1, tzinfo=UTC)).values(centre_id=centre.id)
    )
    db.session.execute(delete(ReportCategory).where(ReportCategory.code == "race"))
    db.session.execute(delete(Report).where(Report.area_id.is_(None)))
    db.session.commit()
    assert_summary_exact()


def test_the_summary_can_be_rebuilt_from_nothing(generated):
    keeping.bring_up_to_date(db.session)
    for model in keeping.SUMMARY_TABLES:
        db.session.execute(delete(model))
    db.session.commit()
    assert keeping.mark_all_for_recount(db.session) > 0
    assert_summary_exact()


def test_the_migration_installs_the_triggers_that_keep_it_current(any_app):
    connection = db.session.connection()
    if connection.dialect.name == "sqlite":
        names = connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars().all()
    else:
        names = connection.execute(text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")).scalars().all()
    for table in ("reports", "report_categories", "report_incident_types", "survey_responses"):
        for event in ("insert", "update", "delete"):
            assert f"review_queue_{table}_{event}" in names
    assert "review_summary_queue" in inspect(connection).get_table_names()


@pytest.mark.parametrize(
    ("utc_month", "uk_months"),
    [
        ("2025-03", ("2025-03", "2025-04")),
        ("2025-09", ("2025-09", "2025-10")),
        ("2025-10", ("2025-10",)),
        ("2025-12", ("2025-12",)),
        ("2026-02", ("2026-02",)),
    ],
)
def test_a_utc_month_reaches_into_the_next_uk_month_only_in_summer_time(utc_month, uk_months):
    assert keeping.uk_months_of_utc_month(utc_month) == uk_months


def test_the_review_figures_agree_with_counting_on_both_databases(generated):
    from reporting.review.figures.review_figures import review_figures

    for period in PERIODS:
        figures = review_figures(db.session, period)
        categories = {row.codes[0]: row.count for row in count_reports(db.session, period, ("category",))}
        assert figures.total.current == sum(row.count for row in count_reports(db.session, period, ("centre",))), period
        assert {row.code: row.current for row in figures.categories if row.current} == categories, period
        by_area = {row.codes[0]: row.count for row in count_reports(db.session, period, ("area",))}
        assert {area.area.code: area.reports for area in figures.areas if area.reports} == by_area, period


def test_demo_data_loaded_in_bulk_is_counted_exactly(app):
    from reporting.demo.loader import load_demo_data
    from reporting.domain.periods import last_complete_months
    from reporting.domain.ukdates import now_utc, uk_date

    load_demo_data(300, seed=5)
    today = uk_date(now_utc())
    for period in (last_complete_months(today), last_complete_months(today).previous(), Period(today, today)):
        keeping.bring_up_to_date(db.session)
        assert summary_counts(period) == counted(period), period


@pytest.mark.parametrize(
    "by",
    [
        (),
        ("centre",),
        ("centre", "category"),
        ("category", "centre"),
        ("month", "incident_type"),
        ("area", "month", "centre"),
        ("area",),
    ],
)
def test_review_counts_answered_from_the_summary_equal_counting_from_the_reports(generated, by):
    for period in PERIODS:
        assert reading.count_reports(db.session, period, by) == count_reports(db.session, period, by), period


@pytest.mark.parametrize("by", [("channel",), ("category", "incident_type"), ("area", "category"), ("language",)])
def test_review_counts_the_summary_does_not_keep_are_left_to_counting(any_app, by):
    assert reading.count_reports(db.session, PERIODS[0], by) is None
