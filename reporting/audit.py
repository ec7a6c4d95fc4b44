"""The audit trail: who viewed, changed, exported or referred what. Never holds personal details."""

from flask import has_request_context, request
from flask_login import current_user

from .extensions import db
from .models import AuditEvent


def record(action: str, object_type: str | None = None, object_id=None, detail: str | None = None, user=None):
    """Add an audit event to the session; the caller's commit stores it with the change it records."""
    actor = user
    address = None
    if has_request_context():
        address = request.remote_addr
        if actor is None and current_user.is_authenticated:
            actor = current_user
    event = AuditEvent(
        action=action,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id),
        detail=detail,
        ip_address=address,
        user_id=getattr(actor, "id", None),
    )
    db.session.add(event)
    return event
