"""Staff accounts and the audit trail: listing, deactivating, filtering and exporting."""

import csv
import io
import secrets
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from ..domain.paging import nearest_page
from ..domain.ukdates import uk_day_bounds
from ..extensions import db
from ..forms import options
from ..models import AuditEvent, Centre, User

AUDIT_PAGE_SIZE = 50
# The days the audit trail can be filtered by (the filter form's message names them).
FIRST_AUDIT_DAY, LAST_AUDIT_DAY = date(2000, 1, 1), date(2999, 12, 31)


def list_users() -> list[User]:
    return list(db.session.scalars(select(User).options(selectinload(User.centre)).order_by(User.email)))


def centre_choices() -> list:
    """The centres to choose from, after an empty option (for the roles that belong to none)."""
    centres = db.session.execute(select(Centre.code, Centre.name).order_by(Centre.name))
    return options([("", ""), *centres])


def set_active(user: User, active: bool) -> None:
    """(De)activate an account; a new session token ends every session it has open."""
    user.active = active
    user.session_token = secrets.token_urlsafe(24)


@dataclass
class AuditFilter:
    action: str | None = None
    object_id: str | None = None
    user_email: str | None = None
    date_from: date | None = None
    date_to: date | None = None


def _audit_query(criteria: AuditFilter) -> Select:
    query = select(AuditEvent).outerjoin(User, AuditEvent.user_id == User.id)
    if criteria.action:
        query = query.where(AuditEvent.action == criteria.action.strip())
    if criteria.object_id:
        query = query.where(AuditEvent.object_id == criteria.object_id.strip().upper())
    if criteria.user_email:
        query = query.where(func.lower(User.email) == criteria.user_email.strip().lower())
    if criteria.date_from or criteria.date_to:
        start, end = uk_day_bounds(criteria.date_from or FIRST_AUDIT_DAY, criteria.date_to or LAST_AUDIT_DAY)
        query = query.where(AuditEvent.at >= start, AuditEvent.at < end)
    return query


def audit_page(criteria: AuditFilter, page: int) -> tuple[list[AuditEvent], int]:
    query = _audit_query(criteria)
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    page = nearest_page(page, total, AUDIT_PAGE_SIZE)  # a page beyond the last gives the last page
    events = db.session.scalars(
        query.options(selectinload(AuditEvent.user))
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(AUDIT_PAGE_SIZE)
        .offset((page - 1) * AUDIT_PAGE_SIZE)
    ).all()
    return list(events), total


AUDIT_COLUMNS = ["at", "user", "action", "object_type", "object_id", "ip_address", "detail"]


def audit_csv(criteria: AuditFilter) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(AUDIT_COLUMNS)
    query = _audit_query(criteria).options(selectinload(AuditEvent.user)).order_by(AuditEvent.at, AuditEvent.id)
    for event in db.session.scalars(query):
        writer.writerow(
            [event.at.isoformat(), event.user.email if event.user else "", event.action, event.object_type or "",
             event.object_id or "", event.ip_address or "", event.detail or ""]
        )  # fmt: skip
    return buffer.getvalue()
