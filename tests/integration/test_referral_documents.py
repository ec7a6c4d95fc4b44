"""The referral PDFs and the receipt, read back by real text extraction: what they say and withhold,
and that they are tagged, accessible documents that declare their language and title.
"""

from datetime import UTC, datetime

import pytest
from flask_babel import force_locale, gettext

from reporting.extensions import db
from reporting.models import Referral
from reporting.referrals import services
from tests.support import factories
from tests.support.pdf import catalogue, font_names, needs_poppler, pdfinfo, pdftotext, pypdf_text, words

pytestmark = needs_poppler

A4 = (595, 842)
CONTACT = {
    "name": "Amira Khan",
    "phone": "07700 900123",
    "email": "amira.khan@example.org",
    "address": "12 Example Street, Sale",
    "preferred_method": "phone",
    "safe_times": "Weekdays after 6pm",
    "safe_to_leave_message": False,
}
MARKED_SENTENCE = "He lives two doors down from me at number 14."
UNMARKED_SENTENCE = "It happened outside the chemist on School Road."
RECEIPT_SENTENCES = (
    "Thank you for reporting. Your report has been received.",
    "Keep this reference safe. Quote it if you contact us or the police about your report.",
    "You asked to stay anonymous. We will share your report with the police without your name or contact details.",
    "Where to find other help",
)


@pytest.fixture
def app_config():
    """Receipts printed outside a web request need the public address for their follow-up link."""
    return {"PUBLIC_BASE_URL": "https://report.example.org"}


@pytest.fixture
def centre(app):
    return factories.centre(address="Tatton Road, Sale", opening_hours="Mon-Fri 09:00-17:00")


def make_report(centre, **fields):
    values = {
        "police_consent": "named",
        "support_wanted": True,
        "postcode": "M33 7XY",
        "description": MARKED_SENTENCE,
        "location_description": UNMARKED_SENTENCE,
        "identifying_fields": ["description"],
        "contact": dict(CONTACT),
        "language": "ur",
    }
    values.update(fields)
    report = factories.report(centre, **values)
    db.session.commit()
    return report


def referral_pdf(report, recipient: str, organisation: str | None = None) -> bytes:
    referral = Referral(report=report, recipient=recipient, organisation=organisation, method="secure_email")
    db.session.add(referral)
    db.session.commit()
    return services.referral_document(referral).content


def receipt_pdf(report) -> bytes:
    return services.receipt_document(report).content


def test_a_named_police_referral_contains_the_contact_details(centre):
    text = pdftotext(referral_pdf(make_report(centre, police_consent="named"), "police"))
    for detail in ("Amira Khan", "07700 900123", "amira.khan@example.org", "12 Example Street, Sale", "M33 7XY"):
        assert detail in text
    assert MARKED_SENTENCE in text
    assert "The person agreed to share this report with the police, with their contact details." in text


def test_an_anonymous_police_referral_contains_none_of_them_and_says_the_person_asked_to_stay_anonymous(centre):
    data = referral_pdf(make_report(centre, police_consent="anonymous"), "police")
    for text in (pdftotext(data), pypdf_text(data)):
        for detail in ("Amira Khan", "07700 900123", "amira.khan@example.org", "12 Example Street", "M33 7XY"):
            assert detail not in text
        assert MARKED_SENTENCE not in text
        assert "Withheld: the person asked to stay anonymous" in text
        assert UNMARKED_SENTENCE in text
        assert "M33 (district only)" in text
        assert "The person asked to stay anonymous." in text


def test_the_police_referral_is_in_english_and_names_the_language_the_person_used(centre):
    text = pdftotext(referral_pdf(make_report(centre, language="ur"), "police"))
    assert "Hate incident referral to the police" in text
    assert "Language the person used Urdu (ur)" in text
    assert "Race, ethnicity or nationality (race)" in text
    assert "Verbal abuse, insults or name-calling (verbal_abuse)" in text
    assert "Sale Library" in text and "Tatton Road, Sale" in text


