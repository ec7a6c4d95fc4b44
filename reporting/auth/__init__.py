"""Staff sign-in and sign-out, sessions that end after inactivity, and account rules."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from . import sessions, views  # noqa: E402,F401
