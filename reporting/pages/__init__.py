"""Public pages: the start page, accessibility statement, privacy notice and language choice."""

from flask import Blueprint

bp = Blueprint("pages", __name__)

from . import views  # noqa: E402,F401
