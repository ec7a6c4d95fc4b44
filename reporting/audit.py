"""The audit trail: who viewed, changed, exported or referred what. Never holds personal details.

A staff member's address is recorded with what they did (and cleared by `retention apply` after
`AUDIT_ADDRESS_DAYS`); an anonymous person's is never recorded: abuse control keeps what it needs in
the rate limiter's own short-lived store.
"""

from datetime import datetime, timedelta

from flask import has_request_context, request
from flask_login import current_user
from sqlalchemy import insert

from .extensions import db
from .models import AuditEvent, expire_audit_addresses, utcnow

INSERT_EVENT = insert(AuditEvent.__table__)


def record(action: str, object_type: str | None = None, object_id=None, detail: str | None = None, user=None) -> None:
    """Write an audit event in the caller's transaction; the caller's commit stores it with the change it records.

    A single Core INSERT: the trail is append-only, so the event needs no object in the session (and no
    unit-of-work flush on busy paths such as submitting a report)."""
    actor = user
    if actor is None and has_request_context() and current_user.is_authenticated:
        actor = current_user
    event = {  # parameters of one statement made once: building a statement per event costs more than running it
        "action": action,
        "object_type": object_type,
        "object_id": None if object_id is None else str(object_id),
        "detail": detail,
        "ip_address": _staff_address(actor),
        "user_id": getattr(actor, "id", None),
    }
    db.session.execute(INSERT_EVENT, event)


def _staff_address(actor) -> str | None:
    """The request's address when a signed-in staff member acts; None for anyone anonymous."""
    if actor is None or not has_request_context():
        return None
    return request.remote_addr


def expire_staff_addresses(days: int, now: datetime | None = None) -> int:
    """Clear the addresses of audit events older than `days`: the one change the trail allows. Returns how many."""
    before = (now or utcnow()) - timedelta(days=days)
    return db.session.execute(expire_audit_addresses(before)).rowcount
