"""What the person does in "Check my report" once their report is open: reply to the centre, add information
or evidence, agree to be contacted, change their police consent, and ask for (or cancel) the erasure of their
personal details (reporting/cases/erasure.py). Each is kept for the centre as a case message and audited by its
kind, never its words.
"""

from flask import current_app
from sqlalchemy import func, select

from .. import audit
from ..cases import conversation, erasure
from ..cases.message_models import CaseMessage
from ..domain import case_messages as rules
from ..extensions import db
from ..intake import services as intake_services
from ..links import services as links
from ..models import ContactDetails

CONTACT_FIELDS = ("name", "phone", "email", "preferred_method", "safe_to_leave_message")


class ConsentLocked(Exception):
    """The police consent cannot be changed here: a police referral has been made, or the choice is not offered."""


def write(report, kind: str, text: str) -> None:
    """A reply to the centre (`MESSAGE`) or information added to the report (`INFORMATION`)."""
    if kind not in (rules.MESSAGE, rules.INFORMATION):
        raise ValueError(kind)
    conversation.record_from_person(report, kind, body=text)
    db.session.commit()


def evidence_added(report) -> int:
    """How many files the person has added in "Check my report" (they may add up to `PERSON_EVIDENCE_MAX_FILES`)."""
    query = select(func.count()).where(CaseMessage.report_id == report.id, CaseMessage.kind == rules.EVIDENCE)
    return db.session.scalar(query)


def evidence_limits() -> tuple[int, int]:
    return current_app.config["PERSON_EVIDENCE_MAX_FILES"], current_app.config["EVIDENCE_MAX_BYTES"]


def add_evidence(report, checked_files: list, text: str | None) -> None:
    """Files checked and stripped of their metadata as at the centre (`intake.evidence.clean`), each kept with the
    words the person wrote about them."""
    for checked in checked_files:
        stored = intake_services.add_evidence(report, checked)
        conversation.record_from_person(report, rules.EVIDENCE, body=text, evidence_file=stored)
    db.session.commit()


def give_contact_details(report, details: dict) -> None:
    """The person agrees to be contacted: their details are kept (encrypted) with the report."""
    if report.contact is None:
        report.contact = ContactDetails()
    for name in CONTACT_FIELDS:
        value = details.get(name)
        setattr(report.contact, name, (value.strip() or None) if isinstance(value, str) else value)
    conversation.record_from_person(report, rules.CONTACT)
    db.session.flush()
    links.refresh(report)
    db.session.commit()


def change_police_consent(report, consent: str) -> None:
    if consent not in rules.consent_choices(report.police_consent, report.referrals):
        raise ConsentLocked(consent)
    before, report.police_consent = report.police_consent, consent
    conversation.record_from_person(report, rules.CONSENT, detail=consent)
    audit.record("police_consent_changed", "report", report.reference, f"from={before} to={consent} by=person")
    db.session.commit()


def view_context(report) -> dict:
    """What the person's own page shows of the conversation and of the changes they can make."""
    return {
        "conversation": conversation.conversation_of(report),
        "consent_choices": rules.consent_choices(report.police_consent, report.referrals),
        "police_referred": rules.police_referred(report.referrals),
        "pending_erasure": erasure.pending_erasure(report),
    }
