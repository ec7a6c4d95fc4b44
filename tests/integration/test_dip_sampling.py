"""Dip sampling: five reports drawn at random from one month, reproducibly, and checked against the checklist."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from reporting.extensions import db
from reporting.models import AuditEvent, DipSample, Report
from reporting.review.dip_sampling import services as dip_sampling
from reporting.review.dip_sampling.models import CHECKLIST
from tests.support import factories
from tests.support.html import error_summary, text_of
from tests.support.review_data import add_reports


@pytest.fixture
def months(app):
    """12 reports in June 2025 (UK time, one made at 00:30 on 1 June); July starts at 23:00 UTC on 30 June."""
    area = factories.area("sale_central")
    library = factories.centre("sale-library", "Sale Library", "sale_central")
    june = add_reports(11, library, datetime(2025, 6, 15, 12, tzinfo=UTC), area=area)
    june += add_reports(1, None, datetime(2025, 5, 31, 23, 30, tzinfo=UTC), area=area)
    add_reports(4, library, datetime(2025, 5, 31, 22, 30, tzinfo=UTC), area=area)
    add_reports(4, library, datetime(2025, 6, 30, 23, 30, tzinfo=UTC), area=area)
    add_reports(3, library, datetime(2025, 6, 10, tzinfo=UTC), area=area, status="draft")
    add_reports(2, library, datetime(2025, 8, 2, tzinfo=UTC), area=area)
    db.session.commit()
    return {report.id for report in june}


def test_the_draw_takes_five_reports_from_the_month_only(app, months):
    assert set(dip_sampling.eligible_report_ids(db.session, "2025-06")) == months
    sample = dip_sampling.draw(db.session, "2025-06", None, seed="a-known-seed")
    drawn = [item.report_id for item in sample.items]
    assert len(drawn) == 5 == len(set(drawn))
    assert set(drawn) <= months
    assert sample.population == 12
    assert [item.position for item in sample.items] == [1, 2, 3, 4, 5]


def test_the_draw_is_reproducible_from_its_seed(app, months):
    sample = dip_sampling.draw(db.session, "2025-06", None)
    drawn = [item.report_id for item in sample.items]
    assert len(sample.seed) == 32
    assert dip_sampling.replay(db.session, sample) == drawn
    assert dip_sampling.draw_ids(sorted(months), sample.seed) == drawn
    assert dip_sampling.draw_ids(sorted(months), "another seed") != drawn


def test_a_month_with_fewer_than_five_reports_gives_them_all_and_an_empty_month_none(app, months):
    sample = dip_sampling.draw(db.session, "2025-08", None)
    assert len(sample.items) == 2
    with pytest.raises(dip_sampling.NothingToDraw):
        dip_sampling.draw(db.session, "2025-09", None)
    with pytest.raises(dip_sampling.AlreadyDrawn):
        dip_sampling.draw(db.session, "2025-08", None)


def test_drawing_through_the_page_stores_and_audits_the_draw(client_request, months):
    client_request.login_as("partnership")
    response = client_request.post_response("review.dip_samples", _data={"month": "2025-06"}, _expected_status=302)
    assert response.headers["Location"].endswith("/review/dip-samples/2025-06")
    sample = db.session.scalars(select(DipSample)).one()
    page = client_request.get("review.dip_sample", month="2025-06")
    assert sample.seed in text_of(page, "main")
    assert "Gives the same reports." in text_of(page, "main")
    references = db.session.scalars(select(Report.reference).where(Report.id.in_([i.report_id for i in sample.items])))
    for reference in references:
        assert reference in text_of(page, "table")
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "dip_sample_drawn")).one()
    assert event.object_id == "2025-06"


def test_drawing_from_a_month_without_reports_is_explained(client_request, months):
    client_request.login_as("partnership")
    page = client_request.post("review.dip_samples", _data={"month": "2025-09"}, _expected_status=400)
    message = "No reports were received in that month, so there is nothing to draw"
    assert error_summary(page) == [message]


def test_the_checklist_needs_every_answer_and_keeps_what_was_given(client_request, months):
    client_request.login_as("partnership")
    client_request.post("review.dip_samples", _data={"month": "2025-06"}, _expected_status=302)
    given = {"support_offered": "pass", "notes": "Good notes."}
    page = client_request.post("review.dip_sample_item", month="2025-06", position=1, _data=given, _expected_status=400)
    assert error_summary(page) == [
        "Select whether consent was recorded",
        "Select whether a referral was made where consent allowed",
        "Select whether the person was kept informed",
        "Select whether the outcome was suitable",
    ]
    assert page.select_one("#support_offered[checked]") is not None
    assert page.select_one("#notes").get_text() == "Good notes."


def test_findings_give_the_share_passing_each_check(client_request, months):
    client_request.login_as("partnership")
    client_request.post("review.dip_samples", _data={"month": "2025-06"}, _expected_status=302)
    answers = {item: "pass" for item in CHECKLIST} | {"kept_informed": "fail"}
    for position in (1, 2):
        page = client_request.post("review.dip_sample_item", month="2025-06", position=position, _data=answers,
                                   _follow_redirects=True)  # fmt: skip
        assert f"Checklist saved for sampled report {position}." in text_of(page, "main")
    third = {**answers, "kept_informed": "pass", "referral_made": "not_applicable"}
    client_request.post("review.dip_sample_item", month="2025-06", position=3, _data=third, _follow_redirects=True)

    rates = dip_sampling.pass_rates(db.session, ["2025-06"])
    informed = rates[(None, "2025-06", "kept_informed")]
    assert (informed.passed, informed.assessed) == (1, 3)
    assert rates[(None, "2025-06", "referral_made")].assessed == 2
    page = client_request.get("review.dashboard", date_from="2025-04", date_to="2025-09")
    row = page.select_one("#table-dip-samples-by-centre tr.app-review-table__total").get_text(" ")
    assert "33%" in row and "100%" in row
    assert len(db.session.scalars(select(AuditEvent).where(AuditEvent.action == "dip_sample_reviewed")).all()) == 3


def test_a_period_with_nothing_checked_says_so_without_a_chart_or_tables_of_noughts(client_request, months):
    client_request.login_as("partnership")
    # Drawn, but no checklist saved.
    client_request.post("review.dip_samples", _data={"month": "2025-06"}, _expected_status=302)
    page = client_request.get("review.dashboard", date_from="2025-04", date_to="2025-09")
    section = page.select_one("#dip-samples")
    assert text_of(section, ".app-findings") == "No dip-sampled reports were checked in this period."
    assert section.select("table, svg, figure") == []
    assert page.select_one("#table-dip-samples-by-centre") is None
    assert page.select_one("#table-dip-samples-by-month") is None


def test_a_period_where_support_offered_never_applied_does_not_say_nothing_was_checked(client_request, months):
    client_request.login_as("partnership")
    client_request.post("review.dip_samples", _data={"month": "2025-06"}, _expected_status=302)
    answers = {item: "pass" for item in CHECKLIST} | {"support_offered": "not_applicable"}
    client_request.post("review.dip_sample_item", month="2025-06", position=1, _data=answers, _follow_redirects=True)
    page = client_request.get("review.dashboard", date_from="2025-04", date_to="2025-09")
    section = page.select_one("#dip-samples")
    assert text_of(section, ".app-findings") == (
        "Every dip-sampled report checked passed: consent recorded, referral made where consent allowed, person kept "
        "informed, and outcome suitable."
    )
    assert "100%" in page.select_one("#table-dip-samples-by-centre tr.app-review-table__total").get_text(" ")
    assert section.select("svg")
