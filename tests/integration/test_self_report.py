"""Reports made online: start pages, both flows end to end, anonymity, submit once, the receipt,
the honeypot, the rate limit, the size cap, and the language kept through the journey and stored."""

import pytest
from flask_babel import refresh
from sqlalchemy import func, select

from reporting.extensions import db
from reporting.models import AuditEvent, Centre, Report
from reporting.satisfaction.models import SurveyInvitation
from tests.support import factories
from tests.support.client import ClientRequest
from tests.support.html import text_of
from tests.support.pdf import pypdf_text
from tests.support.selfreport import go_through, send, start


@pytest.fixture
def places(app):
    factories.centre()
    db.session.commit()


def _reports() -> list[Report]:
    return list(db.session.scalars(select(Report).order_by(Report.id)))


def test_the_start_page_explains_in_plain_words_and_links_the_other_versions(client_request):
    page = client_request.get("selfreport.start")
    text = page.get_text(" ")
    assert text_of(page, "h1") == "Tell us about a hate incident"
    for words in (
        "We will believe you",
        "You do not have to give your name",
        "It takes about 10 minutes",
        "You choose if we tell the police",
    ):
        assert words in text
    assert page.find("a", string="Easy read version")["href"] == "/report/easy-read"
    assert page.select_one(".govuk-exit-this-page a")["href"] == "/exit"
    start_page = client_request.get("pages.start")
    assert start_page.find("a", string="Tell us about a hate incident")["href"] == "/report/"


def test_the_plain_language_flow_stores_a_self_report_with_no_centre(client, client_request, places):
    seen, location = go_through(client, "questions")
    assert seen[:5] == ["who-is-reporting", "what-happened", "tell-us-what-happened", "pictures-and-files", "why"]
    # Follow-up questions are pages of their own, shown only after the answer that asks for them.
    assert "injuries" not in seen and "officer" not in seen and "email" not in seen
    check = client_request.get_url(location)
    assert "Two men shouted at me outside the shop." in check.get_text(" ")
    change = check.find("a", href=lambda href: href and "/report/questions/why?change=1" in href)
    assert change is not None
    client_request.post_url(location, _expected_redirect="/report/questions/sent")
    (report,) = _reports()
    assert (report.channel, report.centre_id, report.status, report.language) == ("self", None, "received", "en")
    assert report.created_by_id is None and report.reported_at is not None
    assert report.incident_types == ["threats", "verbal_abuse"] and report.categories == ["race", "religion"]
    assert report.area.code == "sale_central" and report.postcode == "M33 7XY"
    assert report.contact.phone == "07700 900 982" and report.support_kinds == ["emotional", "safety"]
    assert report.identifying_fields == ["description"] and report.equality.religion == "muslim"


def test_the_easy_read_flow_asks_fewer_questions_as_choices_and_stores_the_same_fields(client, client_request, places):
    seen, location = go_through(client, "easy-read")
    assert len(seen) == 17
    assert "when" not in seen  # "yesterday" is a choice: no date to type
    client_request.post_url(location, _expected_status=302)
    (report,) = _reports()
    assert report.channel == "self" and report.centre_id is None
    assert report.description is None  # telling more is optional in easy read
    assert report.occurred_on is not None and not report.occurred_on_approximate
    assert report.location_type == "public_transport" and report.area is None
    assert report.police_consent == "none" and report.support_wanted is True
    assert report.contact.preferred_method == "text" and report.contact.phone == "07700 900 111"


def test_easy_read_pages_have_a_decorative_picture_beside_the_question(client, client_request, places):
    location = start(client, "easy-read")
    page = client_request.get_url(location)
    picture = page.select_one("main .app-easy-read__picture svg")
    assert picture["aria-hidden"] == "true" and picture["focusable"] == "false"
    assert page.select_one(".app-easy-read") is not None
    assert text_of(page, "h1") == "Who did it happen to?"


def test_easy_read_asks_the_date_only_for_before_yesterday(client, places):
    seen, _location = go_through(client, "easy-read", {"when-choice": {"when_choice": "earlier"}})
    assert "when" in seen
    (report,) = _reports()
    assert str(report.occurred_on) == "2026-01-02"


def test_a_report_can_be_made_with_no_name_and_no_way_to_contact(client, client_request, places):
    anonymous = {"help": {"support_wanted": "no"}, "police": {"police_consent": "anonymous"}}
    seen, location = go_through(client, "questions", anonymous)
    assert not {"contact", "contact-method", "phone", "leave-a-message"} & set(seen)
    client_request.post_url(location, _expected_status=302)
    (report,) = _reports()
    assert report.status == "received" and report.contact is None
    sent = client_request.get("selfreport.sent", flow="questions")
    assert "we will not give them your name" in sent.get_text(" ")


