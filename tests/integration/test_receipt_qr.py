"""The follow-up link's QR code on the printed receipt decodes to the link (the app's PNG: test_follow_up_survey.py),
and is printed on the page of the words that explain it, in every language.

Decoded the same way every run (tests/support/qr.py): the receipt's code is read from the PDF's own
drawing and redrawn at a fixed resolution, so the random token cannot make the test pass or fail.
"""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from flask_babel import force_locale, gettext

from reporting.extensions import db
from reporting.referrals import services as receipt_services
from reporting.referrals.services import receipt_language
from reporting.satisfaction import services
from tests.support import factories
from tests.support.pdf import catalogue, needs_poppler, pdftotext, pdftotext_page, words
from tests.support.qr import pages_with_qr_codes, qr_codes_in_pdf

TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"
# Poppler extracts the shaped letter clusters of Bengali and Gurmukhi out of order: their words cannot be compared.
SHAPED_SCRIPTS = {"bn", "pa"}
LANGUAGES = sorted(["en", *(path.parts[-3] for path in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))])


@needs_poppler
def test_the_receipt_carries_the_link_and_a_qr_code_that_decodes_to_it(client_request):
    centre = factories.centre()
    report = factories.report(centre, reported_at=datetime.now(UTC))
    db.session.commit()
    client_request.login_as("volunteer", centre)
    receipt = client_request.get_response("referrals.download_receipt", reference=report.reference)
    url = f"http://localhost/follow-up/{services.token_for(services.invitation(report, 'follow-up'))}"
    text = pdftotext(receipt.data)
    assert "Tell us later how it went" in text
    assert url.replace("http://", "") in text.replace(" ", "")
    assert qr_codes_in_pdf(receipt.data) == [url]


@needs_poppler
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_qr_code_is_on_the_page_of_the_words_that_explain_it(app, monkeypatch, language):
    """A long "How to get in touch" (a centre open every day, with a note) pushes the follow-up link near a page's
    end: the QR code goes over to the next page with its heading and words, never alone."""
    centre = factories.centre(
        address="Sale Waterside, Tatton Road, Sale, Trafford", postcode="M33 7ZF", phone="0161 912 3000",
        opening_hours="Mon 09:00-17:00; Tue 09:00-19:00; Wed 09:00-12:00, 13:00-17:00; Thu 09:00-19:00; "
        "Fri 09:00-16:30; Sat 10:00-13:00",
        hours_note="Please ring the bell at the side door; staff will come down to meet you.",
    )  # fmt: skip
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://report.example.org")  # printed outside a request
    report = factories.report(centre, language=language, police_consent="named", support_wanted=True,
                              reported_at=datetime.now(UTC))  # fmt: skip
    db.session.commit()
    data = receipt_services.receipt_document(report).content
    with force_locale(receipt_language(language)):
        heading = gettext("Tell us later how it went")
        instruction = gettext("Scan the QR code with your phone's camera, or type this address:")
    pages = [pdftotext_page(data, number) for number in range(1, catalogue(data)["pages"] + 1)]
    [qr_page] = pages_with_qr_codes(data)
    on_page = pages[qr_page - 1]
    assert "report.example.org/follow-up/" in on_page, f"the QR code on page {qr_page} is away from its link"
    if language in SHAPED_SCRIPTS:
        assert "QR" in on_page  # the instruction's one word that extracts whole
    else:
        assert compact(instruction) in compact(on_page), f"the QR code on page {qr_page} is away from its instruction"
        assert compact(heading) in compact(on_page)


def compact(text: str) -> str:
    """The words without the spaces between them: extraction drops or adds a space where scripts change direction."""
    return "".join(words(text).split())
