"""Error pages: every error answers with a page in the person's language, never a stack trace."""

import logging
import traceback

from flask import Flask, g, render_template
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DisconnectionError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from .access import public
from .extensions import db, login_manager
from .security import ensure_csp_nonce

log = logging.getLogger(__name__)

TEMPLATES = {
    400: "errors/400.html",
    403: "errors/403.html",
    404: "errors/404.html",
    413: "errors/413.html",
    429: "errors/429.html",
}


def _http_error(error: HTTPException):
    ensure_csp_nonce()
    template = TEMPLATES.get(error.code, "errors/other.html")
    return render_template(template, error=error), error.code


@public
def _request_too_large():
    """The page of a body over its limit, for the proxy in front: nginx refuses such a body itself (before the app
    could read a byte of it) and asks for this page in its place (`error_page 413`, deploy/nginx/reporting.conf), so
    the person gets the same words, in their language, as when the app refuses it."""
    ensure_csp_nonce()
    return render_template(TEMPLATES[413]), 413


def _csrf_error(error: CSRFError):
    ensure_csp_nonce()
    return render_template("errors/csrf.html", error=error), 400


def _where(error: Exception) -> str:
    """Where the error happened, frame by frame, without the message or values (they may hold personal details)."""
    frames = traceback.extract_tb(error.__traceback__)
    return " <- ".join(f"{frame.filename.rsplit('/', 2)[-1]}:{frame.lineno} {frame.name}" for frame in reversed(frames))


def _changed_meanwhile(error: StaleDataError):
    db.session.rollback()
    return render_template("errors/409.html"), 409


def _unexpected_error(error: Exception):
    log.error("unexpected error: %s at %s", type(error).__name__, _where(error))
    db.session.rollback()
    if isinstance(error, OperationalError | DisconnectionError):
        # The page must render without the database: show it as to someone not signed in.
        if "_login_user" not in g:
            g._login_user = login_manager.anonymous_user()
        return render_template("errors/503.html"), 503
    return render_template("errors/500.html"), 500


def init_app(app: Flask) -> None:
    app.add_url_rule("/request-too-large", "request_too_large", _request_too_large)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(StaleDataError, _changed_meanwhile)
    app.register_error_handler(Exception, _unexpected_error)
