"""Case work on submitted reports: the caseworker, acknowledging, reviews, and the "My cases" and "Overdue" lists.

Every list starts from `access.reports_for`, so nobody sees a case they may not see; what they may do to a case
is decided in `rules.py`.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, and_, case, func, or_, select, union_all
from sqlalchemy.orm import selectinload

from .. import audit
from ..access import SUBMITTED, reports_for
from ..domain import working_days
from ..domain.paging import nearest_page
from ..domain.statuses import OPEN_STATUSES
from ..domain.ukdates import uk_today
from ..extensions import db
from ..models import Report, User, utcnow
from ..reports import services as report_services
from . import rules

PAGE_SIZE = 25
LOADING = (selectinload(Report.centre), selectinload(Report.assigned_centre), selectinload(Report.assigned_to))

# The first deadline a case is past: acknowledging (until it is acknowledged), else its review.
DUE = case((Report.acknowledged_at.is_(None), Report.acknowledge_by), else_=Report.review_by)


def overdue(today: date):
    """Open cases past their acknowledge-by date without being acknowledged, or past their review-by date."""
    return and_(
        Report.status.in_(OPEN_STATUSES),
        or_(and_(Report.acknowledged_at.is_(None), Report.acknowledge_by < today), Report.review_by < today),
    )


def _open_cases(user) -> Select:
    """The open cases the user answers for: a volunteer's own; every case a lead or the unit may see."""
    query = reports_for(user, SUBMITTED).where(Report.status.in_(OPEN_STATUSES))
    if user.role == "volunteer":
        query = query.where(Report.assigned_to_id == user.id)
    return query


def _overdue_at_centre(centre_id: int, today: date):
    """(id, due) of a centre's overdue cases, made there or given to it, each branch read from its own covering
    index (`ix_reports_centre_case_deadlines`, `ix_reports_assigned_centre_case_deadlines`): otherwise the planner
    reads every report of the centre, or every report past a date, to find a few. Both branches lie within what
    `reports_for` lets the centre's staff see (made there; or submitted and given to it), and never overlap: only
    self-reports, made at no centre, are given to one."""
    made_here = select(Report.id, DUE.label("due")).where(Report.centre_id == centre_id, overdue(today))
    given_here = select(Report.id, DUE.label("due")).where(Report.assigned_centre_id == centre_id, overdue(today))
    return union_all(made_here, given_here).subquery()


@dataclass(frozen=True)
class CasePage:
    cases: list[Report]
    total: int
    page: int


def _page(query: Select, page: int) -> CasePage:
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    page = nearest_page(page, total, PAGE_SIZE)
    rows = db.session.scalars(query.options(*LOADING).limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE))
    return CasePage(list(rows), total, page)


def my_cases(user, page: int = 1) -> CasePage:
    """Open cases assigned to the user, the one due first at the top."""
    query = reports_for(user, SUBMITTED).where(Report.status.in_(OPEN_STATUSES), Report.assigned_to_id == user.id)
    return _page(query.order_by(DUE, Report.id), page)


def overdue_cases(user, page: int = 1, today: date | None = None) -> CasePage:
    """The user's overdue cases (see `_open_cases`), the longest overdue first."""
    today = today or uk_today()
    if user.role == "centre_lead" and user.centre_id is not None:
        return _centre_overdue_page(user, page, today)
    query = _open_cases(user).where(overdue(today))
    return _page(query.order_by(DUE, Report.id), page)


def _centre_overdue_page(user, page: int, today: date) -> CasePage:
    """A lead's overdue list, counted and paged from the indexes; only the page's reports are read."""
    cases = _overdue_at_centre(user.centre_id, today)
    total = db.session.scalar(select(func.count()).select_from(cases))
    page = nearest_page(page, total, PAGE_SIZE)
    shown = select(cases.c.id).order_by(cases.c.due, cases.c.id).limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE)
    query = _open_cases(user).where(overdue(today), Report.id.in_(shown)).order_by(DUE, Report.id)
    return CasePage(list(db.session.scalars(query.options(*LOADING))), total, page)


def late(report: Report, today: date | None = None) -> tuple[bool, bool]:
    """(late acknowledging, late reviewing) for an open case; neither for a closed one."""
    if report.status not in OPEN_STATUSES:
        return False, False
    today = today or uk_today()
    acknowledge_late = report.acknowledged_at is None and report.acknowledge_by is not None
    return (
        acknowledge_late and report.acknowledge_by < today,
        report.review_by is not None and report.review_by < today,
    )


# ---------------------------------------------------------------- the caseworker, acknowledging, reviews


def caseworkers(report: Report) -> list[User]:
    """Who may be given the case: the active volunteers and leads of the case's centre, by email."""
    centre_id = rules.case_centre_id(report)
    if centre_id is None:
        return []
    query = select(User).where(User.centre_id == centre_id, User.active.is_(True), User.role.in_(rules.CENTRE_ROLES))
    return list(db.session.scalars(query.order_by(User.email)))


def assign(report: Report, caseworker: User | None) -> None:
    """Give the case to `caseworker` (None: to nobody), audited with the caseworker's account id only."""
    report.assigned_to = caseworker
    detail = f"caseworker={caseworker.id}" if caseworker else "caseworker=none"
    audit.record("case_assigned", "report", report.reference, detail=detail)
    db.session.commit()


def acknowledge(report: Report) -> bool:
    """Mark the case acknowledged, once; False if it already was."""
    if report.acknowledged_at is not None:
        return False
    report.acknowledged_at = utcnow()
    audit.record("case_acknowledged", "report", report.reference)
    db.session.commit()
    return True


def record_review(report: Report, user, note: str | None, today: date | None = None) -> date:
    """Move the next review on 10 working days from today; a note, if given, is kept as a staff note."""
    report.review_by = working_days.review_by(today or uk_today())
    audit.record("case_reviewed", "report", report.reference, detail=f"review_by={report.review_by.isoformat()}")
    if note and note.strip():
        report_services.add_note(report, user, note)  # commits the review with the note
    else:
        db.session.commit()
    return report.review_by

