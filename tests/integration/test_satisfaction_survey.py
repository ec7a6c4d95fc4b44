"""The immediate survey: after the assisted journey (answered, skipped, declined), on a handed-over tablet."""

import re
from datetime import UTC, datetime

import pytest
from flask_babel import refresh
from sqlalchemy import select

from reporting.extensions import db
from reporting.models import AuditEvent, SurveyResponse
from reporting.satisfaction.models import SurveyInvitation
from tests.support import factories
from tests.support.html import error_summary, text_of
from tests.support.intake import ANSWERS, go_through, start_draft


@pytest.fixture
def centre(app):
    created = factories.centre()
    db.session.commit()
    return created


@pytest.fixture
def volunteer(client_request, centre):
    return client_request.login_as("volunteer", centre)


def submitted_report(client_request, language: str = "en") -> str:
    """Go through the assisted report to the confirmation page; returns the report's reference."""
    reference = start_draft(client_request.client)
    language_step = {**ANSWERS["accessibility-and-language"], "language": language}
    go_through(client_request.client, reference, {"accessibility-and-language": language_step})
    client_request.post("intake.check_answers", reference=reference, _expected_status=302)
    return reference


def report_made(centre) -> str:
    """A report just submitted at the centre, without going through every step (for the lock and skip tests)."""
    report = factories.report(centre, reported_at=datetime.now(UTC))
    db.session.commit()
    return report.reference


def survey_link(client_request, reference: str) -> str:
    page = client_request.get("intake.submitted", reference=reference)
    link = page.find("a", string=lambda text: text and "satisfaction survey" in text)
    assert link is not None, "the confirmation page offers no survey"
    return link["href"]


def hand_over(client_request, reference: str) -> str:
    """Hand the tablet over through the form on the hand-over page; returns where that goes (the questions)."""
    page = client_request.get("satisfaction.hand_over_page", reference=reference)
    form = page.find("button", string="Hand the tablet to the person").find_parent("form")
    return client_request.post_response_to_url(form["action"], _expected_status=302).headers["Location"]


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


def test_the_confirmation_page_links_to_the_survey_for_that_report(client_request, volunteer):
    reference = submitted_report(client_request)
    assert survey_link(client_request, reference) == f"/survey/{reference}/hand-over"
    page = client_request.get("satisfaction.hand_over_page", reference=reference)
    assert text_of(page, "h1") == "Satisfaction survey"
    assert "you will need to enter your password" in page.get_text(" ")


def test_the_person_answers_and_the_answers_are_stored_once(client_request, volunteer):
    reference = submitted_report(client_request)
    # The link on the confirmation page, the form's action and the redirect are followed as the browser would.
    page = client_request.get_url(survey_link(client_request, reference))
    form = page.find("button", string="Hand the tablet to the person").find_parent("form")
    questions = client_request.post_response_to_url(form["action"], _expected_status=302).headers["Location"]
    page = client_request.get_url(questions)
    legends = [" ".join(legend.get_text().split()) for legend in page.select("legend")]
    assert legends == [
        "How satisfied were you with how easy it was to report?",
        "How satisfied were you with how you were treated by the person who helped you?",
        "How satisfied were you with how well you were kept informed about what happens next?",
        "Overall, how satisfied are you with the service?",
        "Would you recommend reporting here to someone else?",
    ]
    data = {"ease": "4", "treatment": "5", "overall": "5", "recommend": "yes", "comment": "  Kind and patient.  "}
    client_request.post_url(questions, _data=data, _expected_redirect="/survey/hand-back")
    assert "Thank you for your answers." in client_request.get("satisfaction.hand_back").get_text(" ")
    # The back button and a second tap store nothing more.
    client_request.post_url(questions, _data=data, _expected_status=302)
    assert answers(reference) == [
        ("ease", 4, None, None),
        ("treatment", 5, None, None),
        ("overall", 5, None, None),
        ("recommend", None, "yes", None),
        ("comment", None, None, "Kind and patient."),
    ]
    assert outcome(reference) == "answered"


def test_every_question_can_be_skipped(client_request, volunteer, centre):
    reference = report_made(centre)
    questions = hand_over(client_request, reference)
    client_request.post_url(questions, _data={"overall": "2", "send": "1"}, _expected_redirect="/survey/hand-back")
    assert answers(reference) == [("overall", 2, None, None)]


def test_nothing_answered_stores_no_answers(client_request, volunteer, centre):
    reference = report_made(centre)
    client_request.post_url(hand_over(client_request, reference), _data={"send": "1", "comment": "   "},
                            _expected_status=302)  # fmt: skip
    assert answers(reference) == []
    assert outcome(reference) == "answered"


