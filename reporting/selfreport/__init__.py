"""Reports people make themselves online, with no account: a plain-language flow and an easy-read flow
over the same questions as the assisted report, and the partnership unit's queue of self-reports.

`bp` is public, under /report; `queue_bp` is for the partnership unit, under /self-reports.
"""

from flask import Blueprint

bp = Blueprint("selfreport", __name__, url_prefix="/report")
queue_bp = Blueprint("self_reports", __name__, url_prefix="/self-reports")


def blueprints() -> tuple[Blueprint, Blueprint]:
    """The blueprints with their views, loaded when the app is built (not when the models are, which include this
    capability's table), so that importing the model layer never pulls in views half-way through."""
    from . import queue_views, views  # noqa: F401

    return bp, queue_bp
