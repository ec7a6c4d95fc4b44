"""A step of an assisted report posted after the session has ended: the answers are held, encrypted, for the
volunteer who typed them, saved to the draft when that volunteer signs in again, and never given to anyone else."""

import time

import pytest
import sqlalchemy as sa
from sqlalchemy import select

from reporting.extensions import db
from reporting.models import AuditEvent, HeldAnswers, Report
from tests.support import factories
from tests.support.client import ClientRequest
from tests.support.html import error_summary, text_of
from tests.support.intake import answer, start_draft, step_url

ACCOUNT = "The driver called her a name and told her to get off the bus at Sale Moor."
WHAT_HAPPENED = {"incident_types": ["verbal_abuse"], "description": ACCOUNT}


@pytest.fixture
def centre(app):
    return factories.centre()


@pytest.fixture
def volunteer(auth, centre):
    return auth.login_as("volunteer", centre)


@pytest.fixture
def draft(client, volunteer) -> str:
    reference = start_draft(client)
    answer(client, reference, "who-is-reporting")
    return reference


def let_the_session_go_idle(client) -> None:
    with client.session_transaction() as session:
        session["last_seen"] = time.time() - 16 * 60


def report(reference: str) -> Report:
    db.session.expire_all()
    return db.session.scalar(select(Report).where(Report.reference == reference))


def held_rows() -> list[HeldAnswers]:
    db.session.expire_all()
    return list(db.session.scalars(select(HeldAnswers)))


def sign_in(client_request, user):
    """Sign in through the form: on to the held page, or the report list."""
    return client_request.post_response(
        "auth.sign_in", _data={"email": user.email, "password": factories.PASSWORD}, _expected_status=302
    )


def test_a_step_posted_after_the_idle_limit_is_held_encrypted_and_the_volunteer_told(
    client, client_request, volunteer, draft
):
    let_the_session_go_idle(client)
    response = answer(client, draft, "what-happened", WHAT_HAPPENED)
    assert response.headers["Location"] == "/sign-in"
    [row] = held_rows()
    assert (row.user_id, row.report_id, row.step) == (volunteer.id, report(draft).id, "what-happened")
    stored = db.session.execute(sa.text("SELECT form_data FROM held_answers")).scalar()
    assert stored.startswith("enc:") and "bus" not in stored and "verbal_abuse" not in stored
    assert "csrf_token" not in row.form_data
    assert report(draft).description is None
    page = client_request.get("auth.sign_in")
    assert "You were signed out because you had not done anything for a while" in text_of(page, "main")
    assert "We kept the answers on the page you were on" in text_of(page, "main")
    client_request.get("reports.list_reports", _expected_status=302)
    assert "answers_held" in db.session.scalars(select(AuditEvent.action)).all()


def test_the_same_volunteer_signing_in_again_finds_the_answers_saved_in_the_draft(
    client, client_request, volunteer, draft
):
    let_the_session_go_idle(client)
    answer(client, draft, "what-happened", WHAT_HAPPENED)
    response = sign_in(client_request, volunteer)
    assert response.headers["Location"] == step_url(draft, "what-happened")
    saved = report(draft)
    assert (saved.description, saved.incident_types) == (ACCOUNT, ["verbal_abuse"])
    assert "what-happened" in saved.steps_done
    assert held_rows() == []
    page = client_request.get_url(response.headers["Location"])
    assert "We saved the answers you gave on this page before you were signed out" in text_of(page, "main")
    assert page.select_one("textarea#description").get_text() == ACCOUNT


def test_another_volunteer_signing_in_on_the_tablet_gets_neither_the_answers_nor_the_draft(
    app, client, client_request, volunteer, centre, draft
):
    let_the_session_go_idle(client)
    answer(client, draft, "what-happened", WHAT_HAPPENED)
    colleague = factories.user("colleague@example.org", centre_obj=centre)
    db.session.commit()
    response = sign_in(client_request, colleague)
    assert response.headers["Location"] == "/reports/"
    assert report(draft).description is None
    assert len(held_rows()) == 1
    assert ACCOUNT not in str(client_request.get("intake.step", reference=draft, slug="what-happened"))
    client_request.post("auth.sign_out", _expected_status=302)
    assert sign_in(client_request, volunteer).headers["Location"] == step_url(draft, "what-happened")
    assert report(draft).description == ACCOUNT


def test_held_answers_that_fail_the_checks_come_back_with_their_errors_unsaved(
    client, client_request, volunteer, draft
):
    let_the_session_go_idle(client)
    answer(client, draft, "what-happened", {"description": ACCOUNT})  # nothing ticked
    response = sign_in(client_request, volunteer)
    assert response.headers["Location"] == step_url(draft, "what-happened")
    assert report(draft).description is None
    page = client_request.get_url(response.headers["Location"])
    assert error_summary(page) == ["Select what happened"]
    assert page.select_one("textarea#description").get_text() == ACCOUNT
    assert "They have not been saved yet" in text_of(page, "main")
    assert held_rows() == []
    assert answer(client, draft, "what-happened", WHAT_HAPPENED).status_code == 302
    assert report(draft).description == ACCOUNT


