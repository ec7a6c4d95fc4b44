"""Administration: staff accounts and scheduled jobs (admins), and the audit trail (partnership unit and admins)."""

from flask import Blueprint

bp = Blueprint("admin", __name__)

from . import views  # noqa: E402,F401
