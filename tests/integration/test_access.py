"""Access control: every route has a decision, and reports are scoped to the user's centre."""

import pytest

from reporting.extensions import db
from tests.support import factories


def test_every_route_declares_who_may_use_it(app):
    undecided = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        view = app.view_functions[rule.endpoint]
        if not hasattr(view, "access"):
            undecided.append(f"{rule.rule} ({rule.endpoint})")
    assert not undecided, f"routes without an access decision: {undecided}"


@pytest.fixture
def two_centres(app):
    centre_a = factories.centre("centre-a", "Centre A", "sale_central")
    centre_b = factories.centre("centre-b", "Centre B", "altrincham")
    report_a = factories.report(centre_a)
    report_b = factories.report(centre_b)
    self_report = factories.report(None)
    db.session.commit()
    return centre_a, centre_b, report_a, report_b, self_report


@pytest.mark.parametrize("role", ["volunteer", "centre_lead"])
def test_centre_staff_see_only_their_own_centres_reports(client_request, two_centres, role):
    centre_a, _, report_a, report_b, self_report = two_centres
    client_request.login_as(role, centre_a)
    listing = client_request.get("reports.list_reports").get_text(" ")
    assert report_a.reference in listing
    assert report_b.reference not in listing
    assert self_report.reference not in listing
    client_request.get("reports.view_report", reference=report_a.reference)
    client_request.get("reports.view_report", reference=report_b.reference, _expected_status=404)
    client_request.get("reports.view_report", reference=self_report.reference, _expected_status=404)


@pytest.mark.parametrize("role", ["partnership", "admin"])
def test_the_partnership_unit_and_admins_see_every_report(client_request, two_centres, role):
    _, _, report_a, report_b, self_report = two_centres
    client_request.login_as(role)
    listing = client_request.get("reports.list_reports").get_text(" ")
    for report in (report_a, report_b, self_report):
        assert report.reference in listing
        page = client_request.get("reports.view_report", reference=report.reference)
        assert report.reference in page.h1.get_text()


def test_anonymous_visitors_are_sent_to_sign_in(client_request, two_centres):
    _, _, report_a, _, _ = two_centres
    for endpoint, values in (("reports.list_reports", {}), ("reports.view_report", {"reference": report_a.reference})):
        response = client_request.get_response(endpoint, **values, _expected_status=302)
        assert response.headers["Location"].startswith("/sign-in?next=")


def test_viewing_a_report_is_audited_without_personal_details(client_request, two_centres):
    from sqlalchemy import select

    from reporting.models import AuditEvent

    centre_a, _, report_a, _, _ = two_centres
    user = client_request.login_as("volunteer", centre_a)
    client_request.get("reports.view_report", reference=report_a.reference)
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "report_viewed")).one()
    assert (event.user_id, event.object_type, event.object_id) == (user.id, "report", report_a.reference)
    assert event.ip_address == "127.0.0.1"


def test_drafts_are_not_listed_or_shown(client_request, app):
    centre = factories.centre()
    draft = factories.report(centre, status="draft")
    db.session.commit()
    client_request.login_as("centre_lead", centre)
    assert draft.reference not in client_request.get_response("reports.list_reports").get_data(as_text=True)
    client_request.get("reports.view_report", reference=draft.reference, _expected_status=404)


def test_the_report_list_pages_and_filters_by_status(client_request, app):
    centre = factories.centre()
    references = [factories.report(centre).reference for _ in range(30)]
    referred = factories.report(centre, status="referred")
    db.session.commit()
    client_request.login_as("volunteer", centre)
    first = client_request.get("reports.list_reports")
    assert "31 reports" in first.get_text(" ")
    assert "Page 1 of 2" in first.get_text(" ")
    second = client_request.get_response("reports.list_reports", page=2).get_data(as_text=True)
    shown = [ref for ref in references + [referred.reference] if ref in first.get_text(" ") or ref in second]
    assert len(shown) == 31
    filtered = client_request.get_response("reports.list_reports", status="referred").get_data(as_text=True)
    assert referred.reference in filtered and references[0] not in filtered
    client_request.get("reports.list_reports", status="nonsense", _expected_status=400)
    first_again = client_request.get("reports.list_reports", page=0)
    assert "Page 1 of 2" in first_again.get_text(" "), "the nearest page there is"


def test_security_headers_and_no_caching_on_report_pages(client_request, two_centres):
    centre_a, _, report_a, _, _ = two_centres
    client_request.login_as("volunteer", centre_a)
    response = client_request.get_response("reports.view_report", reference=report_a.reference)
    assert response.headers["Cache-Control"] == "no-store"
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "'unsafe-inline'" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_a_public_report_loader_must_say_who_may_use_the_report():
    from reporting.access import SURVEY, with_report

    with pytest.raises(ValueError, match="allows"):
        with_report(SURVEY)


@pytest.mark.parametrize("reference", ["HR-\x00", "x" * 21, ""])
def test_a_reference_that_cannot_be_a_report_is_not_looked_up(app, reference):
    from reporting.access import SEEN_BY_STAFF, find_report

    user = factories.user("unit@example.org", "partnership")
    db.session.commit()
    assert find_report(user, reference, SEEN_BY_STAFF) is None


def test_a_draft_is_seen_only_at_the_centre_making_it(app, two_centres):
    from reporting.access import SEEN_BY_STAFF, find_report

    centre_a, centre_b, _, _, _ = two_centres
    draft = factories.report(centre_a, status="draft")
    online_draft = factories.report(None, status="draft")
    viewers = {
        "here": factories.user("here@example.org", "volunteer", centre_a),
        "elsewhere": factories.user("elsewhere@example.org", "centre_lead", centre_b),
        "unit": factories.user("unit@example.org", "partnership"),
    }
    db.session.commit()
    seen = {name: find_report(user, draft.reference, SEEN_BY_STAFF) is not None for name, user in viewers.items()}
    online = [find_report(user, online_draft.reference, SEEN_BY_STAFF) for user in viewers.values()]
    assert seen == {"here": True, "elsewhere": False, "unit": False}
    assert online == [None, None, None]
