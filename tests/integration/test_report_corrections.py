"""Correcting a submitted report's coded answers: kept with the old and new values, the reason, who and when; the
report's version moves on; the review summary stays exact; the reasons are erased with the report's details."""

from collections import Counter
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from reporting.cases import corrections
from reporting.cases.outcome_forms import EDITED_MEANWHILE, ENTER_REASON, NOTHING_CHANGED
from reporting.domain.periods import Period
from reporting.extensions import db
from reporting.models import AuditEvent, Report, ReportCorrection
from reporting.privacy.services import erase_personal_details
from reporting.review.figures.counting import count_reports
from reporting.review.figures.review_figures import review_figures
from reporting.review.figures.summary import keeping, reading
from tests.support import factories
from tests.support.html import error_summary, text_of

FORM = {
    "categories": ["race", "religion"],
    "incident_types": ["verbal_abuse"],
    "occurred_on-day": "13",
    "occurred_on-month": "3",
    "occurred_on-year": "2026",
    "location_type": "street",
    "area": "altrincham",
    "centre": "stretford-library",
    "reason": "The person said the abuse was about their faith too.",
}


@pytest.fixture
def centres(app):
    factories.area("altrincham", "Altrincham")
    return factories.centre(), factories.centre("stretford-library", "Stretford Library", "stretford")


@pytest.fixture
def report(centres):
    created = factories.report(centres[0], area=centres[0].area)
    db.session.commit()
    return created


def _form(report, **changes) -> dict:
    return {**FORM, "report_version": str(report.version), **changes}


def test_the_unit_corrects_the_coded_answers_with_a_reason(client_request, centres, report):
    lead = client_request.login_as("partnership")
    version = report.version
    page = client_request.get("reports.correct_report", reference=report.reference)
    assert page.select_one("#categories[checked]")["value"] == "race"
    client_request.post("reports.correct_report", reference=report.reference, _data=_form(report),
                        _expected_status=303)  # fmt: skip
    db.session.expire_all()
    corrected = db.session.get(Report, report.id)
    assert corrected.categories == ["race", "religion"]
    assert (corrected.area.code, corrected.centre.code) == ("altrincham", "stretford-library")
    assert corrected.version > version
    kept = db.session.scalars(select(ReportCorrection).order_by(ReportCorrection.id)).all()
    assert [(row.field, row.old_value, row.new_value) for row in kept] == [
        ("categories", "race", "race;religion"),
        ("area", "sale_central", "altrincham"),
        ("centre", "sale-library", "stretford-library"),
    ]
    assert {row.reason for row in kept} == {FORM["reason"]} and {row.corrected_by_id for row in kept} == {lead.id}
    [event] = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "report_corrected"))
    assert event.detail == "fields=categories,area,centre" and "faith" not in event.detail
    shown = text_of(client_request.get("reports.view_report", reference=report.reference), "#corrections ~ ul")
    assert "Categories: Race, ethnicity or nationality → Race, ethnicity or nationality; Religion, faith or" in shown
    assert "Area where it happened: Sale Central → Altrincham" in shown and FORM["reason"] in shown
    history = text_of(client_request.get("reports.view_report", reference=report.reference), "main")
    assert "Corrected: Centre where the report was made" in history and "Sale Library → Stretford Library" in history


def test_the_date_can_be_corrected_to_a_month(client_request, centres, report):
    client_request.login_as("centre_lead", centres[0])
    data = _form(report, **{"occurred_on-day": "", "occurred_on-month": "2", "occurred_on_approximate": "y",
                            "area": "sale_central", "centre": "sale-library", "categories": ["race"]})  # fmt: skip
    client_request.post("reports.correct_report", reference=report.reference, _data=data, _expected_status=303)
    [row] = db.session.scalars(select(ReportCorrection)).all()
    assert (row.field, row.old_value, row.new_value) == ("occurred_on", "2026-03-13", "2026-02")
    page = client_request.get("reports.view_report", reference=report.reference)
    assert "Date it happened: 13 March 2026 → February 2026" in text_of(page, "#corrections ~ ul")


def test_a_lead_of_the_centre_may_correct(client_request, centres, report):
    client_request.login_as("centre_lead", centres[0])
    client_request.post("reports.correct_report", reference=report.reference,
                        _data=_form(report, centre="sale-library"), _expected_status=303)  # fmt: skip
    assert db.session.get(Report, report.id).categories == ["race", "religion"]


def test_a_reason_is_required_and_something_must_change(client_request, centres, report):
    client_request.login_as("centre_lead", centres[0])
    page = client_request.post("reports.correct_report", reference=report.reference,
                               _data=_form(report, reason="  "), _expected_status=400)  # fmt: skip
    assert error_summary(page) == [str(ENTER_REASON)]
    unchanged = _form(report, categories=["race"], area="sale_central", centre="sale-library")
    page = client_request.post("reports.correct_report", reference=report.reference, _data=unchanged,
                               _expected_status=400)  # fmt: skip
    assert error_summary(page) == [str(NOTHING_CHANGED)]
    assert db.session.scalars(select(ReportCorrection)).all() == []


