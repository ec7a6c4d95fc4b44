"""Sign-in and sign-out pages."""

import time

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user

from .. import audit, messages
from ..access import public, role_required
from ..extensions import db, limiter
from ..models import ROLES
from ..pages.views import safe_next
from . import bp, services
from .forms import SignInForm
from .sessions import LAST_SEEN


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
            return redirect(safe_next(request.args.get("next"), url_for("reports.list_reports")))
        form.email.errors.append(error)
    return render_template("auth/sign-in.html", form=form)


def _attempt_sign_in(email: str, password: str):
    """Sign the user in and return None, or return the message to show."""
    user = services.find_user(email)
    if user is not None and services.is_locked(user):
        audit.record("sign_in_refused_locked", "user", user.id, user=user)
        db.session.commit()
        return messages.ACCOUNT_LOCKED
    if not services.verify_password(user, password) or not user.active:
        if user is not None:
            services.note_failed_sign_in(user)
        audit.record("sign_in_failed", "user", getattr(user, "id", None), user=user)
        db.session.commit()
        return messages.SIGN_IN_FAILED
    services.note_sign_in(user, password)
    session.clear()  # a new session on sign-in: no fixation
    login_user(user)
    session[LAST_SEEN] = time.time()
    audit.record("sign_in", "user", user.id, user=user)
    db.session.commit()
    return None


@bp.post("/sign-out")
@role_required(*ROLES)
def sign_out():
    audit.record("sign_out", "user", current_user.id)
    db.session.commit()
    logout_user()
    session.clear()
    flash(messages.SIGNED_OUT, "success")
    return redirect(url_for("auth.sign_in"))
