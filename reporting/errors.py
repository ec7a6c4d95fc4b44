"""Error pages: every error answers with a page in the person's language, never a stack trace."""

import logging

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from .extensions import db

log = logging.getLogger(__name__)

TEMPLATES = {400: "errors/400.html", 403: "errors/403.html", 404: "errors/404.html", 429: "errors/429.html"}


def _http_error(error: HTTPException):
    template = TEMPLATES.get(error.code, "errors/other.html")
    return render_template(template, error=error), error.code


def _csrf_error(error: CSRFError):
    return render_template("errors/csrf.html", error=error), 400


def _unexpected_error(error: Exception):
    log.exception("unexpected error: %s", type(error).__name__)
    db.session.rollback()
    return render_template("errors/500.html"), 500


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)
