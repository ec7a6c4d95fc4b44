"""Staff sessions: loading the signed-in user, and ending sessions.

A session ends after inactivity (tablets are shared), at an absolute lifetime however busy, and at
sign-out everywhere at once. Pages warn two minutes before the idle limit (static/js/session-timeout.js)
and can keep the session going. A form posted to a capability that keeps answers (the assisted report)
after its session has ended is held for the same user, who finds it saved after signing in again.
"""

import time
from collections.abc import Callable

from flask import current_app, flash, g, has_request_context, redirect, request, session, url_for
from flask_login import current_user, login_user, logout_user

from .. import messages
from ..extensions import db, login_manager
from ..models import User
from . import bp, services

login_manager.login_view = "auth.sign_in"
login_manager.login_message = None
login_manager.session_protection = "basic"

LAST_SEEN = "last_seen"
SIGNED_IN_AT = "signed_in_at"
# The last-seen time is written again only once it is this many seconds old, not on every request (each
# write signs and sends the session cookie again). The idle limit is counted from the time written, plus
# this step, so a session never ends before its limit; it may end up to this much after it.
LAST_SEEN_STEP = 30
# Pages warn this long before the idle limit, as the GOV.UK timeout warning pattern does.
WARNING_SECONDS = 120
# Posted with a form by the timeout script when its clock says the session has ended, so that what was typed
# is kept for the volunteer rather than lost when the page is left.
SESSION_ENDED_FIELD = "session_ended"
# After an idle sign-out the next person on a shared tablet signs in afresh: they are not taken
# back into a report that was being taken (held answers go back only to the person who typed them).
NO_RETURN_BLUEPRINTS = {"intake"}
NOT_COUNTED = {"static", "health.healthz"}

# Endpoint -> keeper(user) that holds what was posted after the session ended; True when it kept something.
ANSWER_KEEPERS: dict[str, Callable[[User], bool]] = {}
# Called after each sign-in with the user; the first address returned is where they are taken.
SIGN_IN_RESUMERS: list[Callable[[User], str | None]] = []


def now() -> float:
    return time.time()


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """The session holds `id:token`; a changed token (sign-out, deactivation, new password) ends the session."""
    identifier, _, token = user_id.partition(":")
    if not identifier.isdigit():
        return None
    user = db.session.get(User, int(identifier))
    if user is None or not user.active or user.session_token != token:
        return None
    return user


def start(user: User) -> None:
    """A new session on sign-in (no fixation), stamped with when it started."""
    session.clear()
    login_user(user)
    session[SIGNED_IN_AT] = session[LAST_SEEN] = now()


def end_everywhere(user: User) -> None:
    """Sign out here, and end every copy of this session (a copied cookie carries the old token)."""
    services.new_session_token(user)
    db.session.commit()
    logout_user()
    session.clear()


def resume_url(user: User) -> str | None:
    """Where the user goes after signing in when something of theirs is waiting (held answers), else None."""
    found = [resumer(user) for resumer in SIGN_IN_RESUMERS]
    return next((url for url in found if url), None)


def keep_alive() -> None:
    """The person chose to stay signed in: the idle limit counts from now."""
    session[LAST_SEEN] = now()


@bp.before_app_request
def end_expired_sessions():
    if request.endpoint in NOT_COUNTED or not current_user.is_authenticated:
        return None
    moment = now()
    reason = _why_ended(moment)
    if reason is not None:
        return _sign_out_ended(reason)
    if LAST_SEEN not in session or moment - session[LAST_SEEN] >= LAST_SEEN_STEP:
        session[LAST_SEEN] = moment
    return None


def _why_ended(moment: float):
    """The message to show when this session has ended, or None while it goes on."""
    config = current_app.config
    if moment - session.get(SIGNED_IN_AT, 0) > config["SESSION_MAX_HOURS"] * 3600:
        return messages.SIGNED_OUT_MAX_AGE
    idle = moment - session.get(LAST_SEEN, moment) > config["SESSION_IDLE_MINUTES"] * 60 + LAST_SEEN_STEP
    if idle or (request.method == "POST" and request.form.get(SESSION_ENDED_FIELD)):
        return messages.SIGNED_OUT_IDLE
    return None


def _sign_out_ended(reason):
    kept = _keep_posted_answers()
    logout_user()
    session.clear()
    flash(reason, "info")
    if kept:
        flash(messages.ANSWERS_KEPT, "info")
    return redirect(url_for("auth.sign_in", next=_return_path()))


def _keep_posted_answers() -> bool:
    keeper = ANSWER_KEEPERS.get(request.endpoint) if request.method == "POST" else None
    return bool(keeper and keeper(current_user._get_current_object()))


def session_timeout():
    """What the timeout warning needs on a signed-in page: the idle limit and the time left before the absolute one."""
    if not has_request_context() or not current_user.is_authenticated:  # documents rendered by commands
        return {"session_timeout": None}
    config = current_app.config
    left = config["SESSION_MAX_HOURS"] * 3600 - (now() - session.get(SIGNED_IN_AT, now()))
    return {
        "session_timeout": {
            "idle_seconds": int(config["SESSION_IDLE_MINUTES"] * 60),
            "max_seconds_left": max(0, int(left)),
            "warning_seconds": WARNING_SECONDS,
            "warning_minutes": WARNING_SECONDS // 60,
        }
    }


@bp.teardown_app_request
def forget_loaded_user(error=None) -> None:
    """Load the user afresh on every request, even where an app context outlives a request (tests, CLI)."""
    g.pop("_login_user", None)


def _return_path() -> str | None:
    if request.method != "GET" or request.blueprint in NO_RETURN_BLUEPRINTS:
        return None
    return request.path
