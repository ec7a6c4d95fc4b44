"""The follow-up slip: the report's reference and its "Check my report" code, on a page and as a PDF, with plain
words on keeping it safe. Separate from the receipt, so that whoever finds a receipt cannot open the report.

The slip is in the person's language where a catalogue exists, like the receipt. Producing it is audited;
the code itself is never written anywhere but the slip.
"""

from babel import Locale
from flask import render_template
from flask_babel import force_locale

from .. import audit
from ..domain.referral_document import document_identifier
from ..domain.ukdates import now_utc
from ..extensions import db
from ..referrals import pdf
from ..referrals.services import Document, receipt_language
from ..urls import public_url


def slip_context(report, code: str) -> dict:
    return {"report": report, "code": code, "check_url": public_url("check.start")}


def slip_document(report, code: str, user=None) -> Document:
    language = receipt_language(report.language)
    produced_at = now_utc()
    with force_locale(language):
        html = render_template(
            "check/slip-document.html",
            identifier=document_identifier(report.reference, "slip", f"{produced_at:%Y%m%d%H%M}"),
            produced_at=produced_at,
            document_lang=language.replace("_", "-"),
            document_dir=Locale.parse(language).text_direction,
            **slip_context(report, code),
        )
    data = pdf.html_to_pdf(html)
    audit.record("check_slip_produced", "report", report.reference, f"language={language}", user)
    db.session.commit()
    return Document(f"check-my-report-{report.reference}.pdf", data)
