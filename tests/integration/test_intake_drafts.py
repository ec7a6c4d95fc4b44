"""The assisted report end to end: stored answers, drafts and resuming, submitting once, centre scoping,
the audit trail, idle sign-out on a shared tablet, and `drafts purge`."""

import time
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from reporting.extensions import db as _db
from reporting.intake import services
from reporting.intake.flows import ASSISTED
from reporting.intake.journey import Journey
from reporting.models import AuditEvent, Report
from tests.conftest import Auth
from tests.support import factories
from tests.support.client import ClientRequest
from tests.support.html import text_of
from tests.support.intake import answer, go_through, start_draft, step_url


@pytest.fixture
def centre(app):
    return factories.centre()


@pytest.fixture
def volunteer(auth, centre):
    return auth.login_as("volunteer", centre)


def _report(reference) -> Report:
    _db.session.expire_all()
    return _db.session.scalar(select(Report).where(Report.reference == reference))


def _actions(reference=None) -> list[str]:
    query = select(AuditEvent.action).order_by(AuditEvent.id)
    if reference:
        query = query.where(AuditEvent.object_id == reference)
    return list(_db.session.scalars(query))


def submit(client_request, reference: str):
    """Press "Submit report" on check-your-answers: on to the confirmation page."""
    return client_request.post("intake.check_answers", reference=reference,
                               _expected_redirect=f"/intake/{reference}/submitted")  # fmt: skip


def staff_device(app) -> ClientRequest:
    """Another tablet, signed in as nobody yet."""
    client = app.test_client()
    return ClientRequest(client, Auth(client))


def test_the_whole_journey_stores_every_answer(client, client_request, volunteer, centre):
    before = datetime.now(UTC)
    reference = start_draft(client)
    go_through(client, reference, {"what-happened": {"incident_types": ["verbal_abuse", "mate_crime"],
                                                     "description": "Shouted at outside the shop."}})  # fmt: skip
    submit(client_request, reference)
    report = _report(reference)
    assert (report.status, report.channel, report.centre_id, report.created_by_id) == (
        "received", "assisted", centre.id, volunteer.id
    )  # fmt: skip
    assert report.reported_at >= before and report.received_at == report.reported_at
    assert report.reporter_role == "victim"
    assert report.incident_types == ["mate_crime", "verbal_abuse"]
    assert report.description == "Shouted at outside the shop."
    assert report.safeguarding_referral == "yes"
    assert report.categories == ["race", "religion"]
    assert (report.occurred_on, report.occurred_on_approximate, report.occurred_time, report.ongoing) == (
        date(2026, 3, 13), False, "evening", False
    )  # fmt: skip
    assert (report.location_type, report.area.code, report.postcode) == ("street", "sale_central", "M33 7XY")
    assert report.location_description == "Outside the Co-op."
    assert (report.witnesses, report.witnesses_willing) == ("one", "yes")
    assert (report.perpetrator_description, report.perpetrator_known) == ("Two men in their twenties.", "no")
    assert (report.injured, report.injuries) == ("no", None)
    assert (report.support_wanted, report.support_kinds) == (True, ["emotional", "safety"])
    assert report.police_consent == "named"
    assert (report.police_contact, report.police_officer_sex) == (["phone", "officer_sex"], "female")
    contact = report.contact
    assert (contact.name, contact.preferred_method, contact.phone, contact.email, contact.address) == (
        "Sam Example", "phone", "07700 900 982", None, None
    )  # fmt: skip
    assert (contact.safe_times, contact.safe_to_leave_message, contact.trusted_person) == (
        "Weekday mornings", False, None
    )  # fmt: skip
    assert report.language == "ur"
    assert (report.communication_needs, report.interpreter_language, report.accessibility_needs) == (
        ["interpreter"], "Urdu", None
    )  # fmt: skip
    assert report.online_links is None, "the online abuse page did not apply"
    assert report.identifying_fields == [], "identifying details are only asked for anonymous police reports"
    equality = report.equality
    assert (equality.age_band, equality.sex, equality.religion, equality.ethnicity) == (
        "25_34", "prefer_not", "muslim", None
    )  # fmt: skip
    actions = _actions(reference)
    assert actions[0] == "draft_started" and actions[-1] == "report_submitted"
    assert actions.count("draft_step_saved") == len(Journey(ASSISTED, report).shown)