def test_a_tampered_answer_counts_as_no_answer(client_request, volunteer, centre):
    reference = report_made(centre)
    tampered = {"ease": "9", "recommend": "maybe", "overall": "3"}
    client_request.post_url(hand_over(client_request, reference), _data=tampered, _expected_status=302)
    assert answers(reference) == [("overall", 3, None, None)]


def test_a_long_comment_is_refused_with_the_other_answers_kept(client_request, volunteer, centre):
    reference = report_made(centre)
    questions = hand_over(client_request, reference)
    page = client_request.post_url(questions, _data={"ease": "4", "comment": "x" * 2001}, _expected_status=200)
    assert error_summary(page) == ["What you would like to tell us must be 2,000 characters or fewer"]
    assert page.select_one("input[name=ease][value='4']").has_attr("checked")
    assert answers(reference) == []


def test_the_survey_is_in_the_language_the_person_used(client_request, volunteer):
    reference = submitted_report(client_request, language="ur")
    page = client_request.get_url(hand_over(client_request, reference))
    assert page.html["lang"] == "ur" and page.html["dir"] == "rtl"
    legends = [" ".join(legend.get_text().split()) for legend in page.select("legend")]
    assert "How satisfied were you with how easy it was to report?" not in legends
    assert legends[0] and all("\u0600" <= letter <= "\u06ff" for letter in legends[0] if letter.isalpha())


def test_the_person_declines_in_one_action(client_request, volunteer):
    reference = submitted_report(client_request)
    questions = hand_over(client_request, reference)
    client_request.post_url(questions, _data={"decline": "1", "ease": "5"}, _expected_redirect="/survey/hand-back")
    assert answers(reference) == []
    assert outcome(reference) == "declined"
    page = client_request.get("satisfaction.hand_back")
    assert "Thank you." in page.get_text(" ")
    assert page.find("a", string="Go back to the questions") is None


def test_the_volunteer_records_a_decline_without_handing_over(client_request, volunteer, centre):
    reference = report_made(centre)
    hand_over_page = f"/survey/{reference}/hand-over"
    client_request.post("satisfaction.decline", reference=reference, _expected_redirect=hand_over_page)
    page = client_request.get("satisfaction.hand_over_page", reference=reference)
    assert "The person did not want to answer the survey." in page.get_text(" ")
    assert "already been answered or declined" in page.get_text(" ")
    assert outcome(reference) == "declined"
    client_request.post("satisfaction.hand_over", reference=reference, _expected_redirect=hand_over_page)


# ---------------------------------------------------------------- the tablet hand-back lock


def test_the_survey_screen_hides_the_report_and_the_staff_navigation(client_request, volunteer, centre):
    reference = report_made(centre)
    page = client_request.get_url(hand_over(client_request, reference))
    text = page.get_text(" ")
    assert reference not in text
    assert "Shouted at in the street" not in text
    assert page.select(".app-header__nav") == []
    links = {link["href"] for link in page.select("a[href]")}
    assert not any(href.startswith(("/reports", "/intake", "/sign-out")) for href in links)
    assert page.find("form", attrs={"action": "/sign-out"}) is None


def test_until_the_volunteer_confirms_every_staff_page_goes_to_the_lock_screen(client_request, volunteer, centre):
    other = factories.report(centre)
    db.session.commit()
    reference = report_made(centre)
    questions = hand_over(client_request, reference)
    for endpoint, values in (
        ("reports.list_reports", {}),
        ("reports.view_report", {"reference": other.reference}),
        ("reports.view_report", {"reference": reference}),
        ("intake.start", {}),
        ("intake.drafts", {}),
        ("satisfaction.results", {}),
        ("satisfaction.start_survey", {"reference": other.reference}),
        ("satisfaction.start_survey", {"reference": reference}),
        ("satisfaction.hand_over_page", {"reference": other.reference}),
        ("satisfaction.hand_over_page", {"reference": reference}),
        ("pages.start", {}),
    ):
        client_request.get(endpoint, **values, _expected_status=302, _expected_redirect="/survey/hand-back")
    client_request.post("auth.sign_out", _expected_redirect="/survey/hand-back")
    # The survey itself, and the accessibility statement, stay open.
    client_request.get_url(questions)
    client_request.get("pages.accessibility")
    lock = client_request.get("satisfaction.hand_back")
    assert lock.find("a", string="Go back to the questions")["href"] == questions


