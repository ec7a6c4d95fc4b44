"""The follow-up survey: a one-time token, open from 28 days for 60, stored only as a hash; and its QR code.

The app's QR code is decoded the same way every run (tests/support/qr.py); the printed receipt's code is
tested in test_receipt_qr.py.
"""

import hashlib
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from reporting.extensions import db
from reporting.models import SurveyResponse
from reporting.satisfaction import services
from reporting.satisfaction.models import SurveyInvitation
from tests.support import factories
from tests.support.html import text_of
from tests.support.qr import decode_png

NOW = datetime.now(UTC)


def follow_up_for(days_ago: int, language: str = "en", centre=None):
    """A report made `days_ago` days ago, its follow-up link issued; returns (report, token, path)."""
    report = factories.report(centre, reported_at=NOW - timedelta(days=days_ago), language=language)
    invitation = services.issue_follow_up(report)
    db.session.commit()
    token = services.token_for(invitation)
    return report, token, f"/follow-up/{token}"


def follow_up_answers(report) -> list[tuple]:
    rows = db.session.scalars(
        select(SurveyResponse).where(SurveyResponse.report_id == report.id).order_by(SurveyResponse.id)
    )
    return [(row.kind, row.question, row.score, row.comment) for row in rows]


def test_the_token_is_unguessable_and_stored_only_as_a_hash(app):
    report, token, _ = follow_up_for(30)
    stored = db.session.scalar(select(SurveyInvitation).where(SurveyInvitation.kind == "follow-up"))
    assert len(token) == 43
    assert token not in (stored.token_hash, stored.token_salt)
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    other, other_token, _ = follow_up_for(30)
    assert other_token != token


def test_the_link_opens_28_days_after_the_report_and_closes_60_days_later(app):
    report, _, _ = follow_up_for(0)
    invitation = services.invitation(report, "follow-up")
    assert invitation.valid_from - report.reported_at == timedelta(days=28)
    assert invitation.expires_at - invitation.valid_from == timedelta(days=60)


@pytest.mark.parametrize("app_config", [{"FOLLOW_UP_DAYS": 7, "FOLLOW_UP_VALID_DAYS": 14}])
def test_the_days_come_from_the_configuration(app, app_config):
    report, _, _ = follow_up_for(0)
    invitation = services.invitation(report, "follow-up")
    assert (invitation.valid_from - report.reported_at, invitation.expires_at - invitation.valid_from) == (
        timedelta(days=7),
        timedelta(days=14),
    )


def test_issuing_twice_keeps_one_link(any_app):
    report, token, _ = follow_up_for(30)
    again = services.issue_follow_up(report)
    db.session.commit()
    assert services.token_for(again) == token
    assert services.token_for(services.invitation(report, "follow-up")) == token
    assert db.session.query(SurveyInvitation).count() == 1
    assert again.created_at is not None and again.closed_at is None


def test_the_survey_shows_only_the_reference_and_stores_answers_once(client_request):
    report, token, _ = follow_up_for(30, centre=factories.centre())
    page = client_request.get("satisfaction.follow_up", token=token)
    assert text_of(page, "h1") == "How did it go after you reported?"
    text = page.get_text(" ")
    assert report.reference in text
    for detail in ("Sale Library", "Shouted at", "verbal", "race", "street"):
        assert detail not in text
    data = {"informed": "2", "overall": "4", "comment": "Nobody rang back"}
    response = client_request.post_response("satisfaction.follow_up", token=token, _data=data, _expected_status=302)
    assert response.headers["Location"].startswith("/follow-up/thank-you")
    # The redirect is followed as it is, query string and all.
    thanks = client_request.get_url(response.headers["Location"])
    assert text_of(thanks, "h1") == "Thank you for your answers"
    assert follow_up_answers(report) == [
        ("follow-up", "informed", 2, None),
        ("follow-up", "overall", 4, None),
        ("follow-up", "comment", None, "Nobody rang back"),
    ]


