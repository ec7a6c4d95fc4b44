"""Contact through a video relay or BSL interpreting service, or through Relay UK (text relay): offered online and at a
centre, each asking for the phone number the relay reaches, and shown to staff before they call; and the start pages
saying that a person can report in British Sign Language or by voice."""

import pytest
from sqlalchemy import select

from reporting.domain import vocabulary
from reporting.extensions import db
from reporting.models import Report
from tests.support import factories
from tests.support.html import parse_page
from tests.support.selfreport import go_through


@pytest.fixture
def centre(app):
    found = factories.centre()
    db.session.commit()
    return found


def test_the_new_ways_are_vocabulary_codes_stored_and_exchanged_like_the_others():
    assert vocabulary.is_code("contact_methods", "video_relay") and vocabulary.is_code("contact_methods", "relay_uk")
    assert vocabulary.english_label("contact_methods", "relay_uk") == "Through Relay UK (text relay)"


@pytest.mark.parametrize("way", ["relay_uk", "video_relay"])
def test_a_person_online_can_ask_to_be_contacted_through_a_relay_service_and_gives_a_number(client, centre, way):
    seen, _location = go_through(client, "questions", answers={
        "police": {"police_consent": "named"}, "contact-method": {"preferred_method": way}})  # fmt: skip
    page = parse_page(client.get("/report/questions/contact-method"))
    labels = [label.get_text(strip=True) for label in page.select(".govuk-radios__label")]
    assert "Through a video relay or BSL interpreting service" in labels and "Through Relay UK (text relay)" in labels
    assert "phone" in seen, "the relay reaches the person's phone number"
    report = db.session.scalar(select(Report))
    assert report.contact.preferred_method == way and report.contact.phone == "07700 900 982"


def test_staff_see_how_to_contact_the_person_before_they_call(client_request, centre):
    contact = {"name": "Sam", "phone": "07700 900 982", "preferred_method": "relay_uk"}
    report = factories.report(centre, police_consent="named", contact=contact)
    db.session.commit()
    client_request.login_as("volunteer", centre)
    page = client_request.get("reports.view_report", reference=report.reference)
    way = page.select_one("#contact-way").get_text(" ", strip=True)
    assert "How to contact: Through Relay UK (text relay)" in way and "18001" in way
    assert "Through Relay UK (text relay)" in page.get_text(" ")


def test_the_start_pages_say_a_person_can_report_in_bsl_or_by_voice(client_request):
    plain = client_request.get("selfreport.start")
    assert "You can tell us in British Sign Language or by voice" in plain.select_one("#sign-or-speak").get_text()
    easy = client_request.get("selfreport.easy_read_start")
    idea = easy.select_one("#sign-or-speak")
    assert "You can sign it in British Sign Language (BSL)." in idea.get_text(" ")
    picture = idea.select_one("svg[role=img]")
    assert picture.select_one("title").get_text() == "A person signing to a phone camera, and a microphone"
    assert picture["aria-labelledby"] == picture.select_one("title")["id"]
