"""The person's own actions in "Check my report" (forms under /check, posted with CSRF, nothing personal in any
address): reply, add information, add evidence, agree to be contacted, change police consent, ask for erasure
or cancel it. Each page works only while this browser has the report open (reporting/check/services.py).
"""

from functools import wraps

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import RequestEntityTooLarge

from .. import messages
from ..access import public
from ..body_limits import body_limit
from ..cases import erasure
from ..domain import case_messages as rules
from ..extensions import limiter
from ..security import ensure_csp_nonce
from . import bp, person, services
from .person_forms import (
    ConfirmForm,
    ContactDetailsForm,
    InformationForm,
    PersonEvidenceForm,
    PoliceConsentForm,
    ReplyForm,
)
from .views import CODE_REPLACED, _check_limit

SENT = _l("Your message has been sent to the centre.")
ADDED = _l("What you added has been sent to the centre.")
FILES_ADDED = _l("Your file has been added to your report.")
CONTACT_SAVED = _l("Thank you. The centre can now contact you in the way you chose.")
CONSENT_SAVED = _l("Your choice about the police has been changed.")
ERASURE_ASKED = _l("You asked us to erase your personal details.")
ERASURE_CANCELLED = _l("You cancelled your request. Your personal details will not be erased.")
WRITING = {
    rules.MESSAGE: (ReplyForm, _l("Write to the centre"), SENT),
    rules.INFORMATION: (InformationForm, _l("Add information to your report"), ADDED),
}


def with_checked_report(view):
    """Pass in the report this browser has open; without one, back to /check (saying why if the code changed)."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        had_session = services.has_session()
        checked = services.checked_report()
        if checked is None:
            if had_session:
                flash(CODE_REPLACED, "info")
            return redirect(url_for("check.start"))
        return view(checked.report, *args, **kwargs)

    return wrapped


def _back_to_report(notice):
    flash(notice, "success")
    return redirect(url_for("check.your_report"), 303)


def _page(template: str, form, status: int | None = None, **context):
    return render_template(template, form=form, **context), status or (400 if form.errors else 200)


def _write(report, kind: str):
    form_class, heading, notice = WRITING[kind]
    form = form_class()
    if form.validate_on_submit():
        person.write(report, kind, form.text.data)
        return _back_to_report(notice)
    return _page("check/write.html", form, heading=heading, kind=kind)


@bp.route("/reply", methods=["GET", "POST"])
@limiter.limit(_check_limit, methods=["POST"])
@public
@with_checked_report
def reply(report):
    return _write(report, rules.MESSAGE)


@bp.route("/add-information", methods=["GET", "POST"])
@limiter.limit(_check_limit, methods=["POST"])
@public
@with_checked_report
def add_information(report):
    return _write(report, rules.INFORMATION)


@bp.route("/add-evidence", methods=["GET", "POST"])
@body_limit("person_evidence")
@limiter.limit(_check_limit, methods=["POST"])
@public
@with_checked_report
def add_evidence(report):
    added = person.evidence_added(report)
    form = PersonEvidenceForm(existing_files=added)
    if form.validate_on_submit():
        person.add_evidence(report, form.checked_files, form.text.data)
        return _back_to_report(FILES_ADDED)
    return _page("check/add-evidence.html", form, added=added)


@bp.errorhandler(RequestEntityTooLarge)
def files_too_large(error):
    """A file over the limit: the evidence page again with a message, not a bare error."""
    ensure_csp_nonce()
    if request.endpoint != "check.add_evidence" or services.checked_report() is None:
        return render_template("errors/413.html", error=error), 413
    form = PersonEvidenceForm(formdata=None)
    size = current_app.config["EVIDENCE_MAX_BYTES"] // (1024 * 1024)
    form.files.errors = [str(messages.EVIDENCE_REQUEST_TOO_BIG) % {"size": size}]
    return _page("check/add-evidence.html", form, 413, added=0)


@bp.route("/contact-details", methods=["GET", "POST"])
@limiter.limit(_check_limit, methods=["POST"])
@public
@with_checked_report
def contact_details(report):
    form = ContactDetailsForm()
    if form.validate_on_submit():
        person.give_contact_details(report, form.details())
        return _back_to_report(CONTACT_SAVED)
    return _page("check/contact-details.html", form)


@bp.route("/police-consent", methods=["GET", "POST"])
@limiter.limit(_check_limit, methods=["POST"])
@public
@with_checked_report
def police_consent(report):
    allowed = rules.consent_choices(report.police_consent, report.referrals)
    form = PoliceConsentForm(allowed=allowed)
    if allowed and form.validate_on_submit():
        person.change_police_consent(report, form.police_consent.data)
        return _back_to_report(CONSENT_SAVED)
    return _page("check/police-consent.html", form, report=report, allowed=allowed)


@bp.route("/erase", methods=["GET", "POST"])
@limiter.limit(_check_limit, methods=["POST"])
@public
@with_checked_report
def erase(report):
    form = ConfirmForm()
    if form.validate_on_submit():
        erasure.ask(report)
        return _back_to_report(ERASURE_ASKED)
    pending = erasure.pending_erasure(report)
    return _page("check/erase.html", form, pending=pending, days=current_app.config["ERASURE_COOLING_OFF_DAYS"])


@bp.post("/erase/cancel")
@limiter.limit(_check_limit)
@public
@with_checked_report
def cancel_erasure(report):
    if ConfirmForm().validate_on_submit() and erasure.cancel(report):
        flash(ERASURE_CANCELLED, "success")
    return redirect(url_for("check.your_report"), 303)
