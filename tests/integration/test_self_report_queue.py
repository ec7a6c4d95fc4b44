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
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "self_report_assigned"))
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
