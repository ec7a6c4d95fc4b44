"""Protection of the public form: a rate limit per address, and a honeypot field.

The rate limit is checked in the view rather than by a decorator, so a person who trips it sees
the page again with what they typed and when to try again, not a bare error. The limits live in
Flask-Limiter's storage (memory by default, Redis with RATELIMIT_STORAGE_URI), so they hold across
workers. Bots fill in every field; people never see the honeypot (it is not displayed), so a
filled honeypot means nothing is stored. Request sizes are limited for every route by
`reporting.body_limits`.
"""

import math
import time
from dataclasses import dataclass

from flask import current_app, request
from limits import parse_many

from ..extensions import limiter

HONEYPOT = "website"


@dataclass(frozen=True)
class Limited:
    """A breached limit: how many minutes until the person can try again."""

    minutes: int


def is_bot() -> bool:
    return bool((request.form.get(HONEYPOT) or "").strip())


def check_rate(scope: str) -> Limited | None:
    """Count this request against the configured limit `scope` ("answers" or "start"); None if within it."""
    if not limiter.enabled:
        return None
    setting = current_app.config["SELF_REPORT_START_RATE_LIMIT" if scope == "start" else "SELF_REPORT_RATE_LIMIT"]
    address = request.remote_addr or "unknown"
    for item in parse_many(setting):
        if not limiter.limiter.hit(item, "self-report", scope, address):
            reset_at = limiter.limiter.get_window_stats(item, "self-report", scope, address).reset_time
            return Limited(minutes=max(1, math.ceil((reset_at - time.time()) / 60)))
    return None

