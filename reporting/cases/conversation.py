"""The conversation with the person: the centre writes to them, with a short email notice when that is allowed,
and what the person sends or changes in "Check my report" is recorded for the centre to read.

Every action is audited by its kind only: the words are personal data (encrypted at rest) and never reach the
audit trail, the logs or an email.
"""

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from .. import audit, mail
from ..domain import case_messages as rules
from ..extensions import db
from ..models import utcnow
from ..referrals.services import receipt_language
from ..urls import public_url
from .message_models import CaseMessage

SENT = "sent"  # the email notice went out
FAILED = "failed"  # the mail server did not take it
# What the person sees of the conversation (their other changes are shown where they make them).
CONVERSATION_KINDS = (rules.MESSAGE, rules.INFORMATION, rules.EVIDENCE)

# What staff are told about the email notice, before writing (by the reason it will not go) and after.
NOTICES = {
    None: _l("The person will get a short email saying there is a new message, without what it says."),
    rules.NOT_SET_UP: _l("No email will be sent: email is not set up."),
    rules.NOT_NAMED: _l("No email will be sent: the person did not give their name or contact details."),
    rules.NO_EMAIL: _l("No email will be sent: the person gave no email address."),
    rules.NOT_BY_EMAIL: _l("No email will be sent: the person did not ask to be contacted by email."),
    rules.NOT_SAFE: _l("No email will be sent: it is not safe to leave the person a message."),
    SENT: _l("An email notice was sent."),
    FAILED: _l("The email notice could not be sent."),
}


def email_notice_text(reason: str | None) -> str:
    return str(NOTICES.get(reason, reason))


def messages_of(report, kinds: tuple[str, ...] = rules.KINDS) -> list[CaseMessage]:
    query = (
        select(CaseMessage)
        .where(CaseMessage.report_id == report.id, CaseMessage.kind.in_(kinds))
        .order_by(CaseMessage.created_at, CaseMessage.id)
    )
    return list(db.session.scalars(query))


def conversation_of(report) -> list[CaseMessage]:
    """The messages both ways, and what the person added, oldest first: what the person sees."""
    return messages_of(report, CONVERSATION_KINDS)


def email_notice_blocked(report) -> str | None:
    """Why no email notice would go to the person with a message now, or None when one would."""
    return rules.email_notice_blocked(mail.is_configured(), report.police_consent, report.contact)


def write_to_person(report, user, text: str) -> CaseMessage:
    """Keep a message from the centre for the person to read in "Check my report", and email them a notice when
    they asked for email and it is safe (the notice says only that there is a message, and where to read it)."""
    message = CaseMessage(
        report_id=report.id, direction=rules.TO_PERSON, kind=rules.MESSAGE, body=text.strip(), author_id=user.id
    )
    db.session.add(message)
    message.email_notice = email_notice_blocked(report) or _send_notice(report)
    db.session.flush()
    audit.record("case_message_sent", "report", report.reference, f"email_notice={message.email_notice}", user=user)
    db.session.commit()
    return message


def _send_notice(report) -> str:
    with force_locale(receipt_language(report.language)):
        subject = _("You have a new message about your report")
        body = render_template("check/new-message-email.txt", check_url=public_url("check.start"))
    return SENT if mail.send([report.contact.email], subject, body) else FAILED


def record_from_person(report, kind: str, body: str | None = None, detail: str | None = None,
                       evidence_file=None) -> CaseMessage:  # fmt: skip
    """Keep what the person sent or changed, unread by the centre until someone working the case opens it."""
    message = CaseMessage(
        report_id=report.id,
        direction=rules.FROM_PERSON,
        kind=kind,
        body=body.strip() if body and body.strip() else None,
        detail=detail,
        evidence_file=evidence_file,
        created_at=utcnow(),
    )
    db.session.add(message)
    db.session.flush()
    audit.record(f"person_{kind}_added" if kind in CONVERSATION_KINDS else f"person_{kind}_changed", "report",
                 report.reference, "by=person")  # fmt: skip
    return message


def unread_from_person(report) -> list[CaseMessage]:
    query = select(CaseMessage).where(
        CaseMessage.report_id == report.id,
        CaseMessage.direction == rules.FROM_PERSON,
        CaseMessage.read_at.is_(None),
    )
    return list(db.session.scalars(query))


def mark_read(messages: list[CaseMessage], report, user) -> None:
    """What the person sent has been read by `user`, who works the case: audited, and no longer highlighted."""
    if not messages:
        return
    now = utcnow()
    for message in messages:
        message.read_at, message.read_by_id = now, user.id
    audit.record("person_additions_read", "report", report.reference, f"count={len(messages)}", user=user)
    db.session.commit()
