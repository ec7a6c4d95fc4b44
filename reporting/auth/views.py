"""Sign-in and sign-out pages."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import ngettext
from flask_login import current_user

from .. import audit, messages
from ..access import public, role_required
from ..extensions import db, limiter
from ..models import ROLES
from ..security import safe_next
from . import bp, services, sessions, throttle
from .forms import SignInForm


def _sign_in_limit() -> str:
    return current_app.config["SIGN_IN_RATE_LIMIT"]


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(_sign_in_limit, methods=["POST"])
@public
def sign_in():
    if current_user.is_authenticated:
        return redirect(url_for("reports.list_reports"))
    form = SignInForm()
    if form.validate_on_submit():
        error = _attempt_sign_in(form.email.data, form.password.data)
        if error is None:
            held = sessions.resume_url(current_user._get_current_object())
            return redirect(held or safe_next(request.args.get("next"), url_for("reports.list_reports")))
        form.email.errors.append(error)
    return render_template("auth/sign-in.html", form=form)


def _attempt_sign_in(email: str, password: str):
    """Sign the user in and return None, or return the message to show.

    Known and unknown emails answer alike: the same message, a password hash checked every time (also when
    throttled), and failures counted per email whether or not it has an account."""
    user = services.find_user(email)
    throttled = throttle.is_throttled(email)
    correct = services.verify_password(user, password)
    if throttled or not correct or not user.active:
        if not throttled:
            throttle.note_failure(email)
        action = "sign_in_throttled" if throttled else "sign_in_failed"
        audit.record(action, "user", getattr(user, "id", None), user=user)
        db.session.commit()
        return _failure_message()
    services.note_sign_in(user, password)
    throttle.forget_failures(email)
    sessions.start(user)
    audit.record("sign_in", "user", user.id, user=user)
    db.session.commit()
    return None


def _failure_message() -> str:
    minutes = throttle.wait_minutes()
    return ngettext(
        "The email address or password is not right, or there have been too many attempts to sign in. "
        "Check them and try again, or wait %(num)d minute.",
        "The email address or password is not right, or there have been too many attempts to sign in. "
        "Check them and try again, or wait %(num)d minutes.",
        minutes,
    )


@bp.post("/sign-out")
@role_required(*ROLES)
def sign_out():
    audit.record("sign_out", "user", current_user.id)
    sessions.end_everywhere(current_user._get_current_object())
    flash(messages.SIGNED_OUT, "success")
    return redirect(url_for("auth.sign_in"))


@bp.post("/session/keep-alive")
@role_required(*ROLES)
def keep_alive():
    """'Stay signed in' on the timeout warning: the idle limit counts from now. Answers 204, no page."""
    sessions.keep_alive()
    return "", 204
