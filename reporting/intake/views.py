"""Views for the assisted report: one generic step view drives every step of the flow.

Only volunteers and centre leads take reports, and only for their own centre: a draft of another
centre answers 404. A submitted report is never changed here.
"""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.exceptions import RequestEntityTooLarge

from .. import audit, messages
from ..access import DRAFTS, MADE_HERE, find_report, role_required, with_report
from ..body_limits import body_limit
from ..check.codes import forget_shown, shown_code
from ..extensions import db
from ..models import CENTRE_ROLES
from ..security import ensure_csp_nonce
from . import bp, held, services
from .flows import ASSISTED
from .journey import Journey

FLOW = ASSISTED


def step_url(report, slug: str | None, change: bool = False) -> str:
    if slug is None:
        return url_for("intake.check_answers", reference=report.reference)
    return url_for("intake.step", reference=report.reference, slug=slug, change=1 if change else None)


def _draft_journey(report) -> Journey:
    """The journey through a draft; a report already submitted goes to its page instead."""
    if report.submitted:
        flash(messages.REPORT_SUBMITTED_ALREADY, "info")
        abort(redirect(url_for("reports.view_report", reference=report.reference)))
    return Journey(FLOW, report)


@bp.route("/start", methods=["GET", "POST"])
@role_required(*CENTRE_ROLES)
def start():
    centre_closed = current_user.centre is None or not current_user.centre.active
    form = FlaskForm()
    if form.validate_on_submit() and not centre_closed:
        forget_shown()  # the last person's "Check my report" code is not shown to the next
        draft = services.start_draft(current_user, FLOW)
        return redirect(step_url(draft, FLOW.step_slugs[0]))
    return render_template("intake/start.html", centre_closed=centre_closed), 409 if centre_closed else 200


@bp.get("/drafts")
@role_required(*CENTRE_ROLES)
def drafts():
    rows = [(draft, Journey(FLOW, draft).first_unfinished()) for draft in services.list_drafts(current_user)]
    return render_template("intake/drafts.html", drafts=rows, flow=FLOW)


# A step reads its own answers and those that decide which steps apply, each when first asked for.
@bp.get("/<reference>")
@role_required(*CENTRE_ROLES)
@with_report(MADE_HERE, options=services.SKIP_LOGIC_ANSWERS)
def resume(report):
    journey = _draft_journey(report)
    audit.record("draft_resumed", "report", journey.report.reference)
    db.session.commit()
    return redirect(step_url(journey.report, journey.first_unfinished()))


def _step_body_kind(values: dict) -> str:
    """The evidence step takes files, and "What happened" a recording; every other step is a staff form (see
    reporting/body_limits.py)."""
    kinds = {"evidence": "evidence_upload", "what-happened": "recording"}  # a recorded account: reporting/recordings/
    return kinds.get(values.get("slug"), "staff_form")


@bp.route("/<reference>/<slug>", methods=["GET", "POST"])
@body_limit(_step_body_kind)
@role_required(*CENTRE_ROLES)
@with_report(MADE_HERE, options=services.SKIP_LOGIC_ANSWERS)
def step(report, slug: str):
    journey = _draft_journey(report)
    if slug not in FLOW.step_slugs:
        abort(404)
    change = request.args.get("change") == "1"
    if not journey.is_shown(slug):
        return redirect(step_url(journey.report, journey.first_unfinished(), change))
    if request.method == "GET" and (kept := held.held_form(current_user, journey, slug)) is not None:
        return _render_step(journey, kept, change)
    form = journey.form(slug) if request.method == "POST" else journey.form(slug, formdata=None)
    if form.validate_on_submit():
        services.save_step(journey, form)
        return redirect(_after_save(journey, form, change))
    return _render_step(journey, form, change)


def _render_step(journey: Journey, form, change: bool, status: int = 200):
    back = None if change else journey.previous(form.slug)
    back_url = step_url(journey.report, back) if back or change else url_for("intake.drafts")
    page = render_template(
        FLOW.template_for(type(form)), form=form, report=journey.report, back_url=back_url, change=change
    )
    return page, status


def _after_save(journey: Journey, form, change: bool) -> str:
    """Where to go after a save: the same page, the next page, or back to check-your-answers."""
    report = journey.report
    if form.stays_on_page():
        return step_url(report, form.slug, change)
    if change:
        return step_url(report, journey.first_unfinished(), change=True)
    return step_url(report, journey.next(form.slug))


def _check_answers_reads() -> tuple:
    # Submitting reads only the answers that decide which steps apply; the page reads them all back.
    return services.JOURNEY_ANSWERS if request.method == "GET" else services.SKIP_LOGIC_ANSWERS


@bp.route("/<reference>/check-answers", methods=["GET", "POST"])
@role_required(*CENTRE_ROLES)
@with_report(MADE_HERE, options=_check_answers_reads)
def check_answers(report):
    if report.submitted:
        return redirect(url_for("intake.submitted", reference=report.reference))
    journey = Journey(FLOW, report)
    unfinished = journey.first_unfinished()
    if unfinished:
        return redirect(step_url(report, unfinished))
    if request.method == "POST":  # CSRFProtect has checked its token before any view runs, as for every POST
        submitted_url = url_for("intake.submitted", reference=report.reference)  # before the commit expires it
        services.submit(journey)
        return redirect(submitted_url)
    back_url = step_url(report, journey.shown[-1])
    return render_template("intake/check-answers.html", report=report, sections=journey.sections(), back_url=back_url)


@bp.get("/<reference>/submitted")
@role_required(*CENTRE_ROLES)
@with_report(MADE_HERE)
def submitted(report):
    if not report.submitted:
        return redirect(url_for("intake.check_answers", reference=report.reference))
    survey_url = url_for("satisfaction.hand_over_page", reference=report.reference)
    check_code = shown_code(report.reference)
    return render_template("intake/submitted.html", report=report, survey_url=survey_url, check_code=check_code)


@bp.errorhandler(RequestEntityTooLarge)
def files_too_large(error):
    """Files over the request limit: show the evidence page again with a message, not a bare error."""
    ensure_csp_nonce()
    args = request.view_args or {}
    allowed = current_user.is_authenticated and current_user.role in CENTRE_ROLES
    if not allowed or args.get("slug") != "evidence":
        return render_template("errors/413.html", error=error), 413
    report = find_report(current_user, args.get("reference", ""), DRAFTS)
    if report is None:
        return render_template("errors/413.html", error=error), 413
    journey = Journey(FLOW, report)
    form = journey.form("evidence", formdata=None)
    size = current_app.config["EVIDENCE_MAX_BYTES"] // (1024 * 1024)
    form.files.errors = [str(messages.EVIDENCE_REQUEST_TOO_BIG) % {"size": size}]
    return _render_step(journey, form, request.args.get("change") == "1", status=413)
