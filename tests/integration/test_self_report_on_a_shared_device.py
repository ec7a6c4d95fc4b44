"""A report made online on a shared device: "Exit this page" and an unused session both cut the browser off
from the report on the server, and nothing the person typed is lost by it."""

import json
import time

import pytest
from sqlalchemy import select, text

from reporting.extensions import db
from reporting.models import HeldAnswers, Report
from tests.support import factories
from tests.support.client import ClientRequest
from tests.support.selfreport import go_through, send

IDLE = 31 * 60
CLOSED = 200  # the page that says the report was closed on this device
SENT_WITHOUT_RECEIPT = 200


@pytest.fixture
def places(app):
    factories.centre()
    db.session.commit()


def _copy_of_cookie(client, app) -> ClientRequest:
    """What someone who copied the session cookie (or a browser restored from a backup) would send."""
    copy = ClientRequest(app.test_client(), auth=None)
    copy.client.set_cookie("session", client.get_cookie("session").value)
    return copy


def _has_a_report_to_go_back_to(client_request) -> bool:
    return "Go back to the report you started" in client_request.get("selfreport.start").get_text(" ")


def _draft() -> Report:
    db.session.expire_all()
    return db.session.scalar(select(Report).order_by(Report.id.desc()))


def _later(monkeypatch, seconds: float) -> None:
    moment = time.time() + seconds
    monkeypatch.setattr(time, "time", lambda: moment)


def test_every_public_page_exits_through_the_app(client_request):
    for endpoint in ("pages.start", "selfreport.start", "selfreport.easy_read_start", "pages.privacy"):
        page = client_request.get(endpoint)
        assert page.select_one(".govuk-exit-this-page a")["href"] == "/exit", endpoint


def test_exit_ends_the_draft_for_this_browser_and_any_copy_of_its_cookie(client, client_request, app, places):
    _seen, _location = go_through(client, stop_at="contact-method")
    copy = _copy_of_cookie(client, app)
    assert _has_a_report_to_go_back_to(client_request)

    left = client_request.get_response("pages.exit_this_page", _expected_status=302,
                                       _expected_redirect=app.config["EXIT_PAGE_URL"])  # fmt: skip

    assert any(header.startswith("session=;") for header in left.headers.getlist("Set-Cookie"))
    assert '"cache"' in left.headers["Clear-Site-Data"]
    assert not _has_a_report_to_go_back_to(client_request)
    for browser in (client_request, copy):
        response = browser.get_response("selfreport.check_answers", flow="questions", _expected_status=404)
        assert "Sam Example" not in response.get_data(as_text=True)
    # The draft is still on the server (it is purged later), but no browser holds its token.
    assert _draft().contact.name == "Sam Example" and _draft().status == "draft"


def test_exit_after_sending_makes_the_receipt_unreadable(client, client_request, app, places):
    client_request.get_url(send(client), _expected_status=200)
    copy = _copy_of_cookie(client, app)
    client_request.get("selfreport.receipt", _expected_status=200)

    client_request.get_response("pages.exit_this_page", _expected_status=302)

    for browser in (client_request, copy):
        browser.get_response("selfreport.receipt", _expected_status=404)
        browser.get_response("selfreport.receipt_pdf", _expected_status=404)
        browser.get_response("selfreport.sent", flow="questions", _expected_status=404)
    assert _draft().status == "received"


def test_a_later_visit_after_exit_starts_afresh(client, client_request, places):
    go_through(client, stop_at="why")
    client_request.get_response("pages.exit_this_page", _expected_status=302)
    go_through(client, stop_at="why")
    assert db.session.scalar(select(db.func.count()).select_from(Report)) == 2


def test_the_pages_say_the_report_closes_when_left_unused(client, client_request, places):
    _seen, location = go_through(client, stop_at="why")
    for path in (location, client_request.url_for("selfreport.check_answers", flow="questions")):
        page = client_request.get_url(path, _follow_redirects=True)
        assert "if nothing is done on this report for 30 minutes, it closes on this device" in page.get_text(" ")


def test_an_unused_session_closes_the_report_on_this_device(client, client_request, app, places, monkeypatch):
    _seen, location = go_through(client, stop_at="contact-method")
    copy = _copy_of_cookie(client, app)
    _later(monkeypatch, IDLE)

    page = client_request.get_url(location, _expected_status=CLOSED)

    assert page.select_one("h1").get_text(strip=True) == "Your report was closed on this device"
    assert "Sam Example" not in page.get_text(" ")
    assert page.select_one("#other-ways-to-report") is not None
    assert not _has_a_report_to_go_back_to(client_request)
    copied = copy.get_url(location, _expected_status=CLOSED)
    assert copied.select_one("h1").get_text(strip=True) == "Your report was closed on this device"
    assert copied.select_one("form input[name=preferred_method]") is None
    assert _draft().contact.name == "Sam Example"


def test_a_session_never_closes_before_its_idle_limit(client, client_request, places, monkeypatch):
    _seen, location = go_through(client, stop_at="contact-method")
    start = time.time()
    for minutes in (29, 58, 87):  # each page within 30 minutes of the last
        monkeypatch.setattr(time, "time", lambda m=minutes: start + m * 60)
        client_request.get_url(location, _expected_status=200)


def test_an_answer_posted_after_the_session_ended_is_kept_with_its_draft(client, client_request, places, monkeypatch):
    _seen, location = go_through(client, stop_at="tell-us-what-happened")
    _later(monkeypatch, IDLE)

    page = client_request.post_url(location, _data={"description": "A long account typed slowly."},
                                   _expected_status=CLOSED)  # fmt: skip

    assert "We have kept the answers you just sent" in page.get_text(" ")
    draft = _draft()
    assert draft.description == "A long account typed slowly." and "tell-us-what-happened" in draft.steps_done
    client_request.get_url(location, _expected_status=404)


def test_an_answer_that_does_not_pass_its_checks_is_held_as_typed(any_app, places_any, monkeypatch):
    browser = ClientRequest(any_app.test_client(), auth=None)
    _seen, location = go_through(browser.client, stop_at="when")
    _later(monkeypatch, IDLE)

    page = browser.post_url(location, _data={"occurred_on-day": "31", "occurred_on-month": "2",
                                             "occurred_on-year": "2026"}, _expected_status=CLOSED)  # fmt: skip

    assert "We have kept the answers you just sent" in page.get_text(" ")
    draft = _draft()
    (held,) = db.session.scalars(select(HeldAnswers).where(HeldAnswers.report_id == draft.id))
    assert (held.user_id, held.step) == (None, "when")
    assert json.loads(held.form_data)["occurred_on-day"] == ["31"]
    # Held answers are personal details: encrypted at rest like the account itself.
    stored = db.session.execute(text("SELECT form_data FROM held_answers WHERE id = :id"), {"id": held.id}).scalar()
    assert "occurred_on" not in stored


def test_pressing_send_after_the_session_ended_sends_the_report(client, client_request, places, monkeypatch):
    _seen, location = go_through(client)
    _later(monkeypatch, IDLE)

    page = client_request.post_url(location, _expected_status=SENT_WITHOUT_RECEIPT)

    assert _draft().status == "received"
    assert _draft().reference in page.get_text(" ")
    assert "Report sent" in page.get_text(" ")
    client_request.get("selfreport.receipt", _expected_status=404)


@pytest.fixture
def places_any(any_app):
    factories.centre()
    db.session.commit()

