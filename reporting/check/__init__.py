""""Check my report": the follow-up code each report is given, and the person's own view of their report.

The code is given when a report is sent (online, or at a centre with a volunteer), shown to the person there
and on a separate slip, and never stored: the report keeps a keyed hash (domain/check_codes.py). With their
reference and code at `/check`, the person sees where their report stands, without an account.
"""

from flask import Blueprint

bp = Blueprint("check", __name__, url_prefix="/check")  # the person's pages
staff_bp = Blueprint("check_staff", __name__, url_prefix="/reports")  # staff pages about the person's side


def blueprints() -> tuple[Blueprint, Blueprint]:
    """The two blueprints with their views, loaded when the app is built."""
    from . import person_views, staff, staff_messages, views  # noqa: F401

    return bp, staff_bp
