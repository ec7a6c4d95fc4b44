"""`GET /healthz`: is the app up and can it reach its database."""

from flask import Blueprint

bp = Blueprint("health", __name__)

from . import views  # noqa: E402,F401
