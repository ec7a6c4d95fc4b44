"""Satisfaction: the immediate survey after a report, the follow-up survey by one-time link, and the results.

`results.py` computes the figures (no Flask), `services.py` invites and records, `handover.py`
keeps the staff side locked while the person holds the tablet, and `views.py` serves the pages.
Templates can print a report's follow-up link and QR code with `follow_up_link(report)` (a template global).
"""

from flask import Blueprint

bp = Blueprint("satisfaction", __name__)
_hooks_added = []


def blueprint() -> Blueprint:
    """The blueprint with its views, loaded when the app is built (not when the models are), so that
    importing the model layer never pulls in views, forms and access control half-way through."""
    from . import handover, views  # noqa: F401

    if not _hooks_added:
        bp.before_app_request(handover.keep_tablet_locked)
        _hooks_added.append(True)
    return bp
