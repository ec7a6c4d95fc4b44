"""The follow-up link's QR code on the printed receipt decodes to the link (the app's PNG: test_follow_up_survey.py).

Decoded the same way every run (tests/support/qr.py): the receipt's code is read from the PDF's own
drawing and redrawn at a fixed resolution, so the random token cannot make the test pass or fail.
"""

from datetime import UTC, datetime

from reporting.extensions import db
from reporting.satisfaction import services
from tests.support import factories
from tests.support.pdf import needs_poppler, pdftotext
from tests.support.qr import qr_codes_in_pdf


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
