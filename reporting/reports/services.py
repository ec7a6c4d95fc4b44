"""Finding reports within the signed-in user's scope."""

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..access import scoped_reports
from ..domain.references import normalise_reference
from ..extensions import db
from ..models import Report

PAGE_SIZE = 25


def list_reports(user, page: int = 1, status: str | None = None):
    """One page of submitted reports (newest first) and the total, within the user's scope."""
    query = scoped_reports(user).where(Report.status != "draft")
    if status:
        query = query.where(Report.status == status)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    rows = db.session.scalars(
        query.options(selectinload(Report.category_rows), selectinload(Report.centre))
        .order_by(Report.reported_at.desc(), Report.id.desc())
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE)
    ).all()
    return rows, total


def find_report(user, reference: str) -> Report | None:
    """The report with this reference if the user may see it; None otherwise (shown as 404)."""
    query = scoped_reports(user).where(Report.reference == normalise_reference(reference))
    return db.session.scalar(query)