def test_a_stale_form_is_stopped_and_keeps_what_was_typed(client_request, centres, report):
    client_request.login_as("centre_lead", centres[0])
    stale = _form(report, report_version=str(report.version - 1 if report.version > 1 else 99))
    page = client_request.post("reports.correct_report", reference=report.reference, _data=stale,
                               _expected_status=400)  # fmt: skip
    assert error_summary(page) == [str(EDITED_MEANWHILE)]
    assert page.select_one("input[name=report_version]")["value"] == str(report.version)
    assert page.select_one("#categories-2[checked]") is not None  # religion, as typed
    assert db.session.scalars(select(ReportCorrection)).all() == []


def test_a_report_made_online_has_no_centre_to_correct(client_request, centres):
    online = factories.report(None)
    db.session.commit()
    client_request.login_as("partnership")
    page = client_request.get("reports.correct_report", reference=online.reference)
    assert page.select_one("#centre") is None
    client_request.post("reports.correct_report", reference=online.reference, _data=_form(online),
                        _expected_status=303)  # fmt: skip
    assert db.session.get(Report, online.id).centre_id is None


def test_volunteers_may_not_correct(client_request, centres, report):
    client_request.login_as("volunteer", centres[0])
    client_request.get("reports.correct_report", reference=report.reference, _expected_status=403)
    client_request.post("reports.correct_report", reference=report.reference, _data=_form(report),
                        _expected_status=403)  # fmt: skip


def test_erasure_clears_the_reasons_and_keeps_what_was_corrected(app, centres, report, tmp_path):
    lead = factories.user("lead@example.org", "centre_lead", centres[0])
    corrections.correct_report(report, lead, {"location_type": "home"}, "Said at home, not in the street.")
    erase_personal_details([report.id], tmp_path)
    db.session.commit()
    [row] = db.session.scalars(select(ReportCorrection)).all()
    assert (row.field, row.new_value, row.reason) == ("location_type", "home", None)


# The review summary after corrections, on both databases.

PERIOD = Period(date(2025, 4, 1), date(2025, 9, 30))


def _summary_matches_a_recount():
    keeping.bring_up_to_date(db.session)
    for period in (PERIOD, Period(date(2025, 6, 10), date(2025, 7, 20))):
        for by in (("centre", "area"), ("centre", "category"), ("category",), ("area",), ("centre",)):
            from_summary = reading.count_reports(db.session, period, by)
            assert from_summary == count_reports(db.session, period, by), (period, by)


def test_the_review_stays_exact_after_correcting_categories_area_and_centre(any_app):
    sale = factories.centre("sale-library", "Sale Library", "sale_central")
    factories.centre("stretford-library", "Stretford Library", "stretford")
    lead = factories.user("unit@example.org", "partnership")
    made = [
        factories.report(sale, area=sale.area, reported_at=datetime(2025, 6, day, 10, tzinfo=UTC))
        for day in (2, 15, 30)
    ]
    db.session.commit()
    review_figures(db.session, PERIOD)  # the summary is built before the corrections
    corrections.correct_report(made[0], lead, {"categories": ["disability", "race"]}, "Disability too.")
    corrections.correct_report(made[1], lead, {"area": "stretford", "centre": "stretford-library"}, "Wrong place.")
    corrections.correct_report(made[2], lead, {"categories": ["religion"], "area": None}, "Area not known.")
    _summary_matches_a_recount()
    figures = review_figures(db.session, PERIOD)
    assert Counter({row.code: row.current for row in figures.categories if row.current}) == Counter(
        {"race": 2, "disability": 1, "religion": 1}
    )
    assert {use.centre.code: use.total for use in figures.centre_use if use.total} == {
        "sale-library": 2,
        "stretford-library": 1,
    }
    result = any_app.test_cli_runner().invoke(
        args=["review", "counts", "--from", "2025-04-01", "--to", "2025-09-30", "--by", "centre,area"]
    )
    assert result.stdout.splitlines() == [
        "centre,area,count",
        "sale-library,sale_central,1",
        "sale-library,unknown,1",
        "stretford-library,stretford,1",
    ]


def test_a_correction_cannot_move_the_date_more_than_ten_years_back(client_request, centres, report):
    client_request.login_as("centre_lead", centres[0])
    data = _form(report, **{"occurred_on-day": "1", "occurred_on-month": "1", "occurred_on-year": "1900"})
    page = client_request.post("reports.correct_report", reference=report.reference, _data=data, _expected_status=400)
    [message] = error_summary(page)
    assert message.startswith("The date the incident happened must be on or after ")
    assert "(we take reports of the last 10 years)" in message
    assert db.session.scalars(select(ReportCorrection)).all() == []
    assert db.session.get(Report, report.id).occurred_on != date(1900, 1, 1)
