"""Producing referrals and receipts: consent checks, the `Referral` record, status, audit and the PDFs.

The consent rules themselves are plain functions in `domain/redaction.py`, and the document's content in
`domain/referral_document.py`; this module applies
them to stored reports, records what was produced and by whom, and renders the documents.
Referral documents are rendered when downloaded, from the report as it stands then, so that a
later change of consent or an erasure of contact details is honoured by every copy produced; so are the
evidence files a police referral carries (images as its last pages, `evidence_pages.py`; other files listed
to be sent with it), so that a file marked as identifying since leaves every later anonymous copy.
"""

import gettext
from dataclasses import dataclass
from datetime import datetime, timedelta

from babel import Locale, UnknownLocaleError
from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from .. import audit
from ..domain import redaction
from ..domain.references import normalise_reference
from ..domain.referral_document import (
    ReferralContent,
    document_identifier,
    police_referral,
    support_referral,
    uk_datetime_text,
)
from ..domain.ukdates import UK, now_utc
from ..extensions import db
from ..labels import LABELS
from ..models import EvidenceFile, Referral, Report
from . import pdf
from .evidence_pages import evidence_pages

ReferralRefused = redaction.ReferralRefused
DOUBLE_SUBMIT_WINDOW = timedelta(seconds=30)

METHODS = {
    "secure_email": _l("Secure email"),
    "online_form": _l("Online form"),
    "post": _l("Post"),
    "in_person": _l("By hand"),
}


@dataclass(frozen=True)
class Document:
    """A rendered PDF and the name to save it under."""

    filename: str
    content: bytes


class ReportNotFound(LookupError):
    pass


# ---------------------------------------------------------------- looking things up


def report_by_reference(reference: str) -> Report:
    """Any submitted report, for the command line (which runs with an operator's full access)."""
    report = db.session.scalar(
        select(Report).where(Report.reference == normalise_reference(reference), Report.submitted)
    )
    if report is None:
        raise ReportNotFound(f"No submitted report has the reference {reference}.")
    return report


def find_referral(report: Report, referral_id: int) -> Referral | None:
    return next((referral for referral in report.referrals if referral.id == referral_id), None)


def support_organisations() -> list[dict]:
    """The configured support services, each a dict with a name and optional phone and website."""
    organisations = []
    for entry in current_app.config.get("SUPPORT_ORGANISATIONS") or ():
        organisation = {"name": entry} if isinstance(entry, str) else dict(entry)
        if organisation.get("name"):
            organisations.append(organisation)
    return organisations


def organisation_names() -> list[str]:
    return [organisation["name"] for organisation in support_organisations()]


# ---------------------------------------------------------------- producing and recording


def check_allowed(report: Report, recipient: str) -> None:
    """Raise `ReferralRefused` when consent does not allow a referral to `recipient`."""
    if recipient == "police":
        redaction.check_police_referral(report)
    else:
        redaction.check_support_referral(report)


def record_refusal(report: Report, recipient: str, refusal: ReferralRefused, user=None) -> None:
    """Audit an attempt that consent did not allow; the detail carries codes only, never personal details."""
    audit.record("referral_refused", "report", report.reference, f"recipient={recipient} reason={refusal.reason}", user)
    db.session.commit()


def produce_referral(report: Report, recipient: str, user, method: str | None, organisation: str | None) -> Referral:
    """Record a referral, move the report to "referred" and audit it; refuses where consent does not allow.

    A second identical request from the same person within moments (a double tap, a resubmitted
    form) returns the referral already made rather than recording another.
    """
    check_allowed(report, recipient)
    organisation = organisation if recipient == "support" else None
    duplicate = _just_made(report, recipient, organisation, user)
    if duplicate is not None:
        return duplicate
    referral = Referral(
        report=report,
        recipient=recipient,
        organisation=organisation,
        method=method,
        sent_by=user,
        sent_at=now_utc(),
    )
    db.session.add(referral)
    _mark_referred(report, referral.sent_at)
    db.session.flush()
    audit.record("referral_produced", "report", report.reference, f"referral={referral.id} recipient={recipient}", user)
    db.session.commit()
    return referral


def _just_made(report: Report, recipient: str, organisation: str | None, user) -> Referral | None:
    if user is None:
        return None  # the command line is run on purpose, once per document
    since = now_utc() - DOUBLE_SUBMIT_WINDOW
    for referral in report.referrals:
        same = (referral.recipient, referral.organisation, referral.sent_by_id) == (recipient, organisation, user.id)
        if same and referral.sent_at >= since:
            return referral
    return None


def _mark_referred(report: Report, moment: datetime) -> None:
    """The first referral sets `referred_at` (used for time-to-refer); a closed report stays closed."""
    if report.referred_at is None:
        report.referred_at = moment
    if report.status == "received":
        report.status = "referred"


