"""Reports people make themselves online, with no account: a plain-language flow and an easy-read flow
over the same questions as the assisted report, and the partnership unit's queue of self-reports.

`bp` is public, under /report; `queue_bp` is for the partnership unit, under /self-reports.
"""

from flask import Blueprint

bp = Blueprint("selfreport", __name__, url_prefix="/report")
queue_bp = Blueprint("self_reports", __name__, url_prefix="/self-reports")

from . import queue_views, views  # noqa: E402,F401
