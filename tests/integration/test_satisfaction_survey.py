"""The immediate survey: after the assisted journey (answered, skipped, declined), on a handed-over tablet."""

import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from reporting.extensions import db
from reporting.models import AuditEvent, SurveyResponse
from reporting.satisfaction.models import SurveyInvitation
from tests.support import factories
from tests.support.html import error_summary, parse_page, text_of
from tests.support.intake import ANSWERS, go_through, start_draft


@pytest.fixture
def centre(app):
    created = factories.centre()
    db.session.commit()
    return created


@pytest.fixture
def volunteer(client, auth, centre):
    return auth.login_as("volunteer", centre)


def submitted_report(client, language: str = "en") -> str:
    """Go through the assisted report to the confirmation page; returns the report's reference."""
    reference = start_draft(client)
    language_step = {**ANSWERS["accessibility-and-language"], "language": language}
    go_through(client, reference, {"accessibility-and-language": language_step})
    assert client.post(f"/intake/{reference}/check-answers").status_code == 302
    return reference


def report_made(centre) -> str:
    """A report just submitted at the centre, without going through every step (for the lock and skip tests)."""
    report = factories.report(centre, reported_at=datetime.now(UTC))
    db.session.commit()
    return report.reference


def survey_link(client, reference: str) -> str:
    page = parse_page(client.get(f"/intake/{reference}/submitted"))
    link = page.find("a", string=lambda text: text and "satisfaction survey" in text)
    assert link is not None, "the confirmation page offers no survey"
    return link["href"]


def hand_over(client, reference: str) -> str:
    page = parse_page(client.get(f"/survey/{reference}/hand-over"))
    form = page.find("button", string="Hand the tablet to the person").find_parent("form")
    response = client.post(form["action"])
    assert response.status_code == 302
    return response.headers["Location"]


def answers(reference: str, kind: str = "immediate") -> list[tuple]:
    rows = db.session.scalars(
        select(SurveyResponse)
        .join(SurveyResponse.report)
        .where(SurveyResponse.kind == kind)
        .filter_by(reference=reference)
        .order_by(SurveyResponse.id)
    )
    return [(row.question, row.score, row.answer, row.comment) for row in rows]


def outcome(reference: str) -> str | None:
    invitation = db.session.scalar(
        select(SurveyInvitation).join(SurveyInvitation.report).filter_by(reference=reference)
        .where(SurveyInvitation.kind == "immediate")
    )  # fmt: skip
    return invitation.outcome if invitation else None


def test_the_confirmation_page_links_to_the_survey_for_that_report(client, volunteer):
    reference = submitted_report(client)
    assert survey_link(client, reference) == f"/survey/{reference}/hand-over"
    page = parse_page(client.get(f"/survey/{reference}/hand-over"))
    assert text_of(page, "h1") == "Satisfaction survey"
    assert "you will need to enter your password" in page.get_text(" ")


def test_the_person_answers_and_the_answers_are_stored_once(client, volunteer):
    reference = submitted_report(client)
    page = parse_page(client.get(survey_link(client, reference)))
    form = page.find("button", string="Hand the tablet to the person").find_parent("form")
    questions = client.post(form["action"]).headers["Location"]
    page = parse_page(client.get(questions))
    legends = [" ".join(legend.get_text().split()) for legend in page.select("legend")]
    assert legends == [
        "How easy was it to report?",
        "How well were you treated by the person who helped you?",
        "How well were you kept informed about what happens next?",
        "Overall, how satisfied are you with the service?",
        "Would you recommend reporting here to someone else?",
    ]
    data = {"ease": "4", "treatment": "5", "overall": "5", "recommend": "yes", "comment": "  Kind and patient.  "}
    response = client.post(questions, data=data)
    assert response.headers["Location"] == "/survey/hand-back"
    assert "Thank you for your answers." in parse_page(client.get("/survey/hand-back")).get_text(" ")
    # The back button and a second tap store nothing more.
    client.post(questions, data=data)
    assert answers(reference) == [
        ("ease", 4, None, None),
        ("treatment", 5, None, None),
        ("overall", 5, None, None),
        ("recommend", None, "yes", None),
        ("comment", None, None, "Kind and patient."),
    ]
    assert outcome(reference) == "answered"