def test_a_support_referral_says_how_to_make_contact_safely(centre):
    text = pdftotext(referral_pdf(make_report(centre, police_consent="none"), "support", "Stop Hate UK"))
    assert "Referral to Stop Hate UK" in text
    assert "Safe times to contact Weekdays after 6pm" in text
    assert "Message may be left No: do not leave a message" in text
    assert "07700 900123" in text
    assert "did not agree to share the report with the police" in text


def test_referrals_are_marked_numbered_identified_and_dated_in_uk_time(centre):
    report = make_report(centre)
    data = referral_pdf(report, "police")
    text = pdftotext(data)
    referral = report.referrals[0]
    produced = referral.sent_at.astimezone(services.UK)
    assert text.count("OFFICIAL-SENSITIVE") >= 3  # in the body, and at the top and foot of every page
    assert f"Page 1 of {catalogue(data)['pages']}" in text
    assert f"Document identifier: {report.reference}-P1" in text
    assert f"Produced: {produced.day} {produced:%B %Y, %H:%M} (UK time)" in text


@pytest.mark.parametrize("language", ["ar", "ur"])
def test_arabic_and_urdu_receipts_contain_the_translated_sentences_as_extractable_text(centre, language):
    report = make_report(centre, language=language, police_consent="anonymous")
    data = receipt_pdf(report)
    with force_locale(language):
        expected = [gettext(sentence) for sentence in RECEIPT_SENTENCES]
    for extracted in (pdftotext(data), pypdf_text(data)):
        for english, translated in zip(RECEIPT_SENTENCES, expected, strict=True):
            assert translated != english, f"no {language} translation for {english!r}"
            assert words(translated) in words(extracted)
        assert report.reference in extracted
        assert "Thank you for reporting" not in extracted


@pytest.mark.parametrize("language", ["ar", "ur"])
def test_arabic_script_is_set_in_noto_naskh_arabic_and_the_receipt_is_right_to_left(centre, language):
    report = make_report(centre, language=language)
    fonts = font_names(receipt_pdf(report))
    assert "Noto-Naskh-Arabic" in fonts
    assert not any("Nastaliq" in font for font in fonts)
    html = services.receipt_html(report, datetime(2026, 3, 14, 10, 30, tzinfo=UTC))
    assert f'<html lang="{language}" dir="rtl">' in html


def test_a_receipt_names_nobody_and_carries_no_personal_details(centre):
    report = make_report(centre, language="en", police_consent="named")
    text = pdftotext(receipt_pdf(report))
    assert report.reference in text
    for detail in ("Amira Khan", "07700 900123", "amira.khan@example.org", "12 Example Street", MARKED_SENTENCE):
        assert detail not in text
    assert "OFFICIAL-SENSITIVE" not in text
    assert "Victim Support" in text and "08 08 16 89 111" in text
    assert "How to get in touch" in text and "Sale Library" in text


def test_a_receipt_in_a_language_without_a_catalogue_is_in_english_and_says_so(centre):
    report = make_report(centre, language="fy")  # Frisian: not a language this service ships
    data = receipt_pdf(report)
    assert "Thank you for reporting. Your report has been received." in pdftotext(data)
    assert catalogue(data)["lang"] == "en"


@pytest.mark.parametrize(
    "document, language, title",
    [
        ("police", "en-GB", "Hate incident referral to the police: {reference}"),
        ("support", "en-GB", "Referral to Victim Support: {reference}"),
        ("receipt-en", "en", "Your hate incident report: receipt"),
        ("receipt-ar", "ar", None),
        ("receipt-ur", "ur", None),
    ],
)
def test_every_document_is_a_tagged_a4_pdf_that_declares_its_language_and_title(centre, document, language, title):
    report = make_report(centre, language=language[:2])
    if document.startswith("receipt"):
        data = receipt_pdf(report)
        with force_locale(language):
            title = title or gettext("Your hate incident report: receipt")
    else:
        data = referral_pdf(report, document, "Victim Support" if document == "support" else None)
    declared = catalogue(data)
    assert declared["lang"] == language
    assert declared["title"] == title.format(reference=report.reference)
    assert declared["marked"] and declared["has_structure"] and declared["display_title"]
    assert declared["page_sizes"] == {A4}
    info = pdfinfo(data)
    assert info["Tagged"] == "yes"
    assert info["Title"] == title.format(reference=report.reference)
