"""Views for the immediate survey (with the tablet hand-over), the follow-up survey and the results.

The immediate survey opens from `start_survey` with the report's reference (the confirmation
pages of both journeys link to it). For an assisted report it is for the centre's staff: they hand
the tablet over, the person answers or declines, and the volunteer takes the tablet back with
their password. For a self-report it is for the browser that made the report (see
`services.on_report_submitted`). The follow-up survey is public and reached only by its token.
"""

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import force_locale
from flask_login import current_user, logout_user

from .. import audit, messages
from ..access import public, role_required
from ..auth import services as accounts
from ..extensions import db, limiter
from ..i18n import shipped_languages
from ..models import CENTRE_ROLES, ROLES
from . import bp, handover, presentation, services
from .forms import FollowUpForm, HandBackForm, ImmediateSurveyForm

ANSWERED_SESSION = "survey_answered"


def _follow_up_limit() -> str:
    return current_app.config["FOLLOW_UP_RATE_LIMIT"]


def _survey_language(report) -> str:
    """The language of the person's survey pages: one they pick here, else the one they reported in."""
    languages = shipped_languages()
    stored = (report.language or "").replace("-", "_") if report else None  # reports store BCP 47: zh-Hans
    for candidate in (request.args.get("lang"), stored):
        if candidate in languages:
            return candidate
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def _render_for_person(report, template: str, status: int = 200, **context):
    with force_locale(_survey_language(report)):
        return render_template(template, report=report, **context), status


# ---------------------------------------------------------------- the immediate survey


def _staff_may_survey(report) -> bool:
    user = current_user
    return user.is_authenticated and user.role in CENTRE_ROLES and user.centre_id == report.centre_id


def _report_or_404(reference: str):
    report = services.submitted_report(reference)
    if report is None:
        abort(404)
    return report


@bp.get("/survey/<reference>")
@public
def start_survey(reference: str):
    """Self-reports: the survey, for the browser that made the report. Assisted reports: the volunteer's
    hand-over page, for staff of the centre. Anyone else gets one page, whether the reference is real or not."""
    report = services.submitted_report(reference)
    if report is not None and services.may_answer_online(report):
        return redirect(url_for("satisfaction.questions", reference=report.reference))
    if report is None or report.channel != "assisted" or not _staff_may_survey(report):
        return render_template("satisfaction/survey-not-open.html"), 404
    services.issue_follow_up(report)
    db.session.commit()
    return render_template("satisfaction/hand-over.html", report=report, open=services.immediate_survey_open(report))


@bp.post("/survey/<reference>/hand-over")
@role_required(*CENTRE_ROLES)
def hand_over(reference: str):
    report = _report_or_404(reference)
    if not _staff_may_survey(report) or report.channel != "assisted":
        abort(404)
    if not services.immediate_survey_open(report):
        flash(messages.SURVEY_CLOSED_ALREADY, "info")
        return redirect(url_for("satisfaction.start_survey", reference=report.reference))
    services.immediate_invitation(report)
    handover.hand_over(report.reference)
    audit.record("tablet_handed_over", "report", report.reference)
    db.session.commit()
    return redirect(url_for("satisfaction.questions", reference=report.reference))


@bp.post("/survey/<reference>/decline")
@role_required(*CENTRE_ROLES)
def decline(reference: str):
    """The person told the volunteer they would rather not answer: one action, nothing recorded."""
    report = _report_or_404(reference)
    if not _staff_may_survey(report):
        abort(404)
    if services.decline(services.immediate_invitation(report)):
        flash(messages.SURVEY_DECLINED, "success")
    return redirect(url_for("satisfaction.start_survey", reference=report.reference))


def _may_answer(report) -> bool:
    if report.channel == "self":
        return services.may_answer_online(report)
    return handover.handed_over_reference() == report.reference and _staff_may_survey(report)


@bp.route("/survey/<reference>/questions", methods=["GET", "POST"])
@public
def questions(reference: str):
    """The person's survey: every question optional, "I do not want to answer" declines in one action."""
    report = _report_or_404(reference)
    if not _may_answer(report):
        abort(404)
    found = services.immediate_invitation(report)
    db.session.commit()
    if found.is_closed:
        return redirect(_after_survey(report))
    form = ImmediateSurveyForm(assisted=report.channel == "assisted")
    if request.method == "POST" and "decline" in request.form:  # CSRF is checked for every POST before this
        services.decline(found)
        return redirect(_after_survey(report))
    if form.validate_on_submit():
        if services.record_answers(found, form.answers()):
            session[ANSWERED_SESSION] = report.reference
        return redirect(_after_survey(report))
    return _render_for_person(report, "satisfaction/questions.html", form=form)


