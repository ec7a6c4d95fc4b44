"""Every validation message of the self-report: shown at the top and beside the question, worded for the
person reporting, and translatable (each is in the template catalogue, and translated in every shipped
language once its catalogue is complete)."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from flask_babel import force_locale

from reporting import messages
from reporting.extensions import db
from reporting.i18n import SHIPPED_LANGUAGES
from tests.support import factories
from tests.support.html import error_summary, text_of
from tests.support.selfreport import go_through

POT = Path(__file__).resolve().parents[2] / "translations" / "messages.pot"
LONG = "x" * 2_001

# (flow, page, answers to reach it, what is posted, the message shown)
CASES = [
    ("questions", "who-is-reporting", {}, {}, messages.SELECT_WHO_IT_HAPPENED_TO),
    ("questions", "what-happened", {}, {}, messages.SELECT_INCIDENT_TYPE),
    ("questions", "tell-us-what-happened", {}, {"description": " "}, messages.ENTER_DESCRIPTION),
    ("questions", "tell-us-what-happened", {}, {"description": "x" * 10_001}, messages.DESCRIPTION_TOO_LONG),
    ("questions", "why", {}, {}, messages.SELECT_CATEGORY),
    ("questions", "when", {}, {}, messages.ENTER_DATE),
    ("questions", "when", {}, {"occurred_on-month": "3", "occurred_on-year": "2026"}, messages.DATE_NEEDS_DAY_YOU),
    ("questions", "when", {}, {"occurred_on-day": "3", "occurred_on-year": "2026"}, messages.DATE_NEEDS_MONTH),
    ("questions", "when", {}, {"occurred_on-day": "3", "occurred_on-month": "3"}, messages.DATE_NEEDS_YEAR),
    ("questions", "when", {}, {"occurred_on-day": "3", "occurred_on-month": "3", "occurred_on-year": "26"},
     messages.DATE_YEAR_FOUR_DIGITS),
    ("questions", "when", {}, {"occurred_on-day": "31", "occurred_on-month": "2", "occurred_on-year": "2026"},
     messages.DATE_NOT_REAL),
    ("questions", "when", {}, {"occurred_on-day": "1", "occurred_on-month": "1", "occurred_on-year": "2999"},
     messages.DATE_IN_FUTURE),
    ("questions", "when", {}, {"occurred_on_approximate": "y"}, messages.ENTER_MONTH_YEAR),
    ("questions", "still-going-on", {}, {}, messages.SELECT_ONGOING),
    ("questions", "where", {}, {}, messages.SELECT_LOCATION_TYPE),
    ("questions", "place", {}, {"area": "nowhere"}, messages.SELECT_AREA),
    ("questions", "postcode", {}, {"postcode": "not a postcode"}, messages.ENTER_REAL_POSTCODE),
    ("questions", "the-place", {}, {"location_description": LONG}, messages.PLACE_TOO_LONG),
    ("questions", "online-abuse", {"where": {"location_type": "online"}}, {"online_links": "x" * 5_001},
     messages.ONLINE_LINKS_TOO_LONG),
    ("questions", "witnesses", {}, {}, messages.SELECT_WITNESSES),
    ("questions", "witnesses-details", {}, {}, messages.SELECT_WITNESSES_WILLING),
    ("questions", "responsible", {}, {"perpetrator_description": "x" * 5_001}, messages.PERPETRATOR_TOO_LONG),
    ("questions", "know-who-did-it", {}, {}, messages.SELECT_YOU_KNOW_THEM),
    ("questions", "harm-and-support", {}, {}, messages.SELECT_INJURED),
    ("questions", "injuries", {"harm-and-support": {"injured": "yes"}}, {}, messages.ENTER_INJURIES),
    ("questions", "injuries", {"harm-and-support": {"injured": "yes"}}, {"injuries": LONG}, messages.INJURIES_TOO_LONG),
    ("questions", "help", {}, {}, messages.SELECT_YOU_WANT_SUPPORT),
    ("questions", "help-you-would-like", {}, {}, messages.SELECT_YOUR_SUPPORT_KINDS),
    ("questions", "police", {}, {}, messages.SELECT_SHARE_WITH_POLICE),
    ("questions", "police-contact", {"police": {"police_consent": "named"}}, {}, messages.SELECT_YOUR_POLICE_CONTACT),
    ("questions", "officer", {"police": {"police_consent": "named"},
                              "police-contact": {"police_contact": ["officer_sex"]}}, {}, messages.SELECT_YOUR_OFFICER),
    ("questions", "someone-you-trust", {"police": {"police_consent": "named"},
                                        "police-contact": {"police_contact": ["trusted_person"]}}, {},
     messages.ENTER_TRUSTED_PERSON),
    ("questions", "contact", {}, {"name": ""}, messages.ENTER_YOUR_NAME),
    ("questions", "contact", {}, {"name": "x" * 201}, messages.NAME_TOO_LONG),
    ("questions", "contact-method", {}, {"preferred_method": "none"}, messages.SELECT_YOUR_CONTACT_METHOD),
    ("questions", "phone", {}, {"phone": "call me"}, messages.ENTER_PHONE),
    ("questions", "email", {"contact-method": {"preferred_method": "email"}}, {"email": "sam.example.com"},
     messages.ENTER_CONTACT_EMAIL),
    ("questions", "address", {"contact-method": {"preferred_method": "letter"}}, {}, messages.ENTER_ADDRESS),
    ("questions", "safe-times", {}, {"safe_times": "x" * 501}, messages.YOUR_SAFE_TIMES_TOO_LONG),
    ("questions", "leave-a-message", {}, {}, messages.SELECT_LEAVE_MESSAGE),
    ("questions", "interpreter", {"accessibility-and-language": {"communication_needs": ["interpreter"]}}, {},
     messages.ENTER_YOUR_INTERPRETER_LANGUAGE),
    ("questions", "other-needs", {}, {"accessibility_needs": LONG}, messages.ACCESSIBILITY_TOO_LONG),
    ("easy-read", "when-choice", {}, {}, messages.SELECT_WHEN),
    ("easy-read", "contact-choice", {}, {}, messages.SELECT_CONTACT_WANTED),
    ("easy-read", "help", {}, {}, messages.SELECT_YOU_WANT_SUPPORT),
]  # fmt: skip


@pytest.fixture
def places(app):
    factories.centre()
    db.session.commit()


@pytest.mark.parametrize("flow,slug,answers,posted,expected", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_the_message_is_shown_above_and_beside_the_question(client, client_request, places, flow, slug, answers,
                                                           posted, expected):  # fmt: skip
    _seen, location = go_through(client, flow, answers, stop_at=slug)
    assert location.endswith(f"/{slug}"), location
    page = client_request.post_url(location, _data=posted)
    assert error_summary(page) == [str(expected)]
    assert str(expected) in text_of(page, ".govuk-error-message")
    assert page.title.string.startswith("Error:")
    link = page.select_one(".govuk-error-summary__list a")["href"]
    assert page.select_one(link) is not None, "the error summary links to nothing on the page"


def test_what_was_typed_is_kept_beside_the_message(client, client_request, places):
    _seen, location = go_through(client, "questions", stop_at="email", answers={
        "contact-method": {"preferred_method": "email"}})  # fmt: skip
    page = client_request.post_url(location, _data={"email": "sam.example.com"})
    assert page.select_one("#email")["value"] == "sam.example.com"


def _template_ids() -> set[str]:
    with POT.open("rb") as handle:
        return {message.id for message in read_po(handle) if isinstance(message.id, str)}


def test_every_message_goes_through_the_catalogue():
    known = _template_ids()
    missing = sorted({str(case[-1]) for case in CASES} - known)
    assert not missing, f"not in translations/messages.pot (run `flask --app reporting translate update`): {missing}"


@pytest.mark.parametrize("language", sorted(set(SHIPPED_LANGUAGES) - {"en"}))
def test_every_message_is_translated_in_each_shipped_language(app, language):
    with app.test_request_context(), force_locale(language):
        untranslated = sorted({str(case[-1]) for case in CASES if str(case[-1]) == case[-1]._args[0]})
    assert not untranslated, f"{language}: {untranslated[:5]}"
