"""The audit trail: who viewed, changed, exported or referred what. Never holds personal details."""

from flask import has_request_context, request
from flask_login import current_user
from sqlalchemy import insert

from .extensions import db
from .models import AuditEvent

INSERT_EVENT = insert(AuditEvent.__table__)


def record(action: str, object_type: str | None = None, object_id=None, detail: str | None = None, user=None) -> None:
    """Write an audit event in the caller's transaction; the caller's commit stores it with the change it records.

    A single Core INSERT: the trail is append-only, so the event needs no object in the session (and no
    unit-of-work flush on busy paths such as submitting a report)."""
    actor = user
    address = None
    if has_request_context():
        address = request.remote_addr
        if actor is None and current_user.is_authenticated:
            actor = current_user
    event = {  # parameters of one statement made once: building a statement per event costs more than running it
        "action": action,
        "object_type": object_type,
        "object_id": None if object_id is None else str(object_id),
        "detail": detail,
        "ip_address": address,
        "user_id": getattr(actor, "id", None),
    }
    db.session.execute(INSERT_EVENT, event)
