"""Access decisions for views: every route is either `public` or `role_required(...)`.

A test walks the URL map and fails for any view without one of these, so access control
never rests on convention. Centre scoping for reports lives in `scoped_reports`.
"""

from functools import wraps

from flask import abort
from flask_login import current_user
from sqlalchemy import Select, or_, select

from .extensions import login_manager
from .models import ROLES, Report

STAFF_ROLES = ROLES


def public(view):
    """Marks a view as open to everyone, on purpose."""
    view.access = "public"
    return view


def role_required(*roles: str):
    """Signed-in staff with one of `roles`; others are sent to sign in, or refused with 403."""
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles: {sorted(unknown)}")

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        wrapped.access = tuple(roles)
        return wrapped

    return decorator


def scoped_reports(user) -> Select:
    """Reports this user may see: for centre staff, their own centre's and the self-reports assigned to
    their centre for follow-up; all for the unit and admins."""
    query = select(Report)
    if user.is_centre_staff:
        own = Report.centre_id == user.centre_id
        if user.centre_id is not None:  # never "assigned to no centre", which would be every unassigned report
            own = or_(own, Report.assigned_centre_id == user.centre_id)
        query = query.where(own)
    return query
