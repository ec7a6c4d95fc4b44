"""The partnership unit's queue of self-reports, assigning one to a centre, and what that centre then sees."""

import pytest
from sqlalchemy import select

from reporting.extensions import db
from reporting.models import AuditEvent
from tests.support import factories
from tests.support.html import error_summary, parse_page


@pytest.fixture
def reports(app):
    library = factories.centre("sale-library", "Sale Library")
    housing = factories.centre("stretford-housing", "Stretford Housing Office", "stretford")
    online = factories.report(None, categories=["disability"])
    at_library = factories.report(library)
    db.session.commit()
    return library, housing, online, at_library


def test_self_reports_wait_in_the_partnership_units_queue(client, auth, reports):
    _library, _housing, online, at_library = reports
    auth.login_as("partnership")
    page = parse_page(client.get("/self-reports/"))
    waiting = page.select_one("table").get_text(" ")
    assert online.reference in waiting and "Disability" in waiting
    assert at_library.reference not in page.get_text(" ")


@pytest.mark.parametrize("role", ["volunteer", "centre_lead"])
def test_centre_staff_cannot_use_the_queue(client, auth, reports, role):
    auth.login_as(role, reports[0])
    assert client.get("/self-reports/").status_code == 403
    assert (
        client.post(f"/self-reports/{reports[2].reference}/assign", data={"centre": "sale-library"}).status_code == 403
    )


def test_assigning_gives_the_centre_the_report_without_changing_where_it_was_made(client, auth, reports, app):
    library, housing, online, _at_library = reports
    auth.login_as("partnership")
    response = client.post(f"/self-reports/{online.reference}/assign", data={"centre": "stretford-housing"})
    assert response.status_code == 303
    page = parse_page(client.get(response.headers["Location"]))
    assert f"{online.reference} is now with Stretford Housing Office" in page.get_text(" ")
    assert "Given to a centre" in page.get_text(" ")
    db.session.refresh(online)
    assert online.assigned_centre_id == housing.id and online.centre_id is None and online.channel == "self"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "self_report_assigned"))
    assert event.object_id == online.reference and event.detail == "from=None to=stretford-housing"
    report_page = parse_page(client.get(f"/reports/{online.reference}"))
    assert "Stretford Housing Office" in report_page.get_text(" ")


def test_staff_of_the_assigned_centre_see_the_report_and_others_do_not(app, reports):
    library, housing, online, at_library = reports
    online.assigned_centre = housing
    db.session.commit()
    housing_client, library_client = app.test_client(), app.test_client()
    from tests.conftest import Auth

    Auth(housing_client).login_as("volunteer", housing)
    Auth(library_client).login_as("centre_lead", library)
    listing = parse_page(housing_client.get("/reports/")).get_text(" ")
    assert online.reference in listing and at_library.reference not in listing
    assert housing_client.get(f"/reports/{online.reference}").status_code == 200
    assert library_client.get(f"/reports/{online.reference}").status_code == 404
    assert online.reference not in parse_page(library_client.get("/reports/")).get_text(" ")


def test_assigning_needs_a_centre(client, auth, reports):
    auth.login_as("partnership")
    response = client.post(f"/self-reports/{reports[2].reference}/assign", data={"centre": ""})
    assert response.status_code == 400
    assert error_summary(parse_page(response)) == ["Select the centre that will follow up the report"]
    assert (
        client.post(f"/self-reports/{reports[3].reference}/assign", data={"centre": "sale-library"}).status_code == 404
    )


def test_an_assigned_self_report_still_counts_as_made_online(client, auth, reports):
    from datetime import date

    from reporting.domain.periods import Period
    from reporting.review.figures.counting import count_reports

    auth.login_as("partnership")
    client.post(f"/self-reports/{reports[2].reference}/assign", data={"centre": "stretford-housing"})
    rows = count_reports(db.session, Period(date(2026, 3, 1), date(2026, 3, 31)), ("centre",))
    assert {row.codes: row.count for row in rows} == {("online",): 1, ("sale-library",): 1}
