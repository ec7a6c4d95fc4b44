"""The partnership unit's queue of self-reports, assigning one to a centre, and what that centre then sees."""

import pytest
from sqlalchemy import select

from reporting.extensions import db
from reporting.models import AuditEvent
from tests.support import factories
from tests.support.client import ClientRequest
from tests.support.html import error_summary


@pytest.fixture
def reports(app):
    library = factories.centre("sale-library", "Sale Library")
    housing = factories.centre("stretford-housing", "Stretford Housing Office", "stretford")
    online = factories.report(None, categories=["disability"])
    at_library = factories.report(library)
    db.session.commit()
    return library, housing, online, at_library


def test_self_reports_wait_in_the_partnership_units_queue(client_request, reports):
    _library, _housing, online, at_library = reports
    client_request.login_as("partnership")
    page = client_request.get("self_reports.queue")
    waiting = page.select_one("table").get_text(" ")
    assert online.reference in waiting and "Disability" in waiting
    assert at_library.reference not in page.get_text(" ")


@pytest.mark.parametrize("role", ["volunteer", "centre_lead"])
def test_centre_staff_cannot_use_the_queue(client_request, reports, role):
    client_request.login_as(role, reports[0])
    client_request.get("self_reports.queue", _expected_status=403)
    client_request.post("self_reports.assign", reference=reports[2].reference, _data={"centre": "sale-library"},
                        _expected_status=403)  # fmt: skip


def test_assigning_gives_the_centre_the_report_without_changing_where_it_was_made(client_request, reports, app):
    library, housing, online, _at_library = reports
    client_request.login_as("partnership")
    response = client_request.post_response("self_reports.assign", reference=online.reference,
                                            _data={"centre": "stretford-housing"}, _expected_status=303)  # fmt: skip
    page = client_request.get_url(response.headers["Location"])
    assert f"{online.reference} is now with Stretford Housing Office" in page.get_text(" ")
    assert "Given to a centre" in page.get_text(" ")
    db.session.refresh(online)
    assert online.assigned_centre_id == housing.id and online.centre_id is None and online.channel == "self"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "case_given_to_centre"))
    assert event.object_id == online.reference and event.detail == "from=None to=stretford-housing"
    report_page = client_request.get("reports.view_report", reference=online.reference)
    assert "Stretford Housing Office" in report_page.get_text(" ")


def test_staff_of_the_assigned_centre_see_the_report_and_others_do_not(app, reports):
    library, housing, online, at_library = reports
    online.assigned_centre = housing
    db.session.commit()
    from tests.conftest import Auth

    housing_client, library_client = app.test_client(), app.test_client()
    housing_staff = ClientRequest(housing_client, Auth(housing_client))
    library_staff = ClientRequest(library_client, Auth(library_client))
    housing_staff.login_as("volunteer", housing)
    library_staff.login_as("centre_lead", library)
    listing = housing_staff.get("reports.list_reports").get_text(" ")
    assert online.reference in listing and at_library.reference not in listing
    housing_staff.get("reports.view_report", reference=online.reference, _expected_status=200)
    library_staff.get("reports.view_report", reference=online.reference, _expected_status=404)
    assert online.reference not in library_staff.get("reports.list_reports").get_text(" ")


def test_assigning_needs_a_centre(client_request, reports):
    client_request.login_as("partnership")
    page = client_request.post("self_reports.assign", reference=reports[2].reference, _data={"centre": ""},
                               _expected_status=400)  # fmt: skip
    assert error_summary(page) == ["Select the centre that will follow up the report"]
    client_request.post("self_reports.assign", reference=reports[3].reference, _data={"centre": "sale-library"},
                        _expected_status=404)  # fmt: skip


def test_an_assigned_self_report_still_counts_as_made_online(client_request, reports):
    from datetime import date

    from reporting.domain.periods import Period
    from reporting.review.figures.counting import count_reports

    client_request.login_as("partnership")
    client_request.post("self_reports.assign", reference=reports[2].reference, _data={"centre": "stretford-housing"},
                        _expected_status=303)  # fmt: skip
    rows = count_reports(db.session, Period(date(2026, 3, 1), date(2026, 3, 31)), ("centre",))
    assert {row.codes: row.count for row in rows} == {("online",): 1, ("sale-library",): 1}


def _unit(app) -> ClientRequest:
    from tests.conftest import Auth

    client = app.test_client()
    unit = ClientRequest(client, Auth(client))
    unit.login_as("partnership")
    return unit


def _waiting_references(page) -> list[str]:
    return [link.get_text(strip=True) for link in page.select("main table")[0].select("tbody td:first-child a")]


