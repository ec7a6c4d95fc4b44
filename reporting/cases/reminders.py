"""The daily digest of overdue cases (`cases remind`): one email a day to each member of staff who has some.

Caseworkers get the overdue cases assigned to them, centre leads those of their centre, and the partnership unit
the self-reports it answers for (those not yet given to a centre). The email holds references and due dates only,
never anything about the person or the incident, and is in English (staff text). A digest sent is recorded per
user per UK day (`CaseReminder`), so running the command twice on a day sends one email.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from .. import audit, mail
from ..extensions import db
from ..models import Report, User
from .models import CaseReminder
from .services import DUE, overdue

# A digest names at most this many cases; the Overdue list has the rest.
LISTED = 100


@dataclass(frozen=True)
class OverdueCase:
    reference: str
    centre_id: int | None  # the centre following the case up; None for a self-report not given to one
    caseworker_id: int | None
    acknowledge_by: date | None  # set only when acknowledging is overdue
    review_by: date | None  # set only when the review is overdue


@dataclass
class RemindResult:
    sent: int = 0
    already_sent: int = 0
    failed: int = 0


def overdue_cases(today: date) -> list[OverdueCase]:
    """Every open case overdue on `today`, the longest overdue first."""
    query = (
        select(Report.reference, Report.assigned_centre_id, Report.centre_id, Report.assigned_to_id,
               Report.acknowledged_at, Report.acknowledge_by, Report.review_by)
        .where(overdue(today))
        .order_by(DUE, Report.reference)
    )  # fmt: skip
    cases = []
    rows = db.session.execute(query)
    for reference, assigned_centre, centre, caseworker, acknowledged_at, acknowledge_by, review_by in rows:
        late_acknowledging = acknowledged_at is None and acknowledge_by is not None and acknowledge_by < today
        late_review = review_by is not None and review_by < today
        cases.append(
            OverdueCase(reference, assigned_centre or centre, caseworker,
                        acknowledge_by if late_acknowledging else None, review_by if late_review else None)
        )  # fmt: skip
    return cases


def digests(today: date) -> list[tuple[User, list[OverdueCase]]]:
    """Each active member of staff with overdue cases to answer for, and those cases."""
    by_caseworker, by_centre = defaultdict(list), defaultdict(list)
    for case in overdue_cases(today):
        by_centre[case.centre_id].append(case)
        if case.caseworker_id is not None:
            by_caseworker[case.caseworker_id].append(case)
    staff = db.session.scalars(
        select(User).where(User.active.is_(True), User.role.in_(("volunteer", "centre_lead", "partnership")))
    )
    found = []
    for user in sorted(staff, key=lambda user: user.id):
        if user.role == "volunteer":  # their own cases, while they are still with the user's centre
            cases = [case for case in by_caseworker[user.id] if case.centre_id == user.centre_id]
        elif user.role == "centre_lead":
            cases = by_centre[user.centre_id] if user.centre_id is not None else []
        else:
            cases = by_centre[None]
        if cases:
            found.append((user, cases))
    return found


def _english_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def digest_text(cases: list[OverdueCase], today: date) -> tuple[str, str]:
    """(subject, body): references and due dates only."""
    subject = f"Overdue cases: {len(cases)} on {_english_date(today)}"
    lines = []
    for case in cases[:LISTED]:
        due = []
        if case.acknowledge_by:
            due.append(f"acknowledge by {_english_date(case.acknowledge_by)}")
        if case.review_by:
            due.append(f"review by {_english_date(case.review_by)}")
        lines.append(f"{case.reference}: {'; '.join(due)}")
    if len(cases) > LISTED:
        lines.append(f"… and {len(cases) - LISTED} more.")
    base_url = current_app.config.get("PUBLIC_BASE_URL")
    where = f"{base_url.rstrip('/')}/cases/overdue" if base_url else "the Overdue list in the reporting service"
    body = "\n".join(
        [
            "Hello,",
            "",
            f"These cases you answer for are overdue on {_english_date(today)}:",
            "",
            *lines,
            "",
            f"Sign in to open each one, or see them all at {where}.",
            "",
            "This email is sent once a day while you have overdue cases.",
        ]
    )
    return subject, body


def _claim(user: User, today: date, count: int) -> bool:
    """Record today's digest for `user` before sending it; False if another run already has."""
    db.session.add(CaseReminder(user_id=user.id, sent_on=today, cases=count))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return False
    return True


def _release(user: User, today: date) -> None:
    """The digest could not be sent: forget the claim, so that a later run today tries again."""
    db.session.query(CaseReminder).filter_by(user_id=user.id, sent_on=today).delete()
    db.session.commit()


def send_reminders(today: date) -> RemindResult:
    """Send today's digests that have not been sent yet. Mail must be configured (`mail.is_configured`)."""
    result = RemindResult()
    sent_today = set(db.session.scalars(select(CaseReminder.user_id).where(CaseReminder.sent_on == today)))
    for user, cases in digests(today):
        if user.id in sent_today or not _claim(user, today, len(cases)):
            result.already_sent += 1
            continue
        if mail.send([user.email], *digest_text(cases, today)):
            result.sent += 1
        else:
            _release(user, today)
            result.failed += 1
    audit.record(
        "case_reminders_sent",
        detail=f"sent={result.sent} already_sent={result.already_sent} failed={result.failed}",
    )
    db.session.commit()
    return result