def test_a_wrong_password_keeps_the_tablet_locked(client_request, volunteer, centre):
    reference = report_made(centre)
    hand_over(client_request, reference)
    page = client_request.post("satisfaction.hand_back", _data={"password": "not-the-password"})
    assert error_summary(page) == ["The password is not right. Enter the password you signed in with"]
    client_request.get("reports.list_reports", _expected_status=302, _expected_redirect="/survey/hand-back")


def test_the_volunteer_takes_the_tablet_back_with_their_password(client_request, volunteer, centre):
    reference = report_made(centre)
    client_request.post_url(hand_over(client_request, reference), _data={"ease": "5"}, _expected_status=302)
    client_request.post("satisfaction.hand_back", _data={"password": factories.PASSWORD},
                        _expected_redirect=f"/intake/{reference}/submitted")  # fmt: skip
    client_request.get("reports.list_reports")
    actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions[-3:] == ["tablet_handed_over", "survey_answered", "tablet_taken_back"]


@pytest.mark.parametrize("app_config", [{"HAND_BACK_MAX_ATTEMPTS": 3}])
def test_too_many_wrong_passwords_sign_the_volunteer_out(client_request, volunteer, centre, app_config):
    reference = report_made(centre)
    hand_over(client_request, reference)
    for _attempt in range(2):
        client_request.post("satisfaction.hand_back", _data={"password": "guess"}, _expected_status=200)
    client_request.post("satisfaction.hand_back", _data={"password": "guess"}, _expected_redirect="/sign-in")
    response = client_request.get_response("reports.list_reports", _expected_status=302)
    assert response.headers["Location"].startswith("/sign-in")


def test_the_survey_is_only_for_the_centre_that_took_the_report(client_request, centre):
    report = factories.report(centre, reported_at=datetime.now(UTC))
    elsewhere = factories.centre("altrincham-library", "Altrincham Library", "altrincham")
    db.session.commit()
    client_request.login_as("volunteer", elsewhere)
    client_request.get("satisfaction.start_survey", reference=report.reference, _expected_status=404)
    client_request.get("satisfaction.hand_over_page", reference=report.reference, _expected_status=404)
    client_request.post("satisfaction.hand_over", reference=report.reference, _expected_status=404)
    client_request.get("satisfaction.questions", reference=report.reference, _expected_status=404)


def test_without_a_hand_over_the_questions_are_not_open(client_request, volunteer, centre):
    report = factories.report(centre)
    db.session.commit()
    client_request.get("satisfaction.questions", reference=report.reference, _expected_status=404)


def test_signed_out_visitors_cannot_open_an_assisted_report_survey(client_request, centre):
    report = factories.report(centre)
    db.session.commit()
    page = client_request.get("satisfaction.start_survey", reference=report.reference, _expected_status=404)
    assert text_of(page, "h1") == "This survey cannot be opened here"
    sign_in = page.find("a", string="Sign in and go back to the survey")
    assert sign_in["href"] == f"/sign-in?next=/survey/{report.reference}/hand-over"
    client_request.get("satisfaction.questions", reference=report.reference, _expected_status=404)


MADE_UP = "HR-ZZZZ-ZZZ9"


def probe(client_request, reference: str, endpoint: str, status: int | tuple[int, ...]) -> tuple[int, str, str]:
    """A survey page's status, address and body, with the reference asked for and per-request tokens blanked.

    The raw response, not the parsed page: what is compared is every byte a visitor could tell apart."""
    response = client_request.get_response(endpoint, reference=reference, _expected_status=status)
    body = response.get_data(as_text=True).replace(reference, "REFERENCE")
    body = re.sub(r'nonce="[^"]*"', 'nonce=""', body)
    body = re.sub(r'name="csrf_token" value="[^"]*"', 'name="csrf_token" value=""', body)
    # The timeout warning of a signed-in viewer carries its own token and the seconds left, which tick on.
    body = re.sub(r'data-(csrf-token|max-seconds-left)="[^"]*"', r'data-\1=""', body)
    return response.status_code, response.headers.get("Location", "").replace(reference, "REFERENCE"), body


@pytest.mark.parametrize("viewer", ["signed out", "staff of another centre", "partnership"])
def test_the_survey_start_page_does_not_tell_a_real_reference_from_a_made_up_one(client_request, centre, viewer):
    assisted = factories.report(centre)
    made_online = factories.report(None, channel="self", reported_at=datetime.now(UTC))
    if viewer == "staff of another centre":
        client_request.login_as("volunteer", factories.centre("altrincham-library", "Altrincham Library", "altrincham"))
    elif viewer == "partnership":
        client_request.login_as("partnership")
    db.session.commit()
    made_up = probe(client_request, MADE_UP, "satisfaction.start_survey", 404)
    assert made_up[0] == 404
    assert probe(client_request, assisted.reference, "satisfaction.start_survey", 404) == made_up
    assert probe(client_request, made_online.reference, "satisfaction.start_survey", 404) == made_up


