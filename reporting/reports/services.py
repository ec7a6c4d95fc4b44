"""The staff report list, notes and status changes, within what the signed-in user may see (see access.py)."""

from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import selectinload

from .. import audit
from ..access import SUBMITTED, find_report, reports_for
from ..cases.outcomes import forget_outcomes
from ..domain.paging import nearest_page
from ..domain.references import is_valid_reference, normalise_reference
from ..domain.report_filters import FIRST_DAY, LAST_DAY, NOBODY, ReportFilters
from ..domain.statuses import CLOSED
from ..domain.ukdates import uk_day_bounds
from ..extensions import db
from ..models import Centre, Report, ReportCategory, ReportIncidentType, ReportNote, ReportStatusChange, utcnow

PAGE_SIZE = 25
NO_FILTERS = ReportFilters()
SHOWN_REFERENCE_MAX = 40  # what is typed is shown back in the "no report" message, cut to this length


def _reported_between(query: Select, filters: ReportFilters) -> Select:
    """Whole UK days, as a range on `reported_at` (which the indexes on reports lead with or follow)."""
    if filters.reported_from is None and filters.reported_to is None:
        return query
    start, end = uk_day_bounds(filters.reported_from or FIRST_DAY, filters.reported_to or LAST_DAY)
    if filters.reported_from is not None:
        query = query.where(Report.reported_at >= start)
    if filters.reported_to is not None:
        query = query.where(Report.reported_at < end)
    return query


def _coded(query: Select, filters: ReportFilters) -> Select:
    """Categories and incident types as EXISTS on their own tables (a report has one or several)."""
    if filters.category:
        query = query.where(
            exists().where(ReportCategory.report_id == Report.id, ReportCategory.code == filters.category)
        )
    if filters.incident_type:
        query = query.where(
            exists().where(ReportIncidentType.report_id == Report.id, ReportIncidentType.code == filters.incident_type)
        )
    return query


def filtered(query: Select, filters: ReportFilters) -> Select:
    """`query` narrowed by every filter in force."""
    query = _coded(_reported_between(query, filters), filters)
    if filters.centre:
        centre_id = select(Centre.id).where(Centre.code == filters.centre).scalar_subquery()
        query = query.where(Report.centre_id == centre_id)
    for column, value in ((Report.status, filters.status), (Report.channel, filters.channel),
                          (Report.language, filters.language)):  # fmt: skip
        if value:
            query = query.where(column == value)
    if filters.assignee == NOBODY:
        query = query.where(Report.assigned_to_id.is_(None))
    elif filters.assignee:
        query = query.where(Report.assigned_to_id == int(filters.assignee))
    if filters.support is True:
        query = query.where(Report.support_wanted.is_(True))
    elif filters.support is False:
        query = query.where(or_(Report.support_wanted.is_(False), Report.support_wanted.is_(None)))
    return query


def list_reports(user, page: int = 1, filters: ReportFilters = NO_FILTERS):
    """One page of submitted reports (newest first) matching `filters`, and how many match in all, within the
    user's scope. A page beyond the last gives the last page."""
    query = filtered(reports_for(user, SUBMITTED), filters)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    page = nearest_page(page, total, PAGE_SIZE)
    rows = db.session.scalars(
        query.options(selectinload(Report.category_rows), selectinload(Report.centre))
        .order_by(Report.reported_at.desc(), Report.id.desc())
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).all()
    return rows, total


def look_up(user, typed: str) -> Report | None:
    """The submitted report with the reference typed (any case, with or without hyphens or spaces) if the user
    may see it. Every look-up is audited; what was typed is recorded only when it is a reference, as someone
    may type a name into the box."""
    reference = normalise_reference(typed or "")
    report = find_report(user, reference, SUBMITTED)
    recorded = reference if is_valid_reference(reference) else None
    audit.record("report_looked_up", "report", recorded, detail="found" if report else "not found")
    db.session.commit()
    return report


def shown_reference(typed: str) -> str:
    """What was typed, tidied as a reference and cut short, to say back that there is no such report."""
    return normalise_reference(" ".join((typed or "").split())[:SHOWN_REFERENCE_MAX])


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