def test_the_queue_shows_every_waiting_report_oldest_first_with_its_true_count_and_pages(any_app):
    from datetime import UTC, datetime, timedelta

    from reporting.selfreport.services import QUEUE_PAGE_SIZE

    start = datetime(2025, 1, 1, 9, tzinfo=UTC)
    waiting = [factories.report(None, reported_at=start + timedelta(hours=index)).reference for index in range(130)]
    housing = factories.centre("stretford-housing", "Stretford Housing Office", "stretford")
    factories.report(None, reported_at=start - timedelta(days=1), assigned_centre=housing)
    db.session.commit()
    unit = _unit(any_app)
    first = unit.get("self_reports.queue")
    assert first.select_one("#waiting").get_text(strip=True) == "Waiting for a centre (130)"
    assert first.select_one("#assigned").get_text(strip=True) == "Given to a centre (1)"
    assert _waiting_references(first) == waiting[:QUEUE_PAGE_SIZE], "oldest first"
    pages = -(-130 // QUEUE_PAGE_SIZE)
    last = unit.get("self_reports.queue", page=pages)
    assert _waiting_references(last) == waiting[(pages - 1) * QUEUE_PAGE_SIZE :]
    assert f"Page {pages} of {pages}" in last.select_one(".govuk-pagination").get_text(" ")
    seen = []
    for number in range(1, pages + 1):
        seen += _waiting_references(unit.get("self_reports.queue", page=number))
    assert seen == waiting, "every waiting report, each once, beyond the first hundred"
    next_link = first.select_one(".govuk-pagination__next a")["href"]
    assert next_link.endswith("page=2")


def _cells(row) -> list[str]:
    return [" ".join(cell.get_text(" ").split()) for cell in row.select("td")]


def test_the_queue_says_what_the_unit_needs_to_choose_a_centre(any_app, monkeypatch):
    from datetime import UTC, datetime, timedelta

    from reporting.selfreport import queue_views

    now = datetime(2026, 3, 20, 12, tzinfo=UTC)
    monkeypatch.setattr(queue_views, "utcnow", lambda: now)
    area = factories.area("stretford", "Stretford")
    urdu = factories.report(None, reported_at=now - timedelta(days=2, hours=3, minutes=10), language="ur",
                            categories=["religion", "race"], area=area, support_wanted=True)  # fmt: skip
    fresh = factories.report(None, reported_at=now - timedelta(minutes=20), support_wanted=False)
    hours = factories.report(None, reported_at=now - timedelta(hours=5))
    db.session.commit()
    page = _unit(any_app).get("self_reports.queue")
    rows = {row.select_one("a").get_text(strip=True): _cells(row) for row in page.select("main table tbody tr")}
    assert rows[urdu.reference][1].startswith("2 days and 3 hours")
    assert rows[urdu.reference][2:6] == ["Race, ethnicity or nationality, Religion, faith or belief", "Stretford",
                                         "Urdu", "Yes"]  # fmt: skip
    assert rows[fresh.reference][1].startswith("Less than an hour") and rows[fresh.reference][5] == "No"
    assert rows[hours.reference][1].startswith("5 hours") and rows[hours.reference][3:6] == [
        "Not given", "English", "Not answered"
    ]  # fmt: skip
    assert list(rows) == [urdu.reference, hours.reference, fresh.reference]


def test_a_self_report_can_be_assigned_from_its_page(client_request, reports):
    _library, housing, online, at_library = reports
    client_request.login_as("partnership")
    page = client_request.get("reports.view_report", reference=online.reference)
    form = page.select_one("#centre-following-it-up + form")
    assert form["action"] == f"/reports/{online.reference}/centre"
    assert [option["value"] for option in form.select("select[name=centre] option")][1:] == [
        "sale-library", "stretford-housing"
    ]  # fmt: skip
    client_request.post_url(form["action"], _data={"centre": "stretford-housing"}, _expected_status=303)
    db.session.refresh(online)
    assert online.assigned_centre_id == housing.id
    after = client_request.get("reports.view_report", reference=online.reference)
    assert f"{online.reference} is now with Stretford Housing Office" in after.get_text(" ")
    assert after.select_one("#centre option[selected]")["value"] == "stretford-housing"
    assert "Change centre" in after.select_one("#centre-following-it-up + form button").get_text()
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "case_given_to_centre"))
    assert event.object_id == online.reference
    at_centre = client_request.get("reports.view_report", reference=at_library.reference)
    assert at_centre.select_one("#centre-following-it-up") is not None, "an open case made at a centre can be moved too"


def test_assigning_from_the_page_without_a_centre_is_explained(client_request, reports):
    online = reports[2]
    client_request.login_as("partnership")
    page = client_request.post("cases.give_to_centre", reference=online.reference, _data={"centre": ""},
                               _expected_status=400)  # fmt: skip
    assert error_summary(page) == ["Select the centre that will follow up the report"]


@pytest.mark.parametrize("role", ["volunteer", "centre_lead"])
def test_centre_staff_get_no_assign_form_on_a_self_report_given_to_them(client_request, reports, role):
    _library, housing, online, _at_library = reports
    online.assigned_centre = housing
    db.session.commit()
    client_request.login_as(role, housing)
    page = client_request.get("reports.view_report", reference=online.reference)
    assert page.select_one("#centre-following-it-up") is None