@pytest.mark.parametrize("viewer", ["signed out", "staff of another centre", "partnership"])
def test_the_staff_survey_page_does_not_tell_a_real_reference_from_a_made_up_one(client_request, centre, viewer):
    assisted = factories.report(centre)
    if viewer == "staff of another centre":
        client_request.login_as("volunteer", factories.centre("altrincham-library", "Altrincham Library", "altrincham"))
    elif viewer == "partnership":
        client_request.login_as("partnership")
    db.session.commit()
    made_up = probe(client_request, MADE_UP, "satisfaction.hand_over_page", (302, 403, 404))
    assert made_up[0] in (302, 403, 404)
    assert probe(client_request, assisted.reference, "satisfaction.hand_over_page", made_up[0]) == made_up


# ---------------------------------------------------------------- reports made online


def test_a_self_report_survey_is_open_only_to_the_browser_that_made_the_report(app, client, client_request):
    from reporting.satisfaction import services

    report = factories.report(None, channel="self", reported_at=datetime.now(UTC))
    db.session.commit()
    client_request.get("satisfaction.start_survey", reference=report.reference, _expected_status=404)
    with app.test_request_context():
        from flask import session

        services.on_report_submitted(report)
        db.session.commit()
        granted = dict(session)
    with client.session_transaction() as stored:
        stored.update(granted)
    client_request.get("satisfaction.start_survey", reference=report.reference, _expected_status=302,
                       _expected_redirect=f"/survey/{report.reference}/questions")  # fmt: skip
    page = client_request.get("satisfaction.questions", reference=report.reference)
    assert "How satisfied were you with how you were treated by the person who helped you?" not in page.get_text(" ")
    client_request.post("satisfaction.questions", reference=report.reference, _data={"ease": "5", "overall": "4"},
                        _expected_redirect=f"/survey/{report.reference}/thank-you")  # fmt: skip
    thanks = client_request.get("satisfaction.thank_you", reference=report.reference)
    assert "We have your answers." in thanks.get_text(" ")
    assert thanks.find("img", alt="QR code for the link above") is not None
    assert answers(report.reference) == [("ease", 5, None, None), ("overall", 4, None, None)]


# ---------------------------------------------------------------- nothing individual on a report page


@pytest.mark.parametrize("role", ["volunteer", "centre_lead", "partnership"])
def test_survey_answers_never_appear_on_a_report_page(client_request, centre, role):
    report = factories.report(centre)
    report.survey_responses.append(SurveyResponse(kind="immediate", question="overall", score=1))
    report.survey_responses.append(SurveyResponse(kind="immediate", question="comment", comment="Rude volunteer"))
    db.session.commit()
    client_request.login_as(role, centre if role != "partnership" else None)
    text = client_request.get("reports.view_report", reference=report.reference).get_text(" ")
    assert "Rude volunteer" not in text
    assert "Very dissatisfied" not in text


def test_after_an_urdu_survey_the_hand_back_prompt_is_in_the_staff_members_language(client_request, volunteer):
    reference = submitted_report(client_request, language="ur")
    questions = hand_over(client_request, reference)
    client_request.post_url(questions + "?lang=ur", _data={"ease": "5"}, _expected_status=302)
    for address in ("/survey/hand-back", "/survey/hand-back?lang=ur"):
        refresh()  # the test's app context outlives each request: forget the locale the last one chose
        page = client_request.get_url(address)
        assert page.html["lang"] == "en" and page.html["dir"] == "ltr"
        assert page.select_one("label[for=password]").get_text(strip=True) == (
            "Volunteer: enter your password to take the tablet back"
        )
        assert page.select_one("button[type=submit]").get_text(strip=True) == "Take the tablet back"
        # The words for the person stay in their language, marked as such.
        person = page.select_one("#for-the-person")
        assert (person["lang"], person["dir"]) == ("ur", "rtl")
        assert "Please give the tablet back" not in person.get_text(" ")
    refresh()
    page = client_request.post_url("/survey/hand-back?lang=ur", _data={"password": "not-the-password"})
    assert page.html["lang"] == "en"
    assert error_summary(page) == ["The password is not right. Enter the password you signed in with"]
    # The staff pages after it are in the staff member's language too.
    client_request.post_url("/survey/hand-back?lang=ur", _data={"password": factories.PASSWORD}, _expected_status=302)
    refresh()
    assert client_request.get_url(f"/intake/{reference}/submitted?lang=ur").html["lang"] == "en"
