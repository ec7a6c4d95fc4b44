"""Going straight to a report by its reference from the box in the staff header, on SQLite and PostgreSQL: any case,
with or without hyphens; another centre's report answers exactly as a reference that is no report; audited."""

import pytest
from sqlalchemy import select

from reporting.domain.references import new_reference
from reporting.extensions import db
from reporting.models import AuditEvent
from tests.conftest import Auth
from tests.support import factories
from tests.support.client import ClientRequest
from tests.support.html import text_of

FIND = "reports.find_report"


@pytest.fixture
def reports(any_app):
    library = factories.centre("sale-library", "Sale Library")
    housing = factories.centre("stretford-housing", "Stretford Housing Office", "stretford")
    ours, theirs = factories.report(library), factories.report(housing)
    online = factories.report(None)
    db.session.commit()
    return library, housing, ours, theirs, online


def _signed_in(app, role, centre=None) -> ClientRequest:
    client = app.test_client()
    staff = ClientRequest(client, Auth(client))
    staff.login_as(role, centre)
    return staff


def _typed_ways(reference: str) -> list[str]:
    compact = reference.replace("-", "")
    return [reference, reference.lower(), compact.lower(), f"  {reference[:7]} {reference[7:].lower()} ", compact[2:]]


def test_a_reference_typed_any_way_goes_to_the_report(any_app, reports):
    library, _housing, ours, _theirs, _online = reports
    volunteer = _signed_in(any_app, "volunteer", library)
    for typed in _typed_ways(ours.reference):
        response = volunteer.get_response(FIND, reference=typed, _expected_status=303)
        assert response.headers["Location"] == f"/reports/{ours.reference}", typed
    page = volunteer.get_url(f"/reports/{ours.reference}")
    assert ours.reference in text_of(page, "h1")


def _not_found_text(page, reference: str) -> str:
    return text_of(page, "main").replace(reference, "HR-XXXX-XXXX")


def test_another_centres_report_answers_as_a_reference_that_is_no_report(any_app, reports):
    library, _housing, _ours, theirs, online = reports
    volunteer = _signed_in(any_app, "volunteer", library)
    missing = new_reference()
    answers = {}
    for reference in (theirs.reference, online.reference, missing):
        page = volunteer.get(FIND, reference=reference.lower(), _expected_status=404)
        assert f"No report {reference} that you can see." in text_of(page, ".govuk-notification-banner")
        answers[reference] = _not_found_text(page, reference)
    assert len(set(answers.values())) == 1, "the same page whether the report is elsewhere or nowhere"
    assert "Filter reports" in answers[missing], "the list is still shown"


def test_the_partnership_unit_finds_any_report_and_a_centreless_account_finds_none(any_app, reports):
    _library, _housing, ours, theirs, online = reports
    unit = _signed_in(any_app, "partnership")
    for report in (ours, theirs, online):
        unit.get_response(FIND, reference=report.reference.replace("-", ""), _expected_status=303)
    nowhere = _signed_in(any_app, "centre_lead")  # centre staff whose account has lost its centre
    for report in (ours, theirs, online):
        nowhere.get(FIND, reference=report.reference, _expected_status=404)


def test_a_draft_is_not_found(any_app, reports):
    library = reports[0]
    draft = factories.report(library, status="draft", reported_at=None)
    db.session.commit()
    _signed_in(any_app, "centre_lead", library).get(FIND, reference=draft.reference, _expected_status=404)


@pytest.mark.parametrize("typed", ["", "   ", "Jane Smith", "x" * 5000, "<script>alert(1)</script>", "HR-\u0000"])
def test_anything_else_typed_shows_the_list_with_a_message_and_never_a_500(any_app, reports, typed):
    unit = _signed_in(any_app, "partnership")
    page = unit.get(FIND, reference=typed, _expected_status=404)
    banner = text_of(page, ".govuk-notification-banner")
    assert "Enter the reference of a report" in banner if not typed.strip() else "that you can see" in banner
    assert len(banner) < 200, "what was typed is cut short"
    assert page.select_one("script:-soup-contains('alert')") is None


def test_every_look_up_is_audited_but_never_what_is_not_a_reference(any_app, reports):
    library, _housing, ours, theirs, _online = reports
    volunteer = _signed_in(any_app, "volunteer", library)
    volunteer.get_response(FIND, reference=ours.reference.lower(), _expected_status=303)
    volunteer.get(FIND, reference=theirs.reference, _expected_status=404)
    volunteer.get(FIND, reference="Jane Smith", _expected_status=404)
    events = db.session.execute(
        select(AuditEvent.object_id, AuditEvent.detail).where(AuditEvent.action == "report_looked_up")
        .order_by(AuditEvent.id)
    ).all()  # fmt: skip
    assert [tuple(event) for event in events] == [
        (ours.reference, "found"),
        (theirs.reference, "not found"),
        (None, "not found"),
    ]
    assert "Jane" not in " ".join(
        str(value) for row in db.session.execute(select(AuditEvent.__table__)) for value in row
    )


def test_the_header_has_the_box_on_staff_pages_only(any_app, reports):
    library = reports[0]
    volunteer = _signed_in(any_app, "volunteer", library)
    for endpoint in ("reports.list_reports", "satisfaction.results", "intake.drafts"):
        page = volunteer.get(endpoint)
        search = page.select_one("header form[role=search]")
        assert search is not None and search["action"] == "/reports/find" and search["method"] == "get", endpoint
        field = search.select_one("input[name=reference]")
        assert page.select_one(f"label[for={field['id']}]").get_text(strip=True) == "Go to a report"
    anonymous = any_app.test_client().get("/")
    assert b'role="search"' not in anonymous.data
