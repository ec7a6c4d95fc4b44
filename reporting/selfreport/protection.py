"""Protection of the public form: rate limits per browser session and per address, and a honeypot field.

Each limit is counted twice: for this browser session (a random id kept in the session cookie), with
the tight limits `SELF_REPORT_START_RATE_LIMIT` and `SELF_REPORT_RATE_LIMIT`, and for the address, with
the generous `SELF_REPORT_ADDRESS_START_RATE_LIMIT` and `SELF_REPORT_ADDRESS_RATE_LIMIT`, because many
people may share one address (a library's Wi-Fi, a phone network) while one person rarely starts more
than a few reports. A script that drops its cookie to get a new session each time still meets the
address limits. The address is the client's as corrected for trusted proxies (see `reporting.proxies`).

The limits are checked in the view rather than by a decorator, so a person who trips one sees the
page again with what they typed, when to try again and other ways to report, not a bare error. The
counts live in Flask-Limiter's storage (memory by default, Redis with RATELIMIT_STORAGE_URI), so they
hold across workers. Bots fill in every field; people never see the honeypot (it is not displayed),
so a filled honeypot means nothing is stored. Request sizes are limited for every route by
`reporting.body_limits`.
"""

import math
import secrets
import time
from dataclasses import dataclass

from flask import current_app, request, session
from limits import parse_many

from ..extensions import limiter

HONEYPOT = "website"
SESSION_ID = "self_report_browser"

# What a request counts against: (per-session setting, per-address setting, the counter both are kept in).
# Sending the report from check your answers counts as an answer; its scope only changes the message.
SCOPES = {
    "start": ("SELF_REPORT_START_RATE_LIMIT", "SELF_REPORT_ADDRESS_START_RATE_LIMIT", "start"),
    "answers": ("SELF_REPORT_RATE_LIMIT", "SELF_REPORT_ADDRESS_RATE_LIMIT", "answers"),
    "send": ("SELF_REPORT_RATE_LIMIT", "SELF_REPORT_ADDRESS_RATE_LIMIT", "answers"),
    # Each file sent to a report counts once, kept or refused (`cost`).
    "upload": ("SELF_REPORT_UPLOAD_RATE_LIMIT", "SELF_REPORT_ADDRESS_UPLOAD_RATE_LIMIT", "upload"),
}


@dataclass(frozen=True)
class Limited:
    """A breached limit: what was refused ("start", "answers", "send" or "upload"), whether the limit is the one
    shared by everyone at the address, and how many minutes until the person can try again."""

    minutes: int
    scope: str = "answers"
    shared: bool = False


def is_bot() -> bool:
    return bool((request.form.get(HONEYPOT) or "").strip())


def browser_session_id() -> str:
    """This browser session's random id, made the first time it is needed."""
    if not isinstance(session.get(SESSION_ID), str):
        session[SESSION_ID] = secrets.token_urlsafe(16)
    return session[SESSION_ID]


def check_rate(scope: str, cost: int = 1) -> Limited | None:
    """Count this request (as `cost` hits) against the limits of `scope` ("start", "answers", "send" or "upload");
    None if within them."""
    if not limiter.enabled:
        return None
    session_setting, address_setting, counter = SCOPES[scope]
    config = current_app.config
    minutes = _hit(config[session_setting], counter, "session", browser_session_id(), cost)
    if minutes:
        return Limited(minutes=minutes, scope=scope)
    minutes = _hit(config[address_setting], counter, "address", request.remote_addr or "unknown", cost)
    return Limited(minutes=minutes, scope=scope, shared=True) if minutes else None


def _hit(setting: str, counter: str, kind: str, key: str, cost: int = 1) -> int | None:
    """Count `cost` hits under each limit of `setting`; the minutes until the first one breached resets, or None."""
    for item in parse_many(setting):
        if not limiter.limiter.hit(item, "self-report", counter, kind, key, cost=cost):
            reset_at = limiter.limiter.get_window_stats(item, "self-report", counter, kind, key).reset_time
            return max(1, math.ceil((reset_at - time.time()) / 60))
    return None