def test_the_timeout_script_ending_the_session_holds_the_page_it_was_on(client, client_request, volunteer, draft):
    response = answer(client, draft, "what-happened", {**WHAT_HAPPENED, "session_ended": "1"})
    assert response.headers["Location"] == "/sign-in"
    assert [row.step for row in held_rows()] == ["what-happened"]
    assert report(draft).description is None
    client_request.get("reports.list_reports", _expected_status=302)


@pytest.mark.parametrize("app_config", [{"SESSION_MAX_HOURS": 1}])
def test_a_step_posted_after_the_absolute_lifetime_is_held_too(client, client_request, volunteer, draft, app_config):
    with client.session_transaction() as session:
        session["signed_in_at"] = time.time() - 3601
    assert answer(client, draft, "what-happened", WHAT_HAPPENED).headers["Location"] == "/sign-in"
    assert sign_in(client_request, volunteer).headers["Location"] == step_url(draft, "what-happened")
    assert report(draft).description == ACCOUNT


def test_nothing_is_held_from_a_post_without_the_csrf_token(client, client_request, volunteer, draft):
    let_the_session_go_idle(client)
    client_request.post("intake.step", reference=draft, slug="what-happened", _data=WHAT_HAPPENED, _csrf=False,
                        _expected_status=400)  # fmt: skip
    assert held_rows() == []


def test_a_submitted_or_deleted_draft_takes_no_held_answers(client, client_request, volunteer, draft):
    let_the_session_go_idle(client)
    answer(client, draft, "what-happened", WHAT_HAPPENED)
    row = report(draft)
    row.status = "received"
    db.session.commit()
    assert sign_in(client_request, volunteer).headers["Location"] == "/reports/"
    assert report(draft).description is None
    assert held_rows() == []


def test_a_new_post_replaces_what_was_held_for_the_same_step(client, client_request, volunteer, draft):
    let_the_session_go_idle(client)
    answer(client, draft, "what-happened", {"incident_types": ["threats"], "description": "First try."})
    sign_in(client_request, volunteer)  # saved, then the tablet is left again
    let_the_session_go_idle(client)
    answer(client, draft, "what-happened", {**WHAT_HAPPENED, "report_version": str(report(draft).version)})
    assert len(held_rows()) == 1
    sign_in(client_request, volunteer)
    assert report(draft).description == ACCOUNT


def test_the_evidence_step_is_not_held(client, client_request, volunteer, draft):
    let_the_session_go_idle(client)
    assert answer(client, draft, "evidence").headers["Location"] == "/sign-in"
    assert held_rows() == []
    page = client_request.get("auth.sign_in")
    assert "We kept the answers" not in text_of(page, "main")


def test_staff_pages_carry_the_timeout_warning_and_report_pages_mark_their_form(client_request, volunteer, draft):
    page = client_request.get("intake.step", reference=draft, slug="what-happened")
    dialog = page.select_one("dialog#session-timeout")
    assert (dialog["role"], dialog["aria-modal"]) == ("alertdialog", "true")
    assert page.select_one("#" + dialog["aria-labelledby"]).get_text() == "You will be signed out soon"
    assert "we will sign you out in 2 minutes" in page.select_one("#" + dialog["aria-describedby"]).get_text()
    assert (dialog["data-idle-seconds"], dialog["data-warning-seconds"]) == ("900", "120")
    assert 12 * 3600 - 60 < int(dialog["data-max-seconds-left"]) <= 12 * 3600
    assert dialog["data-keep-alive-url"] == "/session/keep-alive"
    assert page.select_one("script[src^='/static/js/session-timeout.js?v=']")
    assert page.select_one("main form[data-keep-on-timeout]")


def test_public_pages_have_no_timeout_warning(client_request):
    assert client_request.get("auth.sign_in").select_one("dialog") is None


def test_held_answers_round_trip_on_both_databases(any_app):
    centre_obj = factories.centre()
    user = factories.user("vol@example.org", centre_obj=centre_obj)
    db.session.commit()
    tablet = ClientRequest(any_app.test_client(), auth=None)
    sign_in(tablet, user)
    reference = start_draft(tablet.client)
    let_the_session_go_idle(tablet.client)
    answer(tablet.client, reference, "who-is-reporting")
    stored = db.session.execute(sa.text("SELECT form_data FROM held_answers")).scalar()
    assert stored.startswith("enc:") and "victim" not in stored
    assert sign_in(tablet, user).headers["Location"] == step_url(reference, "who-is-reporting")
    assert report(reference).reporter_role == "victim"
    assert held_rows() == []


def test_held_answers_go_when_their_draft_is_purged(app, client, volunteer, draft):
    let_the_session_go_idle(client)
    answer(client, draft, "what-happened", WHAT_HAPPENED)
    db.session.execute(sa.text("UPDATE reports SET updated_at = '2020-01-01 00:00:00'"))
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["drafts", "purge"])
    assert result.exit_code == 0, result.output
    assert held_rows() == []