def test_every_question_can_be_skipped(client, volunteer, centre):
    reference = report_made(centre)
    questions = hand_over(client, reference)
    response = client.post(questions, data={"overall": "2", "send": "1"})
    assert response.headers["Location"] == "/survey/hand-back"
    assert answers(reference) == [("overall", 2, None, None)]


def test_nothing_answered_stores_no_answers(client, volunteer, centre):
    reference = report_made(centre)
    client.post(hand_over(client, reference), data={"send": "1", "comment": "   "})
    assert answers(reference) == []
    assert outcome(reference) == "answered"


def test_a_tampered_answer_counts_as_no_answer(client, volunteer, centre):
    reference = report_made(centre)
    client.post(hand_over(client, reference), data={"ease": "9", "recommend": "maybe", "overall": "3"})
    assert answers(reference) == [("overall", 3, None, None)]


def test_a_long_comment_is_refused_with_the_other_answers_kept(client, volunteer, centre):
    reference = report_made(centre)
    questions = hand_over(client, reference)
    page = parse_page(client.post(questions, data={"ease": "4", "comment": "x" * 2001}))
    assert error_summary(page) == ["What you would like to tell us must be 2,000 characters or fewer"]
    assert page.select_one("input[name=ease][value='4']").has_attr("checked")
    assert answers(reference) == []


def test_the_survey_is_in_the_language_the_person_used(client, volunteer):
    reference = submitted_report(client, language="ur")
    page = parse_page(client.get(hand_over(client, reference)))
    assert page.html["lang"] == "ur" and page.html["dir"] == "rtl"
    legends = [" ".join(legend.get_text().split()) for legend in page.select("legend")]
    assert "How easy was it to report?" not in legends
    assert legends[0] == "رپورٹ کرنا کتنا آسان تھا؟"


def test_the_person_declines_in_one_action(client, volunteer):
    reference = submitted_report(client)
    questions = hand_over(client, reference)
    response = client.post(questions, data={"decline": "1", "ease": "5"})
    assert response.headers["Location"] == "/survey/hand-back"
    assert answers(reference) == []
    assert outcome(reference) == "declined"
    page = parse_page(client.get("/survey/hand-back"))
    assert "Thank you." in page.get_text(" ")
    assert page.find("a", string="Go back to the questions") is None


def test_the_volunteer_records_a_decline_without_handing_over(client, volunteer, centre):
    reference = report_made(centre)
    response = client.post(f"/survey/{reference}/decline")
    assert response.headers["Location"] == f"/survey/{reference}/hand-over"
    page = parse_page(client.get(f"/survey/{reference}/hand-over"))
    assert "The person did not want to answer the survey." in page.get_text(" ")
    assert "already been answered or declined" in page.get_text(" ")
    assert outcome(reference) == "declined"
    assert client.post(f"/survey/{reference}/hand-over").headers["Location"] == f"/survey/{reference}/hand-over"


# ---------------------------------------------------------------- the tablet hand-back lock


def test_the_survey_screen_hides_the_report_and_the_staff_navigation(client, volunteer, centre):
    reference = report_made(centre)
    page = parse_page(client.get(hand_over(client, reference)))
    text = page.get_text(" ")
    assert reference not in text
    assert "Shouted at in the street" not in text
    assert page.select(".app-header__nav") == []
    links = {link["href"] for link in page.select("a[href]")}
    assert not any(href.startswith(("/reports", "/intake", "/sign-out")) for href in links)
    assert page.find("form", attrs={"action": "/sign-out"}) is None


