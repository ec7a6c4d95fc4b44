"""Views for the immediate survey (with the tablet hand-over), the follow-up survey and the results.

The immediate survey has two doors, each with its own access decision. An assisted report's
confirmation page links to `hand_over_page`, for the centre's staff: they hand the tablet over, the
person answers or declines, and the volunteer takes the tablet back with their password. A
self-report's confirmation page links to `start_survey`, public and open only to the browser that
made the report (see `services.on_report_submitted`); anyone else gets one page, whether the
reference is a report or not. The follow-up survey is public and reached only by its token.
"""

from babel import Locale
from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import force_locale
from flask_login import current_user, logout_user
from markupsafe import Markup

from .. import audit, messages
from ..access import ONLINE_SURVEY, SURVEY, SURVEY_HAND_OVER, find_report, public, role_required, with_report
from ..auth import services as accounts
from ..downloads import download
from ..extensions import db, limiter
from ..i18n import language_tag, shipped_languages
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


def _survey_not_open(reference: str):
    """One page for everyone who may not open a survey here, whether the reference is a report or not."""
    staff_url = url_for("satisfaction.hand_over_page", reference=reference)
    return render_template("satisfaction/survey-not-open.html", staff_url=staff_url), 404


@bp.get("/survey/<reference>")
@public
@with_report(ONLINE_SURVEY, allows=services.may_answer_online, not_found=_survey_not_open)
def start_survey(report):
    """The survey of a report made online, for the browser that made the report."""
    return redirect(url_for("satisfaction.questions", reference=report.reference))


@bp.get("/survey/<reference>/hand-over")
@role_required(*CENTRE_ROLES)
@with_report(SURVEY_HAND_OVER)
def hand_over_page(report):
    """The survey of an assisted report, for staff of its centre: hand the tablet over, or record a decline."""
    services.issue_follow_up(report)
    db.session.commit()
    return render_template("satisfaction/hand-over.html", report=report, open=services.immediate_survey_open(report))


@bp.post("/survey/<reference>/hand-over")
@role_required(*CENTRE_ROLES)
@with_report(SURVEY_HAND_OVER)
def hand_over(report):
    if not services.immediate_survey_open(report):
        flash(messages.SURVEY_CLOSED_ALREADY, "info")
        return redirect(url_for("satisfaction.hand_over_page", reference=report.reference))
    services.immediate_invitation(report)
    handover.hand_over(report.reference)
    audit.record("tablet_handed_over", "report", report.reference)
    db.session.commit()
    return redirect(url_for("satisfaction.questions", reference=report.reference))


@bp.post("/survey/<reference>/decline")
@role_required(*CENTRE_ROLES)
@with_report(SURVEY_HAND_OVER)
def decline(report):
    """The person told the volunteer they would rather not answer: one action, nothing recorded."""
    if services.decline(services.immediate_invitation(report)):
        flash(messages.SURVEY_DECLINED, "success")
    return redirect(url_for("satisfaction.hand_over_page", reference=report.reference))


def _may_answer(report) -> bool:
    """A report made online: the browser that made it. An assisted report: the tablet it was handed over on."""
    if report.channel == "self":
        return services.may_answer_online(report)
    return handover.handed_over_reference() == report.reference and _handed_over_by_its_centre(report)


def _handed_over_by_its_centre(report) -> bool:
    return find_report(current_user, report.reference, SURVEY_HAND_OVER) is not None


@bp.route("/survey/<reference>/questions", methods=["GET", "POST"])
@public
@with_report(SURVEY, allows=_may_answer)
def questions(report):
    """The person's survey: every question optional, "I do not want to answer" declines in one action."""
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
@with_report(ONLINE_SURVEY, allows=services.may_answer_online)
def thank_you(report):
    """After an online survey: thanks, and the follow-up link to keep."""
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
    report = find_report(current_user, reference, SURVEY_HAND_OVER)
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
    # The words for the person in their language; the volunteer's password prompt in the staff member's own.
    language = _survey_language(report)
    with force_locale(language):
        for_person = Markup(render_template("satisfaction/hand-back-person.html", report=report, **context))
    person = {"lang": language_tag(language), "dir": Locale.parse(language).text_direction}
    return render_template("satisfaction/hand-back.html", form=form, for_person=for_person, person=person)


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
    return download(text, filename, "text/csv")
