""""Check my report": the page that takes a reference and code, and the person's own view of their report."""

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l

from ..access import public
from ..extensions import db, limiter
from . import bp, person, services, throttle
from .forms import CheckForm

NO_MATCH = _l("The reference number and code do not match a report. Check both and try again.")
LEFT = _l("You have left your report. To see it again, enter your reference number and code.")
CODE_REPLACED = _l("This code no longer opens the report: a new code has been given. Use the new code.")


def _check_limit() -> str:
    return current_app.config["CHECK_RATE_LIMIT"]


@bp.before_request
def _end_idle_check():
    """A report left open and unused here for the idle time closes, as a report made online does."""
    if services.went_idle():
        services.end()
        return render_template("check/ended.html")
    return None


@bp.route("", methods=["GET", "POST"])
@limiter.limit(_check_limit, methods=["POST"])
@public
def start():
    form = CheckForm()
    if form.validate_on_submit():
        outcome = services.open_report(form.reference.data, form.code.data)
        if outcome == services.OPENED:
            return redirect(url_for("check.your_report"))
        if outcome == services.THROTTLED:
            return render_template("check/too-many.html", wait=throttle.wait_minutes()), 429
        form.code.errors.append(NO_MATCH)
    status = 400 if form.errors else 200
    return render_template("check/start.html", form=form), status


@bp.get("/report")
@public
def your_report():
    had_session = services.has_session()
    checked = services.checked_report()
    if checked is None:
        if had_session:
            flash(CODE_REPLACED, "info")
        return redirect(url_for("check.start"))
    report = checked.report
    context = {
        "contact_centre": services.contact_centre(report),
        "events": checked.events,
        "survey": services.follow_up_survey(report),
    }
    db.session.commit()  # the follow-up survey's invitation, if this was the first time it was asked for
    return render_template("check/report.html", report=report, **context, **person.view_context(report))


@bp.post("/leave")
@public
def leave():
    services.end()
    flash(LEFT, "info")
    return redirect(url_for("check.start"))

