"""Staff pages for reports: the list of reports a user may see, and one report."""

from flask import Blueprint

bp = Blueprint("reports", __name__, url_prefix="/reports")

from . import case_record_views, evidence_views, recording_views, views  # noqa: E402,F401