def test_saying_no_to_contact_in_easy_read_keeps_no_contact_details(client, client_request, places):
    seen, location = go_through(client, "easy-read", {"contact-choice": {"contact_wanted": "no"}})
    assert seen[-1] == "contact-choice"
    client_request.post_url(location, _expected_status=302)
    assert _reports()[0].contact is None


def test_changing_an_answer_forgets_the_answers_that_no_longer_apply(client, client_request, places):
    _seen, location = go_through(client, "questions")
    client_request.post("selfreport.page", flow="questions", slug="help", change=1, _data={"support_wanted": "no"},
                        _expected_redirect="/report/questions/check-answers")  # fmt: skip
    (report,) = _reports()
    assert report.support_kinds == [] and report.contact is None
    assert "help-you-would-like" not in report.steps_done


def test_the_report_is_sent_once_however_often_send_is_pressed(client, client_request, places):
    _seen, location = go_through(client, "questions")
    first = client_request.post_response_to_url(location, _expected_status=302)
    second = client_request.post_response_to_url(location, _expected_status=302)
    assert first.headers["Location"] == second.headers["Location"] == "/report/questions/sent"
    assert len(_reports()) == 1
    submitted = db.session.scalar(select(func.count()).where(AuditEvent.action == "report_submitted"))
    assert submitted == 1


def test_the_confirmation_gives_the_reference_receipts_and_the_satisfaction_questions(client, client_request, places):
    confirmation = client_request.get_url(send(client, "questions"))
    (report,) = _reports()
    assert report.reference in text_of(confirmation, ".govuk-panel")
    survey = confirmation.find("a", string="Answer 5 short questions")
    assert survey["href"] == f"/survey/{report.reference}"
    started = client_request.get_response_from_url(survey["href"], _expected_status=302)
    questions = client_request.get_url(started.location)
    assert "Tell us how reporting went" in questions.get_text(" ")
    follow_up = select(func.count()).where(
        SurveyInvitation.kind == "follow-up", SurveyInvitation.report_id == report.id
    )
    assert db.session.scalar(follow_up) == 1
    receipt = client_request.get("selfreport.receipt")
    assert report.reference in receipt.get_text(" ") and "Two men" not in receipt.get_text(" ")
    pdf = client_request.get_response("selfreport.receipt_pdf")
    assert pdf.mimetype == "application/pdf" and report.reference in pypdf_text(pdf.data)


def test_the_receipt_and_draft_belong_to_the_browser_that_made_them(app, client, places):
    send(client, "questions")
    (report,) = _reports()
    stranger = ClientRequest(app.test_client(), auth=None)
    stranger.get_response("selfreport.receipt", _expected_status=404)
    stranger.get_response("selfreport.receipt_pdf", _expected_status=404)
    stranger.get_response("selfreport.sent", flow="questions", _expected_status=404)
    guessed = stranger.get("selfreport.receipt", reference=report.reference, _expected_status=404)
    assert report.reference not in guessed.main.get_text(" ")
    # The token is never stored, only its hash; the reference is not the key.
    assert report.draft_token_hash and len(report.draft_token_hash) == 64
    location = start(stranger.client, "questions")
    ClientRequest(app.test_client(), auth=None).get_url(location, _expected_status=404)  # another browser's draft


def test_a_filled_honeypot_is_refused_politely_and_nothing_is_stored(client, client_request, places):
    refused = client_request.post("selfreport.begin", flow="questions", _data={"website": "http://spam.example"},
                                  _expected_status=400)  # fmt: skip
    assert "Sorry, we could not take your answers" in refused.get_text(" ")
    assert _reports() == []
    location = start(client, "questions")
    client_request.post_url(location, _data={"reporter_role": "victim", "website": "x"}, _expected_status=400)
    assert _reports()[0].reporter_role is None and _reports()[0].steps_done == []


