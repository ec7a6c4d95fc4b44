"""Loading the signed-in user, and ending sessions after inactivity (tablets are shared)."""

import time

from flask import current_app, flash, g, redirect, request, session, url_for
from flask_login import current_user, logout_user

from .. import messages
from ..extensions import db, login_manager
from ..models import User
from . import bp

login_manager.login_view = "auth.sign_in"
login_manager.login_message = None
login_manager.session_protection = "basic"

LAST_SEEN = "last_seen"
# The last-seen time is written again only once it is this many seconds old, not on every request (each
# write signs and sends the session cookie again). The idle limit is counted from the time written, plus
# this step, so a session never ends before its limit; it may end up to this much after it.
LAST_SEEN_STEP = 30
# After an idle sign-out the next person on a shared tablet signs in afresh: they are not taken
# back into a report that was being taken.
NO_RETURN_BLUEPRINTS = {"intake"}


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """The session holds `id:token`; a changed token (deactivation, new password) ends the session."""
    identifier, _, token = user_id.partition(":")
    if not identifier.isdigit():
        return None
    user = db.session.get(User, int(identifier))
    if user is None or not user.active or user.session_token != token:
        return None
    return user


@bp.before_app_request
def end_idle_sessions():
    if request.endpoint in ("static", "health.healthz") or not current_user.is_authenticated:
        return None
    now = time.time()
    idle_limit = current_app.config["SESSION_IDLE_MINUTES"] * 60
    last_seen = session.get(LAST_SEEN, now)
    if now - last_seen > idle_limit + LAST_SEEN_STEP:
        logout_user()
        session.clear()
        flash(messages.SIGNED_OUT_IDLE, "info")
        return redirect(url_for("auth.sign_in", next=_return_path()))
    if LAST_SEEN not in session or now - last_seen >= LAST_SEEN_STEP:
        session[LAST_SEEN] = now
    return None


@bp.teardown_app_request
def forget_loaded_user(error=None) -> None:
    """Load the user afresh on every request, even where an app context outlives a request (tests, CLI)."""
    g.pop("_login_user", None)


def _return_path() -> str | None:
    if request.method != "GET" or request.blueprint in NO_RETURN_BLUEPRINTS:
        return None
    return request.path