def test_until_the_volunteer_confirms_every_staff_page_goes_to_the_lock_screen(client, volunteer, centre):
    other = factories.report(centre)
    db.session.commit()
    reference = report_made(centre)
    questions = hand_over(client, reference)
    for url in (
        "/reports/",
        f"/reports/{other.reference}",
        f"/reports/{reference}",
        "/intake/start",
        "/intake/drafts",
        "/satisfaction/",
        f"/survey/{other.reference}",
        f"/survey/{reference}",
        f"/survey/{other.reference}/hand-over",
        f"/survey/{reference}/hand-over",
        "/",
    ):
        response = client.get(url)
        assert (url, response.status_code, response.headers.get("Location")) == (url, 302, "/survey/hand-back")
    assert client.post("/sign-out").headers["Location"] == "/survey/hand-back"
    # The survey itself, and the accessibility statement, stay open.
    assert client.get(questions).status_code == 200
    assert client.get("/accessibility").status_code == 200
    lock = parse_page(client.get("/survey/hand-back"))
    assert lock.find("a", string="Go back to the questions")["href"] == questions


def test_a_wrong_password_keeps_the_tablet_locked(client, volunteer, centre):
    reference = report_made(centre)
    hand_over(client, reference)
    page = parse_page(client.post("/survey/hand-back", data={"password": "not-the-password"}))
    assert error_summary(page) == ["The password is not right. Enter the password you signed in with"]
    assert client.get("/reports/").headers["Location"] == "/survey/hand-back"


def test_the_volunteer_takes_the_tablet_back_with_their_password(client, volunteer, centre):
    reference = report_made(centre)
    client.post(hand_over(client, reference), data={"ease": "5"})
    response = client.post("/survey/hand-back", data={"password": factories.PASSWORD})
    assert response.headers["Location"] == f"/intake/{reference}/submitted"
    assert client.get("/reports/").status_code == 200
    actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions[-3:] == ["tablet_handed_over", "survey_answered", "tablet_taken_back"]


@pytest.mark.parametrize("app_config", [{"HAND_BACK_MAX_ATTEMPTS": 3}])
def test_too_many_wrong_passwords_sign_the_volunteer_out(client, volunteer, centre, app_config):
    reference = report_made(centre)
    hand_over(client, reference)
    for _attempt in range(2):
        assert client.post("/survey/hand-back", data={"password": "guess"}).status_code == 200
    response = client.post("/survey/hand-back", data={"password": "guess"})
    assert response.headers["Location"] == "/sign-in"
    assert client.get("/reports/").headers["Location"].startswith("/sign-in")


def test_the_survey_is_only_for_the_centre_that_took_the_report(client, auth, centre):
    report = factories.report(centre, reported_at=datetime.now(UTC))
    elsewhere = factories.centre("altrincham-library", "Altrincham Library", "altrincham")
    db.session.commit()
    auth.login_as("volunteer", elsewhere)
    assert client.get(f"/survey/{report.reference}").status_code == 404
    assert client.get(f"/survey/{report.reference}/hand-over").status_code == 404
    assert client.post(f"/survey/{report.reference}/hand-over").status_code == 404
    assert client.get(f"/survey/{report.reference}/questions").status_code == 404


def test_without_a_hand_over_the_questions_are_not_open(client, volunteer, centre):
    report = factories.report(centre)
    db.session.commit()
    assert client.get(f"/survey/{report.reference}/questions").status_code == 404


def test_signed_out_visitors_cannot_open_an_assisted_report_survey(client, centre):
    report = factories.report(centre)
    db.session.commit()
    response = client.get(f"/survey/{report.reference}")
    assert response.status_code == 404
    page = parse_page(response)
    assert text_of(page, "h1") == "This survey cannot be opened here"
    sign_in = page.find("a", string="Sign in and go back to the survey")
    assert sign_in["href"] == f"/sign-in?next=/survey/{report.reference}/hand-over"
    assert client.get(f"/survey/{report.reference}/questions").status_code == 404


MADE_UP = "HR-ZZZZ-ZZZ9"


