"""The tablet hand-over: while the person answers the survey, the staff side of the app stays locked.

The volunteer hands the tablet over from the report's survey page. From then until they confirm
their password, the session holds the report's reference, and every request other than that
report's survey, the hand-back page, static files and the accessibility and privacy pages is
sent to the hand-back page. The flag lives in the signed session cookie, so it holds across
workers; signing out (or being signed out when idle) clears it with the rest of the session.
"""

from flask import redirect, request, session, url_for
from flask_login import current_user

from ..check.codes import forget_shown

HANDED_OVER = "tablet_handed_over"
FAILED_ATTEMPTS = "hand_back_failures"
SURVEY_ENDPOINTS = frozenset({"satisfaction.questions"})
OPEN_WHILE_HANDED_OVER = frozenset(
    {"static", "health.healthz", "pages.accessibility", "pages.privacy", "satisfaction.hand_back"}
)


def hand_over(reference: str) -> None:
    session[HANDED_OVER] = reference
    session.pop(FAILED_ATTEMPTS, None)


def handed_over_reference() -> str | None:
    return session.get(HANDED_OVER)


def take_back() -> None:
    """The volunteer has the tablet again: the person has gone, and so does their "Check my report" code."""
    reference = session.pop(HANDED_OVER, None)
    session.pop(FAILED_ATTEMPTS, None)
    if reference:
        forget_shown(reference)


def note_failed_attempt() -> int:
    session[FAILED_ATTEMPTS] = session.get(FAILED_ATTEMPTS, 0) + 1
    return session[FAILED_ATTEMPTS]


def _allowed(reference: str) -> bool:
    if request.endpoint in OPEN_WHILE_HANDED_OVER:
        return True
    return request.endpoint in SURVEY_ENDPOINTS and (request.view_args or {}).get("reference") == reference


def keep_tablet_locked():
    """Before every request: while the tablet is handed over, anything but the survey goes to the lock screen."""
    reference = handed_over_reference()
    if reference is None:
        return None
    if not current_user.is_authenticated:
        take_back()
        return None
    if _allowed(reference):
        return None
    return redirect(url_for("satisfaction.hand_back"))
