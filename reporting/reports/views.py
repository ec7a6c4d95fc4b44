"""Views for the staff report list and report page; every one checks role and centre."""

from flask import abort, render_template, request
from flask_login import current_user

from .. import audit
from ..access import role_required
from ..extensions import db
from ..models import ROLES, STATUSES
from . import bp, services


@bp.get("/")
@role_required(*ROLES)
def list_reports():
    page = request.args.get("page", 1, type=int)
    status = request.args.get("status")
    if page < 1 or (status and status not in STATUSES):
        abort(404)
    reports, total = services.list_reports(current_user, page, status)
    pages = max(1, -(-total // services.PAGE_SIZE))
    return render_template("reports/list-reports.html", reports=reports, total=total, page=page, pages=pages)


@bp.get("/<reference>")
@role_required(*ROLES)
def view_report(reference: str):
    report = services.find_report(current_user, reference)
    if report is None or report.status == "draft":
        abort(404)
    audit.record("report_viewed", "report", report.reference)
    db.session.commit()
    return render_template("reports/view-report.html", report=report)