def _after_survey(report) -> str:
    if report.channel == "assisted":
        return url_for("satisfaction.hand_back")
    return url_for("satisfaction.thank_you", reference=report.reference)


@bp.get("/survey/<reference>/thank-you")
@public
def thank_you(reference: str):
    """After an online survey: thanks, and the follow-up link to keep."""
    report = _report_or_404(reference)
    if report.channel != "self" or not services.may_answer_online(report):
        abort(404)
    link = services.follow_up_link(report)
    db.session.commit()
    answered = session.get(ANSWERED_SESSION) == report.reference
    return _render_for_person(report, "satisfaction/thank-you.html", link=link, answered=answered)


# ---------------------------------------------------------------- taking the tablet back


@bp.route("/survey/hand-back", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["SIGN_IN_RATE_LIMIT"], methods=["POST"])
@role_required(*CENTRE_ROLES)
def hand_back():
    reference = handover.handed_over_reference()
    if reference is None:
        return redirect(url_for("reports.list_reports"))
    report = services.submitted_report(reference)
    form = HandBackForm()
    if form.validate_on_submit():
        if accounts.verify_password(current_user, form.password.data):
            return _taken_back(reference)
        if handover.note_failed_attempt() >= current_app.config["HAND_BACK_MAX_ATTEMPTS"]:
            return _sign_out_after_failures(reference)
        form.password.errors.append(messages.HAND_BACK_PASSWORD_WRONG)
    context = {
        "survey_open": report is not None and services.immediate_survey_open(report),
        "answered": session.get(ANSWERED_SESSION) == reference,
    }
    return _render_for_person(report, "satisfaction/hand-back.html", form=form, **context)


def _taken_back(reference: str):
    handover.take_back()
    session.pop(ANSWERED_SESSION, None)
    audit.record("tablet_taken_back", "report", reference)
    db.session.commit()
    if "intake.submitted" in current_app.view_functions:
        return redirect(url_for("intake.submitted", reference=reference))
    return redirect(url_for("reports.view_report", reference=reference))


def _sign_out_after_failures(reference: str):
    audit.record("tablet_hand_back_failed", "report", reference)
    db.session.commit()
    logout_user()
    session.clear()
    flash(messages.HAND_BACK_SIGNED_OUT, "info")
    return redirect(url_for("auth.sign_in"))


# ---------------------------------------------------------------- the follow-up survey


@bp.route("/follow-up/<token>", methods=["GET", "POST"])
@limiter.limit(_follow_up_limit)
@public
def follow_up(token: str):
    found = services.find_follow_up(token)
    if found is None:
        return _render_for_person(None, "satisfaction/follow-up-not-found.html", status=404)
    state = services.follow_up_state(found)
    if state != "open":
        return _follow_up_closed(found, state)
    form = FollowUpForm()
    if form.validate_on_submit():
        services.record_answers(found, form.answers())
        return redirect(url_for("satisfaction.follow_up_thanks", lang=_survey_language(found.report)))
    return _render_for_person(found.report, "satisfaction/follow-up.html", form=form, invitation=found)


def _follow_up_closed(found, state: str):
    status = 200 if state == "not_yet" else 410
    return _render_for_person(found.report, "satisfaction/follow-up-closed.html", status, state=state, invitation=found)


@bp.get("/follow-up/thank-you")
@public
def follow_up_thanks():
    return render_template("satisfaction/follow-up-thanks.html")


# ---------------------------------------------------------------- results


def _results_request():
    form = presentation.results_form(db.session, request.args, current_user)
    if request.args and not form.validate():
        return form, None
    return form, presentation.selection(form, current_user)


@bp.get("/satisfaction/")
@role_required(*ROLES)
def results():
    form, chosen = _results_request()
    if chosen is None:
        return render_template("satisfaction/results.html", form=form, view=None)
    view = presentation.results_view(db.session, chosen, current_user)
    audit.record("satisfaction_results_viewed", detail=chosen.audit_detail())
    db.session.commit()
    return render_template("satisfaction/results.html", form=form, view=view)


@bp.get("/satisfaction/results.csv")
@role_required(*ROLES)
def results_csv():
    form, chosen = _results_request()
    if chosen is None:
        abort(400)
    text = presentation.results_csv(db.session, chosen, current_user)
    audit.record("satisfaction_results_exported", detail=chosen.audit_detail())
    db.session.commit()
    filename = f"satisfaction-{chosen.first.isoformat()}-to-{chosen.last.isoformat()}.csv"
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    return current_app.response_class(text, mimetype="text/csv", headers=headers)