def test_the_confirmation_shows_the_reference_and_what_comes_next(client, client_request, volunteer):
    reference = start_draft(client)
    go_through(client, reference)
    submit(client_request, reference)
    page = client_request.get("intake.submitted", reference=reference)
    assert text_of(page, ".govuk-panel .app-reference") == reference
    text = text_of(page, "main")
    assert "The report can be referred to the police with the person's name and contact details." in text
    assert "Finish and sign out" in text and "Start another report" in text
    for link in page.select("main a[href]"):
        client_request.get_response_from_url(link["href"], _expected_status=(200, 302))  # no dead link
    sign_out = page.select_one("main form[action='/sign-out']")
    assert sign_out is not None


def test_a_double_submission_creates_one_report(client, client_request, volunteer):
    reference = start_draft(client)
    go_through(client, reference)
    submit(client_request, reference)
    submit(client_request, reference)
    assert len(list(_db.session.scalars(select(Report)))) == 1
    assert _actions(reference).count("report_submitted") == 1
    report = _report(reference)
    assert services.submit(Journey(ASSISTED, report)) is False, "submitting again does nothing"
    resubmitted_step = answer(client, reference, "police", {"police_consent": "none"})
    assert resubmitted_step.headers["Location"] == f"/reports/{reference}"
    assert _report(reference).police_consent == "named", "a submitted report is not changed by an old page"


@pytest.mark.postgres
def test_submitting_on_postgresql_stores_the_report_its_audit_entry_and_one_follow_up_link(pg_app):
    from reporting.domain import follow_up
    from reporting.satisfaction import services as surveys

    tablet = staff_device(pg_app)
    centre = factories.centre()
    _db.session.commit()
    tablet.login_as("volunteer", centre)
    reference = start_draft(tablet.client)
    go_through(tablet.client, reference)
    for _twice in range(2):
        submit(tablet, reference)
    report = _report(reference)
    assert report.status == "received" and report.received_at == report.reported_at is not None
    assert _actions(reference).count("report_submitted") == 1
    invitation = surveys.invitation(report, surveys.FOLLOW_UP)
    config = pg_app.config
    assert (invitation.valid_from, invitation.expires_at) == follow_up.validity(
        report.reported_at, config["FOLLOW_UP_DAYS"], config["FOLLOW_UP_VALID_DAYS"]
    )
    assert surveys.invitation(report, surveys.IMMEDIATE) is None, "the immediate survey is offered by the page"
    assert "Finish and sign out" in tablet.get("intake.submitted", reference=reference).get_text()


def test_each_continue_is_saved_and_a_draft_resumes_where_it_stopped(app, client, volunteer, centre):
    reference = start_draft(client)
    answer(client, reference, "who-is-reporting", {"reporter_role": "witness"})
    answer(client, reference, "what-happened", {"incident_types": "graffiti", "description": "On the wall."})
    assert _report(reference).steps_done == ["who-is-reporting", "what-happened"]
    # Another volunteer of the same centre, on another tablet, picks it up from the drafts list.
    other = staff_device(app)
    other.login_as("centre_lead", centre)
    page = other.get("intake.drafts")
    assert reference in text_of(page, "main table")
    assert "Why do they think it happened?" in text_of(page, "main table")
    other.get("intake.resume", reference=reference, _expected_status=302, _expected_redirect=step_url(reference, "why"))
    page = other.get("intake.step", reference=reference, slug="who-is-reporting")
    assert page.select_one("input[name=reporter_role][value=witness]").has_attr("checked")
    assert "draft_resumed" in _actions(reference)


def test_drafts_are_scoped_to_their_centre(app, client, volunteer, centre):
    reference = start_draft(client)
    answer(client, reference, "who-is-reporting")
    elsewhere = factories.centre("stretford-housing", "Stretford Housing Office", "stretford")
    other = staff_device(app)
    other.login_as("volunteer", elsewhere)
    for endpoint, values in (("intake.resume", {}), ("intake.step", {"slug": "why"}), ("intake.check_answers", {}),
                             ("intake.submitted", {})):  # fmt: skip
        other.get(endpoint, reference=reference, **values, _expected_status=404)
    other.post("intake.step", reference=reference, slug="why", _data={"categories": "race"}, _expected_status=404)
    assert reference not in str(other.get("intake.drafts"))
    assert _report(reference).categories == []


def test_submitted_reports_are_scoped_to_their_centre(client_request, volunteer, centre):
    elsewhere = factories.centre("stretford-housing", "Stretford Housing Office", "stretford")
    theirs = factories.report(elsewhere)
    ours = factories.report(centre)
    _db.session.commit()
    client_request.get("reports.view_report", reference=theirs.reference, _expected_status=404)
    client_request.get("intake.submitted", reference=theirs.reference, _expected_status=404)
    client_request.post("reports.add_note", reference=theirs.reference, _data={"text": "x"}, _expected_status=404)
    client_request.get("reports.view_report", reference=ours.reference, _expected_status=200)


