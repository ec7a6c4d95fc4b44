"""The staff report list, notes and status changes, within what the signed-in user may see (see access.py)."""

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from .. import audit
from ..access import SUBMITTED, reports_for
from ..cases.outcomes import forget_outcomes
from ..domain.paging import nearest_page
from ..domain.statuses import CLOSED
from ..extensions import db
from ..models import Report, ReportNote, ReportStatusChange, utcnow

PAGE_SIZE = 25


def list_reports(user, page: int = 1, status: str | None = None):
    """One page of submitted reports (newest first) and the total, within the user's scope.

    A page beyond the last gives the last page."""
    query = reports_for(user, SUBMITTED)
    if status:
        query = query.where(Report.status == status)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    page = nearest_page(page, total, PAGE_SIZE)
    rows = db.session.scalars(
        query.options(selectinload(Report.category_rows), selectinload(Report.centre))
        .order_by(Report.reported_at.desc(), Report.id.desc())
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).all()
    return rows, total


def add_note(report: Report, user, text: str) -> ReportNote:
    note = ReportNote(report=report, author_id=user.id, text=text.strip())
    db.session.add(note)
    db.session.flush()
    audit.record("report_note_added", "report", report.reference, detail=f"note={note.id}")
    db.session.commit()
    return note


def change_status(report: Report, user, new_status: str) -> None:
    """Move a submitted report to another status, noting when it was referred or closed."""
    old_status = report.status
    report.status = new_status
    now = utcnow()
    if new_status == "referred" and report.referred_at is None:
        report.referred_at = now
    if new_status == "closed":
        report.closed_at = now
    if old_status == CLOSED and new_status != CLOSED:  # reopened: its outcomes stay with the change that closed it
        forget_outcomes(report)
    db.session.add(
        ReportStatusChange(report=report, from_status=old_status, to_status=new_status, changed_by_id=user.id)
    )
    audit.record("report_status_changed", "report", report.reference, detail=f"from={old_status} to={new_status}")
    db.session.commit()