def test_a_used_link_gets_a_kind_page_and_stores_nothing_more(client_request):
    report, token, _ = follow_up_for(30)
    client_request.post("satisfaction.follow_up", token=token, _data={"overall": "5"}, _expected_status=302)
    page = client_request.get("satisfaction.follow_up", token=token, _expected_status=410)
    assert text_of(page, "h1") == "You have already answered"
    assert "Thank you" in page.get_text(" ")
    client_request.post("satisfaction.follow_up", token=token, _data={"overall": "1"}, _expected_status=410)
    assert follow_up_answers(report) == [("follow-up", "overall", 5, None)]


def test_an_expired_link_gets_a_kind_page_with_the_reference(client_request):
    report, token, _ = follow_up_for(89)
    page = client_request.get("satisfaction.follow_up", token=token, _expected_status=410)
    assert text_of(page, "h1") == "This link has expired"
    assert report.reference in page.get_text(" ")
    client_request.post("satisfaction.follow_up", token=token, _data={"overall": "5"}, _expected_status=410)
    assert follow_up_answers(report) == []


def test_an_early_link_says_when_it_opens(client_request):
    report, token, _ = follow_up_for(1)
    page = client_request.get("satisfaction.follow_up", token=token, _expected_status=200)
    assert text_of(page, "h1") == "It is a little too early"
    opens = (report.reported_at + timedelta(days=28)).astimezone(ZoneInfo("Europe/London"))
    assert f"{opens.day} {opens:%B %Y}" in page.get_text(" ")
    assert page.find("form") is None


@pytest.mark.parametrize("token", ["nonsense", "A" * 43, "x" * 500])
def test_an_unknown_link_gets_a_kind_not_found_page(client_request, token):
    page = client_request.get("satisfaction.follow_up", token=token, _expected_status=404)
    assert text_of(page, "h1") == "We could not find this survey"


@pytest.mark.parametrize("app_config", [{"FOLLOW_UP_RATE_LIMIT": "3 per minute"}])
def test_the_token_pages_are_rate_limited(client_request, app_config):
    codes = [
        client_request.get_response("satisfaction.follow_up", token="B" * 43, _expected_status=(404, 429)).status_code
        for _ in range(4)
    ]
    assert codes == [404, 404, 404, 429]


@pytest.mark.parametrize("app_config", [{"LANGUAGES": {"en": "English", "ar": "العربية"}}])
def test_the_survey_is_in_the_language_the_person_reported_in(client_request, app_config):
    _, token, _ = follow_up_for(30, language="ar")
    page = client_request.get("satisfaction.follow_up", token=token)
    assert page.html["lang"] == "ar"
    assert page.html["dir"] == "rtl"
    english = client_request.get("satisfaction.follow_up", token=token, lang="en")
    assert english.html["lang"] == "en"
    assert text_of(english, "h1") == "How did it go after you reported?"


# ---------------------------------------------------------------- the QR code


def test_the_qr_code_decodes_to_the_follow_up_link(app):
    report, token, path = follow_up_for(30)
    with app.test_request_context(base_url="https://report.example.org"):
        link = services.follow_up_link(report)
    assert link.url == f"https://report.example.org{path}"
    assert decode_png(link.qr_png) == link.url


@pytest.mark.parametrize("app_config", [{"PUBLIC_BASE_URL": "https://hate-reporting.example.gov.uk/"}])
def test_printed_links_use_the_public_address_when_configured(app, app_config):
    report, token, _ = follow_up_for(30)
    link = services.follow_up_link(report)
    assert link.url == f"https://hate-reporting.example.gov.uk/follow-up/{token}"


def test_imported_reports_get_their_follow_up_links_once(app):
    imported = [factories.report(None, reported_at=NOW - timedelta(days=days)) for days in (3, 40)]
    draft = factories.report(None, status="draft")
    db.session.commit()
    assert services.issue_missing_follow_ups([*imported, draft]) == 2
    db.session.commit()
    assert services.issue_missing_follow_ups([*imported, draft]) == 0
    assert [services.follow_up_state(services.invitation(report, "follow-up"), NOW) for report in imported] == [
        "not_yet",
        "open",
    ]
