"""A case's history on its report page: everything that happened to it, in time order with who and when.

Each kind of event has a source: a function of the report giving its entries (`domain.case_history.Entry`),
worded here in the reader's language. To show a new kind (corrections, assignments, …), write its source and
add it to `SOURCES`; the page draws every entry the same way (templates/cases/history.html).

What the person added later (a reply, information, evidence, a change of mind) is highlighted until someone
who works the case opens the page, which marks it read (audited). An erasure the person asked for stays
highlighted until it is carried out or cancelled.
"""

from dataclasses import dataclass

from flask import url_for
from flask_babel import gettext as _

from ..domain import case_messages as rules
from ..domain.case_history import FROM_PERSON, STAFF_ONLY, TO_PERSON, Entry, in_time_order
from ..filters import uk_datetime
from ..labels import STATUS_LABELS, label
from . import conversation, erasure
from . import corrections as correction_texts
from .message_models import CaseMessage, ErasureRequest
from .rules import may_write_to_person


@dataclass(frozen=True)
class CaseHistory:
    entries: list[Entry]
    unread: int  # what the person added that no one working the case had read before this page was opened
    pending_erasure: ErasureRequest | None


def _staff(user) -> str:
    return user.email if user is not None else _("Unknown")


def received(report):
    yield Entry("received", report.reported_at, _("Report received"))


def _message_title(message: CaseMessage) -> str:
    if message.direction == rules.TO_PERSON:
        return _("Message to the person")
    if message.kind == rules.CONSENT:
        consent = label("police_consent", message.detail)
        return _("The person changed their police consent to: %(consent)s", consent=consent)
    if message.kind == rules.ERASURE and message.detail == rules.ERASURE_CANCELLED:
        return _("The person cancelled their request to erase their personal details")
    return {
        rules.MESSAGE: _("Reply from the person"),
        rules.INFORMATION: _("Information added by the person"),
        rules.EVIDENCE: _("Evidence added by the person"),
        rules.CONTACT: _("The person agreed to be contacted and gave contact details"),
        rules.ERASURE: _("The person asked for their personal details to be erased"),
    }[message.kind]


def _message_detail(message: CaseMessage, pending: ErasureRequest | None) -> str | None:
    if message.direction == rules.TO_PERSON:
        return conversation.email_notice_text(message.email_notice)
    if message.kind == rules.ERASURE and message.detail == rules.ERASURE_ASKED and pending is not None:
        return _("They will be erased on %(date)s unless the person cancels.", date=uk_datetime(pending.erase_after))
    if message.kind in (rules.MESSAGE, rules.INFORMATION) and message.body is None:
        return _("The words were erased.")
    return None


def _evidence_link(report, message: CaseMessage) -> tuple[str, str] | None:
    stored = message.evidence_file
    if stored is None:
        return None
    return stored.original_name, url_for("reports.download_evidence", reference=report.reference, file_id=stored.id)


def messages(report):
    pending = erasure.pending_erasure(report)
    for message in conversation.messages_of(report):
        from_person = message.direction == rules.FROM_PERSON
        asks_erasure = message.kind == rules.ERASURE and message.detail == rules.ERASURE_ASKED
        yield Entry(
            f"message-{message.kind}",
            message.created_at,
            _message_title(message),
            who=_("The person") if from_person else _staff(message.author),
            text=message.body,
            marked=FROM_PERSON if from_person else TO_PERSON,
            highlighted=(from_person and message.read_at is None) or (asks_erasure and pending is not None),
            detail=_message_detail(message, pending),
            link=_evidence_link(report, message),
        )


def erasures(report):
    for request in erasure.erasure_requests(report):
        if request.erased_at is not None:
            yield Entry("erasure", request.erased_at, _("The person's personal details were erased"))


def notes(report):
    for note in report.notes:
        yield Entry("note", note.created_at, _("Private note"), who=_staff(note.author), text=note.text,
                    marked=STAFF_ONLY)  # fmt: skip


def status_changes(report):
    for change in report.status_changes:
        old, new = (str(STATUS_LABELS.get(code, code)) for code in (change.from_status, change.to_status))
        title = _("Status changed from %(old)s to %(new)s", old=old, new=new)
        outcomes = "; ".join(label("outcomes", code) for code in change.outcomes or ())
        detail = _("Outcome: %(outcomes)s", outcomes=outcomes) if outcomes else None
        yield Entry("status", change.changed_at, title, who=_staff(change.changed_by), detail=detail)


def corrections(report):
    for correction in report.corrections:
        name = correction_texts.field_name(correction.field)
        old, new = (correction_texts.value_text(correction.field, text)
                    for text in (correction.old_value, correction.new_value))  # fmt: skip
        yield Entry("correction", correction.corrected_at, _("Corrected: %(field)s", field=name),
                    who=_staff(correction.corrected_by), text=correction.reason, marked=STAFF_ONLY,
                    detail=_("%(old)s → %(new)s", old=old, new=new))  # fmt: skip


def _referral_title(referral) -> str:
    if referral.recipient == "police":
        return _("Referred to the police")
    if referral.organisation:
        return _("Referred to %(organisation)s for support", organisation=referral.organisation)
    return _("Referred to a support service")


def referrals(report):
    for referral in report.referrals:
        detail = None
        if referral.recipient == "police" and referral.crime_reference:
            detail = _("Police crime reference: %(reference)s", reference=referral.crime_reference)
        yield Entry("referral", referral.sent_at, _referral_title(referral),
                    who=_staff(referral.sent_by) if referral.sent_by else _("Command line"), detail=detail)  # fmt: skip


# Every kind of event in the history: add a source here to show another kind.
SOURCES = [received, messages, erasures, notes, status_changes, corrections, referrals]


def case_history(report) -> CaseHistory:
    """The report's history, oldest first, with what the person added that nobody working the case has read yet."""
    entries = in_time_order(entry for source in SOURCES for entry in source(report))
    return CaseHistory(entries, len(conversation.unread_from_person(report)), erasure.pending_erasure(report))


def open_history(report, user) -> CaseHistory:
    """The history as a member of staff opens the report's page: when they work the case, what the person added is
    marked read (audited). The entries keep their highlight for this viewing."""
    history = case_history(report)
    if history.unread and may_write_to_person(user, report):
        conversation.mark_read(conversation.unread_from_person(report), report, user)
    return history