@pytest.mark.parametrize("app_config", [{"SELF_REPORT_RATE_LIMIT": "3 per minute"}])
def test_the_rate_limit_says_when_to_try_again_and_keeps_what_was_typed(client, client_request, places, app_config):
    location = start(client, "questions")
    for _ in range(3):
        client_request.post_url(location, _data={"reporter_role": "victim"}, _expected_status=302)
    page = client_request.post("selfreport.page", flow="questions", slug="what-happened",
                               _data={"incident_types": ["spitting", "graffiti"]}, _expected_status=429)  # fmt: skip
    assert "Wait 1 minute, then try again" in page.get_text(" ")
    assert "We have kept what you typed" in page.get_text(" ")
    ticked = {box["value"] for box in page.select("input[name=incident_types][checked]")}
    assert ticked == {"spitting", "graffiti"}
    assert _reports()[0].incident_types == []


@pytest.mark.parametrize("app_config", [{"SELF_REPORT_START_RATE_LIMIT": "2 per hour"}])
def test_starting_reports_is_limited_per_browser_session(client, client_request, places, app_config):
    start(client, "questions")
    start(client, "easy-read")
    limited = client_request.post("selfreport.begin", flow="questions", _expected_status=429)
    assert "then try again" in limited.get_text(" ")
    assert len(_reports()) == 2


def test_oversized_requests_and_answers_are_refused(client, client_request, places):
    location = start(client, "questions")
    client_request.post_response_to_url(location, _data={"reporter_role": "victim", "filler": "x" * 300_000},
                                        _expected_status=413)  # fmt: skip
    _seen, _ = go_through(client, "questions", stop_at="phone")
    page = client_request.post("selfreport.page", flow="questions", slug="phone",
                               _data={"phone": "0" + " " * 40 + "7700900982"})  # fmt: skip
    assert "Enter a phone number" in text_of(page, ".govuk-error-summary")


def test_a_session_without_a_report_is_told_it_was_not_found(client_request, places):
    page = client_request.get("selfreport.page", flow="questions", slug="why", _expected_status=404)
    assert "We cannot find your report" in page.get_text(" ")


def test_the_start_page_offers_to_go_back_to_an_unfinished_report(client, client_request, places):
    go_through(client, "questions", stop_at="why")
    page = client_request.get("selfreport.start")
    resume = page.find("a", string="Go back to the report you started")
    assert resume["href"] == "/report/questions/continue"
    client_request.get_url(resume["href"], _expected_status=302, _expected_redirect="/report/questions/why")


# ---------------------------------------------------------------- languages

TWO_LANGUAGES = {"LANGUAGES": {"en": "English", "pl": "Polski", "zh_Hans": "简体中文"}}


@pytest.mark.parametrize("app_config", [TWO_LANGUAGES])
@pytest.mark.parametrize("language,tag", [("pl", "pl"), ("zh_Hans", "zh-Hans")])
def test_the_language_is_kept_on_every_link_and_stored_on_the_report(client, client_request, places, app_config,
                                                                    language, tag):  # fmt: skip
    start_page = client_request.get("selfreport.start", lang=language)
    assert start_page.html["lang"] == tag
    form = start_page.select_one("main form")
    assert form["action"] == f"/report/questions/start?lang={language}"
    seen, location = go_through(client, "questions", query=f"?lang={language}")
    assert location.endswith(f"?lang={language}")
    page = client_request.get("selfreport.page", flow="questions", slug="why", lang=language)
    assert page.html["lang"] == tag
    links = [link["href"] for link in page.select("main a, .app-before-content a") if link["href"].startswith("/")]
    assert links and all(f"lang={language}" in link for link in links)
    client_request.post_url(location, _expected_redirect=f"/report/questions/sent?lang={language}")
    assert _reports()[0].language == tag


@pytest.mark.parametrize("app_config", [TWO_LANGUAGES])
def test_choosing_a_language_from_a_shared_link_wins_over_the_link(client_request, places, app_config):
    client_request.get("pages.choose_language", code="pl", next="/report/?lang=zh_Hans", _expected_status=302,
                       _expected_redirect="/report/?lang=pl")  # fmt: skip


@pytest.mark.parametrize("app_config", [TWO_LANGUAGES])
def test_the_start_page_links_to_every_language_in_its_own_script(client_request, app_config):
    page = client_request.get("selfreport.start")
    names = {link.get_text(): link["href"] for link in page.select("main a[hreflang]")}
    assert names == {"Polski": "/report/?lang=pl", "简体中文": "/report/?lang=zh_Hans"}