@pytest.mark.parametrize("role", ["partnership", "admin"])
def test_only_centre_staff_take_assisted_reports(client_request, role):
    client_request.login_as(role)
    client_request.get("intake.start", _expected_status=403)
    client_request.post("intake.start", _expected_status=403)
    client_request.get("intake.drafts", _expected_status=403)
    assert _db.session.scalar(select(Report.id)) is None


def test_signed_out_visitors_are_sent_to_sign_in(client_request, centre):
    response = client_request.get_response("intake.start", _expected_status=302)
    assert response.headers["Location"].startswith("/sign-in")


def test_drafts_never_appear_in_the_report_list_or_counts(client, client_request, volunteer, centre):
    factories.report(centre)
    _db.session.commit()
    reference = start_draft(client)
    answer(client, reference, "who-is-reporting")
    page = client_request.get("reports.list_reports")
    assert reference not in text_of(page, "main")
    assert "1 report." in text_of(page, "main")
    client_request.get("reports.view_report", reference=reference, _expected_status=404)
    refused = client_request.get("reports.list_reports", status="draft", _expected_status=400)
    assert reference not in text_of(refused, "main"), "asking for drafts by status lists one"
    assert refused.select_one(".govuk-error-summary") is not None


def test_after_the_idle_timeout_the_next_person_sees_sign_in_not_the_draft(client, client_request, volunteer):
    reference = start_draft(client)
    answer(client, reference, "who-is-reporting")
    with client.session_transaction() as session:
        session["last_seen"] = time.time() - 16 * 60
    client_request.get("intake.step", reference=reference, slug="what-happened", _expected_status=302,
                       _expected_redirect="/sign-in")  # fmt: skip
    page = client_request.get("auth.sign_in")
    assert "You were signed out" in text_of(page, "main")
    assert reference not in page.get_text()
    client_request.post("auth.sign_in", _data={"email": volunteer.email, "password": factories.PASSWORD},
                        _expected_redirect="/reports/")  # fmt: skip


def test_drafts_purge_deletes_old_drafts_only(app, client, volunteer, centre, tmp_path):
    old_draft = start_draft(client)
    new_draft = start_draft(client)
    old_report = factories.report(centre, updated_at=datetime.now(UTC) - timedelta(days=30))
    _db.session.commit()
    row = _report(old_draft)
    row.updated_at = datetime.now(UTC) - timedelta(days=8)
    _db.session.commit()
    result = app.test_cli_runner().invoke(args=["drafts", "purge"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "purged 1 draft not changed for 7 days"
    assert _report(old_draft) is None
    assert _report(new_draft) is not None and _report(old_report.reference) is not None
    assert "drafts_purged" in _actions()


@pytest.mark.parametrize("app_config", [{"DRAFT_MAX_AGE_DAYS": 2}])
def test_the_draft_age_limit_is_configurable(app, client, volunteer):
    reference = start_draft(client)
    row = _report(reference)
    row.updated_at = datetime.now(UTC) - timedelta(days=3)
    _db.session.commit()
    result = app.test_cli_runner().invoke(args=["drafts", "purge"])
    assert result.output.strip() == "purged 1 draft not changed for 2 days"


def test_check_answers_lists_incident_types_in_the_order_they_were_asked(client, client_request, volunteer):
    reference = start_draft(client)
    ticked = ["threats", "graffiti", "verbal_abuse", "damage"]
    go_through(client, reference, {"what-happened": {"incident_types": ticked, "description": "Written on the door."}})
    page = client_request.get("intake.step", reference=reference, slug="what-happened")
    asked = [text_of(page, f"label[for={box['id']}]") for box in page.select("input[name=incident_types]")]
    check = client_request.get("intake.check_answers", reference=reference)
    row = next(row for row in check.select(".govuk-summary-list__row") if text_of(row, "dt") == "What happened")
    shown = [line.strip() for line in row.select_one("dd").get_text("\n").split("\n") if line.strip()]
    assert len(shown) == 4
    assert shown == [label for label in asked if label in shown]
    assert shown != sorted(shown)


@pytest.mark.parametrize(("app_config", "said"), [({"DRAFT_MAX_AGE_DAYS": 1}, "after 1 day without a change"),
                                                  ({"DRAFT_MAX_AGE_DAYS": 30}, "after 30 days without a change")])
def test_the_drafts_page_counts_days_in_the_right_form(client_request, volunteer, app_config, said):  # fmt: skip
    assert said in text_of(client_request.get("intake.drafts"), "main")
