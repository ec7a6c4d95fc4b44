"""Views for the staff report list and report page; every one checks role, and loads reports with `with_report`."""

import io

from flask import abort, redirect, render_template, request, send_file, url_for
from flask_login import current_user

from .. import audit
from ..access import SUBMITTED, role_required, with_report
from ..cases import rules
from ..cases.history import case_history, open_history
from ..domain.paging import asked_page, nearest_page, page_count
from ..domain.statuses import CLOSED, OPEN_STATUSES
from ..extensions import db
from ..intake import services as intake_services
from ..intake.evidence import read as read_evidence
from ..intake.flows import ASSISTED
from ..intake.journey import Journey
from ..models import ROLES
from ..selfreport import services as self_reports
from ..selfreport.forms import assign_form
from ..selfreport.queue_views import UNIT_ROLES
from . import bp, filtering, services
from .forms import NoteForm, StatusForm


def _render_list(filters, form, not_found: str | None = None, status_code: int = 200):
    page = asked_page(request.args.get("page"))
    reports, total = services.list_reports(current_user, page, filters)
    page, pages = nearest_page(page, total, services.PAGE_SIZE), page_count(total, services.PAGE_SIZE)
    return render_template(
        "reports/list-reports.html",
        reports=reports,
        total=total,
        page=page,
        pages=pages,
        form=form,
        filter_args=filters.query_args(),
        filtered=filters != services.NO_FILTERS,
        not_found=not_found,
    ), 400 if form.errors else status_code


@bp.get("/")
@role_required(*ROLES)
def list_reports():
    return _render_list(*filtering.read_filters(request.args, current_user))


@bp.get("/find")
@role_required(*ROLES)
def find_report():
    """Straight to the report with the reference typed in the header (any case, hyphens or not), if the user may
    see it; otherwise the list, saying so the same way whether the report is another centre's or not there."""
    typed = request.args.get("reference", "")
    report = services.look_up(current_user, typed)
    if report is not None:
        return redirect(url_for("reports.view_report", reference=report.reference), 303)
    filters, form = filtering.read_filters({}, current_user)
    return _render_list(filters, form, not_found=services.shown_reference(typed), status_code=404)


def _assign_form(report):
    """The unit's form to give an open case to a centre (a self-report waiting for one, or a case of a centre that is
    closing), on the report's page; None where it does not apply."""
    if report.status not in OPEN_STATUSES or current_user.role not in UNIT_ROLES:
        return None
    return assign_form(report, {centre.code: centre for centre in self_reports.active_centres()})


def _render_report(report, note_form=None, status_form=None, failed=None, history=None):
    answers = Journey(ASSISTED, report).sections(exclude=("evidence",))
    return render_template(
        "reports/view-report.html",
        report=report,
        answers=answers,
        history=history or case_history(report),
        note_form=note_form or NoteForm(formdata=None),
        status_form=status_form or _status_form(report, formdata=None),
        assign_form=_assign_form(report),
        **({"form": failed} if failed is not None else {}),
    )


@bp.get("/<reference>")
@role_required(*ROLES)
@with_report(SUBMITTED)
def view_report(report):
    audit.record("report_viewed", "report", report.reference)
    history = open_history(report, current_user)
    db.session.commit()
    return _render_report(report, history=history)


def _status_form(report, **kwargs) -> StatusForm:
    """The statuses the user may move the report to: closing only for those who may close the case."""
    form = StatusForm(current=report.status, **kwargs)
    if not rules.may_close(current_user, report):
        form.status.choices = [choice for choice in form.status.choices if choice.value != CLOSED]
    return form


@bp.post("/<reference>/notes")
@role_required(*ROLES)
@with_report(SUBMITTED)
def add_note(report):
    if not rules.may_update(current_user, report):
        abort(403)
    form = NoteForm()
    if not form.validate():
        return _render_report(report, note_form=form, failed=form), 400
    services.add_note(report, current_user, form.text.data)
    return redirect(url_for("reports.view_report", reference=report.reference, _anchor="report-notes"), 303)


@bp.post("/<reference>/status")
@role_required(*ROLES)
@with_report(SUBMITTED)
def change_status(report):
    form = _status_form(report)
    if not rules.may_set_status(current_user, report, form.status.data):
        abort(403)
    if not form.validate():
        return _render_report(report, status_form=form, failed=form), 400
    services.change_status(report, current_user, form.status.data)
    return redirect(url_for("reports.view_report", reference=report.reference, _anchor="report-status"), 303)


@bp.get("/<reference>/evidence/<int:file_id>")
@role_required(*ROLES)
def download_evidence(reference: str, file_id: int):
    """An evidence file, always as a download, to staff who may see the report; every view is audited."""
    found = intake_services.find_evidence(current_user, reference, file_id)
    if found is None:
        abort(404)
    report, stored = found
    audit.record("evidence_viewed", "evidence", stored.id, detail=f"report={report.reference}")
    db.session.commit()
    try:
        data = read_evidence(intake_services.evidence_dir(), stored.stored_name)
    except FileNotFoundError:
        abort(404)
    return send_file(
        io.BytesIO(data), mimetype=stored.content_type, as_attachment=True, download_name=stored.original_name
    )