def probe(client, reference: str, page: str = "/survey/{}") -> tuple[int, str, str]:
    """A survey page's status, address and body, with the reference asked for and per-request tokens blanked."""
    response = client.get(page.format(reference))
    body = response.get_data(as_text=True).replace(reference, "REFERENCE")
    body = re.sub(r'nonce="[^"]*"', 'nonce=""', body)
    body = re.sub(r'name="csrf_token" value="[^"]*"', 'name="csrf_token" value=""', body)
    # The timeout warning of a signed-in viewer carries its own token and the seconds left, which tick on.
    body = re.sub(r'data-(csrf-token|max-seconds-left)="[^"]*"', r'data-\1=""', body)
    return response.status_code, response.headers.get("Location", "").replace(reference, "REFERENCE"), body


@pytest.mark.parametrize("viewer", ["signed out", "staff of another centre", "partnership"])
def test_the_survey_start_page_does_not_tell_a_real_reference_from_a_made_up_one(client, auth, centre, viewer):
    assisted = factories.report(centre)
    made_online = factories.report(None, channel="self", reported_at=datetime.now(UTC))
    if viewer == "staff of another centre":
        auth.login_as("volunteer", factories.centre("altrincham-library", "Altrincham Library", "altrincham"))
    elif viewer == "partnership":
        auth.login_as("partnership")
    db.session.commit()
    made_up = probe(client, MADE_UP)
    assert made_up[0] == 404
    assert probe(client, assisted.reference) == made_up
    assert probe(client, made_online.reference) == made_up


@pytest.mark.parametrize("viewer", ["signed out", "staff of another centre", "partnership"])
def test_the_staff_survey_page_does_not_tell_a_real_reference_from_a_made_up_one(client, auth, centre, viewer):
    assisted = factories.report(centre)
    if viewer == "staff of another centre":
        auth.login_as("volunteer", factories.centre("altrincham-library", "Altrincham Library", "altrincham"))
    elif viewer == "partnership":
        auth.login_as("partnership")
    db.session.commit()
    made_up = probe(client, MADE_UP, "/survey/{}/hand-over")
    assert made_up[0] in (302, 403, 404)
    assert probe(client, assisted.reference, "/survey/{}/hand-over") == made_up


# ---------------------------------------------------------------- reports made online


def test_a_self_report_survey_is_open_only_to_the_browser_that_made_the_report(app, client):
    from reporting.satisfaction import services

    report = factories.report(None, channel="self", reported_at=datetime.now(UTC))
    db.session.commit()
    assert client.get(f"/survey/{report.reference}").status_code == 404
    with app.test_request_context():
        from flask import session

        services.on_report_submitted(report)
        db.session.commit()
        granted = dict(session)
    with client.session_transaction() as stored:
        stored.update(granted)
    response = client.get(f"/survey/{report.reference}")
    assert response.headers["Location"] == f"/survey/{report.reference}/questions"
    page = parse_page(client.get(response.headers["Location"]))
    assert "How well were you treated by the person who helped you?" not in page.get_text(" ")
    response = client.post(f"/survey/{report.reference}/questions", data={"ease": "5", "overall": "4"})
    assert response.headers["Location"] == f"/survey/{report.reference}/thank-you"
    thanks = parse_page(client.get(response.headers["Location"]))
    assert "We have your answers." in thanks.get_text(" ")
    assert thanks.find("img", alt="QR code for the link above") is not None
    assert answers(report.reference) == [("ease", 5, None, None), ("overall", 4, None, None)]


# ---------------------------------------------------------------- nothing individual on a report page


@pytest.mark.parametrize("role", ["volunteer", "centre_lead", "partnership"])
def test_survey_answers_never_appear_on_a_report_page(client, auth, centre, role):
    report = factories.report(centre)
    report.survey_responses.append(SurveyResponse(kind="immediate", question="overall", score=1))
    report.survey_responses.append(SurveyResponse(kind="immediate", question="comment", comment="Rude volunteer"))
    db.session.commit()
    auth.login_as(role, centre if role != "partnership" else None)
    text = parse_page(client.get(f"/reports/{report.reference}")).get_text(" ")
    assert "Rude volunteer" not in text
    assert "Very dissatisfied" not in text
