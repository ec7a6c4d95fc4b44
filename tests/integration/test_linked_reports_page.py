"""Linked reports on the report page: "Reported before", what each centre may see of another's report, deciding a
suggestion (audited; across centres only the partnership unit), series, and the flag on the lists."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from reporting.extensions import db
from reporting.links import services
from reporting.links.models import CONFIRMED, SUGGESTED, ReportLink, Series, SeriesReport
from reporting.models import AuditEvent
from tests.support import factories
from tests.support.html import error_summary, text_of

PHONE = {"name": "Samira Example", "phone": "07700 900461"}


def _report(centre, day: int, month: int = 3, contact=PHONE):
    report = factories.report(centre, contact=contact, reported_at=datetime(2026, month, day, 10, tzinfo=UTC))
    services.refresh(report)
    db.session.commit()
    return report


@pytest.fixture
def sale(app):
    return factories.centre()


@pytest.fixture
def altrincham(app):
    return factories.centre("altrincham-library", "Altrincham Library")


def _link(first, second) -> ReportLink:
    return services.find_link(first, second)


def test_a_lead_sees_the_suggestion_with_its_reasons_and_confirms_it(client_request, sale):
    first, second = _report(sale, 1), _report(sale, 20)
    client_request.login_as("centre_lead", sale)
    page = client_request.get("reports.view_report", reference=second.reference)
    assert "Why: same phone number" in text_of(page, ".app-suggested-links")
    assert first.reference in text_of(page, ".app-suggested-links")
    link = _link(first, second)
    client_request.post("links.decide", reference=second.reference, link_id=link.id, decision="confirm",
                        _expected_status=303)  # fmt: skip
    db.session.refresh(link)
    assert link.status == CONFIRMED and link.decided_by.email == "centre_lead-sale-library@example.org"
    page = client_request.get("reports.view_report", reference=second.reference)
    assert text_of(page, "#reported-before") == "Reported before 1 report in the last 12 months"
    assert first.reference in text_of(page, "#same-person")
    assert page.select_one(".app-suggested-links") is None
    assert db.session.scalars(select(AuditEvent.action).where(AuditEvent.action == "link_confirmed")).all()
    listed = client_request.get("reports.list_reports")
    flagged = [row.select_one("a").text for row in listed.select("tr") if row.select_one(".app-repeat-flag")]
    assert sorted(flagged) == sorted([first.reference, second.reference])


def test_the_count_is_of_the_person_s_reports_in_the_twelve_months_before(client_request, sale):
    old = factories.report(sale, contact=PHONE, reported_at=datetime(2024, 1, 5, 10, tzinfo=UTC))
    services.refresh(old)
    reports = [old, _report(sale, 2, 2), _report(sale, 3, 3), _report(sale, 4, 4)]
    for other in reports[:-1]:
        services.decide(_link(other, reports[-1]), CONFIRMED, None)
    db.session.commit()
    client_request.login_as("centre_lead", sale)
    page = client_request.get("reports.view_report", reference=reports[-1].reference)
    assert text_of(page, "#reported-before") == "Reported before 2 reports in the last 12 months"
    assert len(page.select("#same-person li")) == 3


def test_another_centre_s_report_shows_only_where_and_when_and_only_the_unit_decides(client_request, sale, altrincham):
    theirs, ours = _report(altrincham, 1), _report(sale, 20)
    lead = client_request.login_as("centre_lead", sale)
    page = client_request.get("reports.view_report", reference=ours.reference)
    suggestion = text_of(page, ".app-suggested-links")
    assert "A report at Altrincham Library on 1 March 2026." in suggestion
    assert theirs.reference not in page.text and "The partnership unit decides this link." in suggestion
    assert page.select("form[action*='/links/']") == []
    link = _link(theirs, ours)
    client_request.post("links.decide", reference=ours.reference, link_id=link.id, decision="confirm",
                        _expected_status=403)  # fmt: skip
    client_request.get("reports.view_report", reference=theirs.reference, _expected_status=404)
    client_request.post("links.decide", reference=theirs.reference, link_id=link.id, decision="confirm",
                        _expected_status=404)  # fmt: skip
    assert db.session.get(ReportLink, link.id).status == SUGGESTED and lead.centre_id == sale.id

    client_request.post("auth.sign_out", _expected_status=302)
    client_request.login_as("partnership")
    page = client_request.get("reports.view_report", reference=ours.reference)
    assert theirs.reference in text_of(page, ".app-suggested-links")
    client_request.post("links.decide", reference=ours.reference, link_id=link.id, decision="confirm",
                        _expected_status=303)  # fmt: skip
    client_request.post("auth.sign_out", _expected_status=302)
    client_request.login(lead)
    page = client_request.get("reports.view_report", reference=ours.reference)
    assert "A report at Altrincham Library on 1 March 2026." in text_of(page, "#same-person")
    assert theirs.reference not in page.text
    assert "The partnership unit can see both reports." in page.text


def test_a_volunteer_may_not_decide_a_link(client_request, sale):
    first, second = _report(sale, 1), _report(sale, 20)
    client_request.login_as("volunteer", sale)
    page = client_request.get("reports.view_report", reference=second.reference)
    assert page.select("form[action*='/links/']") == []
    client_request.post("links.decide", reference=second.reference, link_id=_link(first, second).id,
                        decision="confirm", _expected_status=403)  # fmt: skip


def test_a_lead_rejects_a_suggestion_and_it_goes(client_request, sale):
    first, second = _report(sale, 1), _report(sale, 20)
    client_request.login_as("centre_lead", sale)
    link = _link(first, second)
    client_request.post("links.decide", reference=first.reference, link_id=link.id, decision="reject",
                        _expected_status=303)  # fmt: skip
    page = client_request.get("reports.view_report", reference=first.reference)
    assert page.select_one(".app-suggested-links") is None
    assert text_of(page, "#reported-before") == "No other reports of this person are linked."
    client_request.post("links.decide", reference=first.reference, link_id=link.id, decision="maybe",
                        _expected_status=404)  # fmt: skip


def test_the_person_s_reports_go_into_a_named_series(client_request, sale):
    first, second = _report(sale, 1), _report(sale, 20)
    services.decide(_link(first, second), CONFIRMED, None)
    db.session.commit()
    client_request.login_as("centre_lead", sale)
    page = client_request.post("links.add_to_series", reference=second.reference, _data={"series_name": "  "},
                               _expected_status=400)  # fmt: skip
    assert error_summary(page) == ["Enter a name for the series"]
    client_request.post("links.add_to_series", reference=second.reference,
                        _data={"series_name": "Dog walker, Elm Park"}, _expected_status=303)  # fmt: skip
    series = db.session.scalars(select(Series)).one()
    members = set(db.session.scalars(select(SeriesReport.report_id)))
    assert series.name == "Dog walker, Elm Park" and members == {first.id, second.id}
    page = client_request.get("reports.view_report", reference=first.reference)
    assert "Dog walker, Elm Park (2 reports)" in page.text
