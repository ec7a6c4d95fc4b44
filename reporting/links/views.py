"""Deciding a suggested link, and putting a person's reports in a series, from the report's page."""

from flask import Blueprint, abort, redirect, url_for
from flask_login import current_user
from sqlalchemy import select

from ..access import SUBMITTED, role_required, with_report
from ..extensions import db
from ..models import ROLES
from . import history, rules, services
from .forms import DecideLinkForm, SeriesForm
from .models import CONFIRMED, REJECTED, SUGGESTED, ReportLink

bp = Blueprint("links", __name__, url_prefix="/reports")
DECISIONS = {"confirm": CONFIRMED, "reject": REJECTED}
DECIDING_ROLES = ("centre_lead", "partnership", "admin")


def _back(report, anchor: str = "linked-reports"):
    return redirect(url_for("reports.view_report", reference=report.reference, _anchor=anchor), 303)


@bp.post("/<reference>/links/<int:link_id>/<decision>")
@role_required(*DECIDING_ROLES)
@with_report(SUBMITTED)
def decide(report, link_id: int, decision: str):
    link = db.session.scalar(select(ReportLink).where(ReportLink.id == link_id))
    if decision not in DECISIONS or link is None or report.id not in (link.report_a_id, link.report_b_id):
        abort(404)
    other = link.other(report.id)
    if other.id not in history.visible_ids(current_user, [other.id]) or not rules.may_decide(
        current_user, report, other
    ):
        abort(403)
    if not DecideLinkForm().validate():
        abort(400)
    if link.status == SUGGESTED or DECISIONS[decision] == REJECTED:
        services.decide(link, DECISIONS[decision], current_user)
        db.session.commit()
    return _back(report)


@bp.post("/<reference>/series")
@role_required(*ROLES)
@with_report(SUBMITTED)
def add_to_series(report):
    if not rules.may_group(current_user, report):
        abort(403)
    form = SeriesForm()
    if not form.validate():
        from ..reports.views import _render_report  # the report page, with this form's errors

        return _render_report(report, failed=form), 400
    people = [other.id for other in services.same_person(report)]
    services.add_to_series(current_user, report, form.series_name.data, history.visible_ids(current_user, people))
    db.session.commit()
    return _back(report, "report-series")


def report_links(report, series_form=None):
    """The links section of the report page for the signed-in user (a template global)."""
    return history.report_links(current_user, report, series_form)


def repeat_victims(reports) -> set[int]:
    """The reports of a list that have a confirmed link (a template global, for the list's flag)."""
    return history.repeat_victims(reports)


TEMPLATE_GLOBALS = (report_links, repeat_victims, history.reason_text)