@pytest.mark.parametrize("app_config", [TWO_LANGUAGES])
def test_changing_language_on_a_page_keeps_what_was_typed(client, client_request, places, app_config):
    _, location = go_through(client, "questions", stop_at="tell-us-what-happened")
    page = client_request.get_url(location)
    switch = page.select_one(".app-language-menu button[name=switch_language][value=pl]")
    assert switch["form"] == "answers" and page.select_one("form#answers") is not None
    typed = "He shouted at me by the bus stop on Cross Street."
    response = client_request.post_response_to_url(
        location, _data={"description": typed, "switch_language": "pl"}, _expected_status=302
    )
    assert response.headers["Location"].endswith("/report/questions/tell-us-what-happened?lang=pl")
    refresh()  # the test's app context outlives each request: forget the locale the last one chose
    again = client_request.get_url(response.headers["Location"])
    assert again.html["lang"] == "pl"
    assert again.select_one("textarea[name=description]").get_text() == typed
    assert again.select(".govuk-error-summary") == []
    # Valid answers are saved to the draft on the way.
    report = db.session.scalars(select(Report).order_by(Report.id.desc())).first()
    db.session.refresh(report)
    assert report.description == typed


@pytest.mark.parametrize("app_config", [TWO_LANGUAGES])
def test_changing_language_keeps_answers_that_are_not_finished_yet(client, client_request, places, app_config):
    _, location = go_through(client, "questions", stop_at="when")
    response = client_request.post_response_to_url(
        location, _data={"occurred_on-day": "27", "occurred_on-month": "", "switch_language": "pl"},
        _expected_status=302,
    )  # fmt: skip
    refresh()  # the test's app context outlives each request: forget the locale the last one chose
    again = client_request.get_url(response.headers["Location"])
    assert again.html["lang"] == "pl"
    assert again.select_one("input[name=occurred_on-day]")["value"] == "27"
    assert again.select(".govuk-error-summary") == []
    # Held only until shown: the page loaded again starts from the draft.
    shown_again = client_request.get_url(response.headers["Location"])
    assert shown_again.select_one("input[name=occurred_on-day]").get("value", "") == ""


def test_easy_read_is_kept_to_the_end_on_the_sent_page_and_the_receipt(client, client_request, places):
    sent = client_request.get_url(send(client, "easy-read"))
    assert text_of(sent, "h1") == "We have your report"
    said = text_of(sent, "main")
    assert "Write down your reference number." in said and "You can print your receipt." in said
    assert "Use the number if you contact us or the police about this report." not in said  # the standard words
    assert len(sent.select("main .app-easy-read__picture svg")) >= 4
    receipt = client_request.get("selfreport.receipt")
    assert "Keep this number safe." in text_of(receipt, "main")
    assert "Thank you for telling us about a hate incident. We have your report." not in text_of(receipt, "main")
    assert receipt.select("main .app-easy-read__picture svg")
    printed = pypdf_text(client_request.get_response("selfreport.receipt_pdf").data)
    assert "Keep this number safe." in printed and "We will not tell the police." in printed
    assert "Quote it if you contact us" not in printed


def test_the_plain_flow_keeps_its_own_sent_page_and_receipt(client, client_request, places):
    sent = client_request.get_url(send(client, "questions"))
    assert text_of(sent, "h1") == "Report sent"
    receipt = client_request.get("selfreport.receipt")
    assert "Thank you for telling us about a hate incident. We have your report." in text_of(receipt, "main")
    printed = pypdf_text(client_request.get_response("selfreport.receipt_pdf").data)
    assert "Keep this reference safe. Quote it if you contact us" in " ".join(printed.split())


def test_easy_read_asks_the_nearest_of_a_few_places_instead_of_every_area(client, client_request, places):
    for code in ("urmston", "timperley", "old_trafford"):
        factories.area(code, code.replace("_", " ").title())
    db.session.commit()
    _, location = go_through(client, "easy-read", stop_at="place")
    page = client_request.get_url(location)
    assert page.select_one("main select") is None
    options = [text_of(page, f"label[for={radio['id']}]") for radio in page.select("input[name=area]")]
    centres = [f"Near {name}" for name in sorted(centre.name for centre in db.session.scalars(select(Centre)))]
    assert options == [*centres, "Somewhere else, or I do not know"][: len(options)]
    assert options[-1] == "Somewhere else, or I do not know" and len(options) <= 9
    chosen = page.select("input[name=area]")[0]["value"]
    response = client_request.post_response_to_url(location, _data={"area": chosen}, _expected_status=302)
    report = db.session.scalars(select(Report).order_by(Report.id.desc())).first()
    db.session.refresh(report)
    assert report.area.code == chosen
    assert "place" not in response.headers["Location"]