def add_crime_reference(referral: Referral, crime_reference: str, user) -> None:
    referral.crime_reference = crime_reference
    audit.record("crime_reference_added", "report", referral.report.reference, f"referral={referral.id}", user)
    db.session.commit()


# ---------------------------------------------------------------- documents


def referral_identifier(referral: Referral) -> str:
    """`HR-7K3M-Q9XC-P1` for the report's first police referral, `-S2` for its second support one."""
    same_kind = [other for other in referral.report.referrals if other.recipient == referral.recipient]
    serial = sorted(other.id for other in same_kind).index(referral.id) + 1
    return document_identifier(referral.report.reference, referral.recipient, serial)


def english_labels() -> dict[str, dict[str, str]]:
    """Every translatable code label in English, for the codes `data/vocabulary.json` does not hold."""
    with force_locale("en"):
        return {kind: {code: str(text) for code, text in codes.items()} for kind, codes in LABELS.items()}


def referral_content(referral: Referral) -> ReferralContent:
    report = referral.report
    service_name = current_app.config["SERVICE_NAME"]
    if referral.recipient == "police":
        return police_referral(report, service_name, english_labels())
    organisation = referral.organisation or "a support service"
    return support_referral(report, organisation, service_name, english_labels())


def referral_html(referral: Referral, content: ReferralContent | None = None) -> str:
    """The referral as HTML, in English whatever the report's language; refuses if consent was withdrawn."""
    content = content or referral_content(referral)
    with force_locale("en"):
        return render_template(
            "referrals/documents/referral.html",
            content=content,
            evidence_pages=evidence_pages(referral.report, content.attachments),
            referral=referral,
            identifier=referral_identifier(referral),
            produced=uk_datetime_text(referral.sent_at),
            method=str(METHODS[referral.method]) if referral.method in METHODS else "Not recorded",
        )


def referral_document(referral: Referral, user=None) -> Document:
    """The referral's PDF, from the report as it stands; audited, with the evidence files it carries."""
    content = referral_content(referral)
    data = pdf.html_to_pdf(referral_html(referral, content))
    carried = ",".join(str(attachment.file_id) for attachment in content.attachments)
    detail = f"referral={referral.id}" + (f" evidence={carried}" if carried else "")
    audit.record("referral_downloaded", "report", referral.report.reference, detail, user)
    db.session.commit()
    return Document(f"referral-{referral_identifier(referral)}.pdf", data)


def files_to_send(referral: Referral) -> list[tuple[int, EvidenceFile]]:
    """The evidence files a police referral lists as sent separately (not shown as its pages), each with its
    number in the referral (`Evidence 2`), for the staff member sending it; none once consent no longer allows it."""
    if referral.recipient != "police":
        return []
    try:
        attachments = referral_content(referral).attachments
    except ReferralRefused:
        return []
    stored = {item.id: item for item in referral.report.evidence_files}
    return [(attachment.number, stored[attachment.file_id]) for attachment in attachments if not attachment.as_page]


def receipt_language(tag: str | None) -> str:
    """The report's language if a catalogue for it exists (or it is the default), otherwise the default."""
    default = current_app.config["BABEL_DEFAULT_LOCALE"]
    try:
        locale = str(Locale.parse((tag or default).replace("-", "_")))
    except (ValueError, TypeError, UnknownLocaleError):
        return default
    if locale == default or _has_catalogue(locale):
        return locale
    return default


def _has_catalogue(locale: str) -> bool:
    directories = current_app.config["BABEL_TRANSLATION_DIRECTORIES"].split(";")
    return any(gettext.find("messages", directory, [locale]) for directory in directories)


def receipt_html(report: Report, produced_at: datetime, easy_read: bool = False) -> str:
    """The person's receipt as HTML, in their language where a catalogue for it exists (in easy-read words for a
    report made in easy read)."""
    language = receipt_language(report.language)
    identifier = document_identifier(report.reference, "receipt", f"{produced_at.astimezone(UK):%Y%m%d%H%M}")
    with force_locale(language):
        return render_template(
            "referrals/documents/receipt.html",
            report=report,
            identifier=identifier,
            produced_at=produced_at,
            document_lang=language.replace("_", "-"),
            document_dir=Locale.parse(language).text_direction,
            organisations=support_organisations(),
            service_contact=current_app.config.get("SERVICE_CONTACT") or {},
            easy_read=easy_read,
        )


def receipt_document(report: Report, user=None, easy_read: bool = False) -> Document:
    """The person's receipt: reference, what happens next, how to get in touch and other help; audited."""
    data = pdf.html_to_pdf(receipt_html(report, now_utc(), easy_read))
    audit.record("receipt_produced", "report", report.reference, f"language={receipt_language(report.language)}", user)
    db.session.commit()
    return Document(f"receipt-{report.reference}.pdf", data)
