"""Rate limits that fit places where many people share one address: reports made online are limited per browser
session and, far more generously, per address; every page a limit refuses says which limit, what is kept, and
the other ways to report (the police, the active centres with their addresses, the support services' numbers)."""

import pytest
from sqlalchemy import func, select

from reporting.config import Config
from reporting.extensions import db
from reporting.models import Report
from tests.support import factories
from tests.support.client import ClientRequest
from tests.support.html import parse_page
from tests.support.selfreport import go_through, start

DEFAULT_START_LIMITS = {
    "SELF_REPORT_START_RATE_LIMIT": Config.SELF_REPORT_START_RATE_LIMIT,
    "SELF_REPORT_ADDRESS_START_RATE_LIMIT": Config.SELF_REPORT_ADDRESS_START_RATE_LIMIT,
}
LIBRARY_ADDRESS = "Tatton Road, Sale M33 7YG"
KEPT = "kept what you typed"


@pytest.fixture
def places(app):
    factories.centre(address=LIBRARY_ADDRESS, opening_hours="Mon-Sat 09:00-17:00")
    factories.centre(code="closed-hall", name="Closed Community Hall", area_code="sale_west").active = False
    db.session.commit()


def _report_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Report))


def _text(response) -> str:
    return " ".join(parse_page(response).get_text(" ").split())


def _assert_other_ways_listed(response) -> None:
    page = parse_page(response)
    section = page.select_one("#other-ways-to-report")
    assert section is not None, "no other ways to report on the page"
    text = " ".join(section.get_text(" ").split())
    assert "If you are in danger now, call 999." in text
    assert f"Sale Library {LIBRARY_ADDRESS}" in text and "Monday to Saturday: 09:00 to 17:00" in text
    assert "Closed Community Hall" not in text, "only active centres"
    for organisation in Config.SUPPORT_ORGANISATIONS:
        assert organisation["name"] in text
        if organisation.get("phone"):
            assert f"Phone: {organisation['phone']}" in text


def browser(app) -> ClientRequest:
    """A browser of its own: a new session, from the same address as every other."""
    return ClientRequest(app.test_client(), auth=None)


@pytest.mark.parametrize("app_config", [DEFAULT_START_LIMITS])
def test_twenty_one_browser_sessions_at_one_address_can_all_start_a_report(app, places, app_config):
    for _ in range(21):
        browser(app).post("selfreport.begin", flow="questions", _expected_status=302)
    assert _report_count() == 21


@pytest.mark.parametrize("app_config", [DEFAULT_START_LIMITS])
def test_one_session_starting_too_many_reports_is_told_so_with_the_other_ways_to_report(client, client_request, places,
                                                                                        app_config):  # fmt: skip
    allowed = int(Config.SELF_REPORT_START_RATE_LIMIT.split()[0])
    for _ in range(allowed):
        start(client, "questions")
    refused = client_request.post_response("selfreport.begin", flow="questions", _expected_status=429)
    text = _text(refused)
    assert "You have started a lot of reports in a short time." in text and "then try again" in text
    assert KEPT not in text and "saved" not in text, "nothing was typed on a start page"
    assert "internet connection" not in text
    assert parse_page(refused).select_one(".govuk-error-summary a")["href"] == "#other-ways-to-report"
    _assert_other_ways_listed(refused)
    assert _report_count() == allowed
    assert client_request.get("selfreport.start").select_one("#other-ways-to-report") is None, "only when refused"


@pytest.mark.parametrize("app_config", [{"SELF_REPORT_ADDRESS_START_RATE_LIMIT": "3 per hour"}])
def test_the_generous_address_limit_says_the_connection_is_shared(app, places, app_config):
    for _ in range(3):
        start(app.test_client(), "easy-read")
    refused = browser(app).post_response("selfreport.begin", flow="easy-read", _expected_status=429)
    text = _text(refused)
    assert "A lot of reports have been started from your internet connection in a short time." in text
    assert "such as the Wi-Fi in a library" in text and KEPT not in text
    _assert_other_ways_listed(refused)


@pytest.mark.parametrize("app_config", [{"SELF_REPORT_RATE_LIMIT": "2 per minute"}])
def test_an_answers_page_refused_shows_what_was_typed_and_says_it_is_not_saved_yet(client, client_request, places,
                                                                                    app_config):  # fmt: skip
    location = start(client, "questions")
    client_request.post_url(location, _data={"reporter_role": "victim"}, _expected_status=302)
    client_request.post("selfreport.page", flow="questions", slug="what-happened",
                        _data={"incident_types": ["threats"]}, _expected_status=302)  # fmt: skip
    refused = client_request.post_response("selfreport.page", flow="questions", slug="tell-us-what-happened",
                                           _data={"description": "They spat at me."}, _expected_status=429)  # fmt: skip
    text = _text(refused)
    assert "You sent a lot of answers in a short time. Wait 1 minute, then try again." in text
    assert "We have kept what you typed on this page, but it is not saved yet" in text
    assert "Your answers on earlier pages are saved." in text
    assert parse_page(refused).select_one("textarea[name=description]").get_text() == "They spat at me."
    _assert_other_ways_listed(refused)
    db.session.expire_all()
    report = db.session.scalars(select(Report)).one()
    assert (report.reporter_role, report.incident_types, report.description) == ("victim", ["threats"], None)


def test_sending_refused_says_the_answers_are_saved_and_the_report_not_sent(app, client, client_request, places):
    pages, _ = go_through(app.test_client(), "questions")  # another browser: how many pages the journey posts
    app.config["SELF_REPORT_RATE_LIMIT"] = f"{len(pages)} per minute"  # every page goes through; sending is one more
    _seen, location = go_through(client, "questions")
    refused = client_request.post_response_to_url(location, _expected_status=429)
    text = _text(refused)
    assert "Your answers are saved, but your report has not been sent yet" in text and KEPT not in text
    _assert_other_ways_listed(refused)
    db.session.expire_all()
    assert [report.status for report in db.session.scalars(select(Report))] == ["draft", "draft"]


@pytest.mark.parametrize("app_config", [{"SIGN_IN_RATE_LIMIT": "2 per minute"}])
def test_the_sign_in_limit_page_lists_the_other_ways_to_report(client_request, places, app_config):
    attempt = {"email": "someone@example.org", "password": "not-it"}
    for _ in range(2):
        client_request.post("auth.sign_in", _data=attempt, _expected_status=200)
    refused = client_request.post_response("auth.sign_in", _data=attempt, _expected_status=429)
    assert "Too many attempts" in _text(refused) and "Wait 1 minute, then try again." in _text(refused)
    _assert_other_ways_listed(refused)


@pytest.mark.parametrize("app_config", [{"FOLLOW_UP_RATE_LIMIT": "1 per hour"}])
def test_the_follow_up_survey_limit_page_lists_the_other_ways_to_report(client_request, places, app_config):
    client_request.get("satisfaction.follow_up", token="B" * 43, _expected_status=404)
    refused = client_request.get_response("satisfaction.follow_up", token="B" * 43, _expected_status=429)
    assert "then try again" in _text(refused) and "Wait 1 minute" not in _text(refused)
    _assert_other_ways_listed(refused)


def test_each_browser_session_gets_its_own_random_id(app, places):
    ids = set()
    for _ in range(2):
        browser = app.test_client()
        start(browser, "questions")
        with browser.session_transaction() as session:
            ids.add(session["self_report_browser"])
    assert len(ids) == 2 and all(len(value) >= 20 for value in ids)
