"""Access decisions for views: every route is either `public` or `role_required(...)`, and reports are
loaded in one way, by `with_report(scope)`, under the one rule of who may see a report (`reports_for`).

A test walks the URL map and fails for any view without an access decision, so access control never
rests on convention.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from flask import abort
from flask_login import current_user
from sqlalchemy import ColumnElement, Select, and_, false, or_, select, true

from .domain.references import normalise_reference
from .domain.statuses import DRAFT
from .extensions import db, login_manager
from .models import ROLES, Report

STAFF_ROLES = ROLES
REFERENCE_MAX = 20  # the length of the column: anything longer is not looked up at all


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


# ---------------------------------------------------------------- who may see a report


@dataclass(frozen=True)
class Scope:
    """Which reports a view loads, within what the user may see.

    `status` is "submitted", "draft" or "any"; `channel` "assisted", "self" or None for both; `made_here`
    keeps only reports made at the user's own centre (not those assigned to it). A `public` scope is for
    public pages: it ignores the user, so the page must say who may use the report (`with_report(allows=...)`).
    """

    status: str = "submitted"
    channel: str | None = None
    made_here: bool = False
    public: bool = False


SUBMITTED = Scope()  # the report pages and referrals
SEEN_BY_STAFF = Scope(status="any")  # evidence files: of a submitted report, or of a draft being made here
MADE_HERE = Scope(status="any", made_here=True)  # the assisted report, from first step to confirmation
DRAFTS = Scope(status="draft", made_here=True)  # drafts to carry on with
SELF_REPORTS = Scope(channel="self")  # the partnership unit's queue
SURVEY_HAND_OVER = Scope(channel="assisted", made_here=True)  # the volunteer's side of the survey
SURVEY = Scope(public=True)  # the person's survey pages, open as the survey allows
ONLINE_SURVEY = Scope(channel="self", public=True)  # the survey of a report made online


def _centre_of(user) -> int | None:
    """The centre whose reports the user works on: centre staff only (the unit and admins have none)."""
    return user.centre_id if user.is_authenticated and user.is_centre_staff else None


def _at(column, centre_id: int | None) -> ColumnElement[bool]:
    # Never "at no centre", which would be every report made online, or every report not assigned.
    return column == centre_id if centre_id is not None else false()


def _may_see(user) -> ColumnElement[bool]:
    """The one rule: centre staff see the reports and drafts made at their centre and the submitted reports
    assigned to it; the partnership unit and admins see every submitted report; nobody else sees any."""
    if not user.is_authenticated:
        return false()
    if not user.is_centre_staff:
        return Report.submitted
    centre = _centre_of(user)
    return or_(_at(Report.centre_id, centre), and_(Report.submitted, _at(Report.assigned_centre_id, centre)))


def _in_scope(user, scope: Scope) -> list[ColumnElement[bool]]:
    status = {"submitted": Report.submitted, "draft": Report.status == DRAFT, "any": true()}
    conditions = [status[scope.status]]
    if scope.channel:
        conditions.append(Report.channel == scope.channel)
    if scope.made_here:
        conditions.append(_at(Report.centre_id, _centre_of(user)))
    return conditions


def reports_for(user, scope: Scope = SUBMITTED) -> Select:
    """Reports in `scope` that the user may see (every report in it, for a public scope), for lists and look-ups."""
    who = [] if scope.public else [_may_see(user)]
    return select(Report).where(*who, *_in_scope(user, scope))


def find_report(user, reference: str, scope: Scope = SUBMITTED, options: tuple = ()) -> Report | None:
    """The report with this reference in `scope` if the user may see it, else None (shown as 404).

    `options` are loader options for what the page reads, loaded in the same query."""
    reference = normalise_reference(reference or "")
    if not 0 < len(reference) <= REFERENCE_MAX or not reference.isprintable():
        return None
    query = reports_for(user, scope).where(Report.reference == reference)
    return db.session.scalars(query.options(*options)).unique().first()


def with_report(
    scope: Scope,
    options: tuple | Callable[[], tuple] = (),
    allows: Callable[[Report], bool] | None = None,
    not_found: Callable[[str], object] | None = None,
):
    """Load the report named by the view's `reference` and pass it in as `report`; 404 if there is none.

    `options` (or a function giving them for this request) are loader options; `allows` is a further check
    (a public scope needs one); `not_found(reference)` answers instead of the plain 404, the same for a
    reference that is not a report as for one the visitor may not use."""
    if scope.public and allows is None:
        raise ValueError("a public scope needs `allows`: who may use the report")

    def decorator(view):
        @wraps(view)
        def wrapped(*args, reference: str, **kwargs):
            loading = options() if callable(options) else options
            report = find_report(current_user, reference, scope, loading)
            if report is None or (allows is not None and not allows(report)):
                return not_found(reference) if not_found else abort(404)
            return view(*args, report=report, **kwargs)

        return wrapped

    return decorator
