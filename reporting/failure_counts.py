"""Counting failed tries (wrong passwords, wrong follow-up codes) in Flask-Limiter's storage, so that guessing
stops without anyone being able to lock the owner out.

Each throttle counts a subject (an email, a report's reference) under one or more limits, each limit read from a
setting and kept under its own keys: per subject and client address, per address alone, or per subject from
every address. The storage is memory by default and Redis with `RATELIMIT_STORAGE_URI`, so counts hold across
workers. Subjects are kept as a keyed hash: the storage holds no email or reference.
"""

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass

from flask import current_app, request
from limits import RateLimitItem, parse_many

from .extensions import limiter


def keyed(purpose: str, subject: str) -> str:
    """A subject as the storage keeps it: HMAC-SHA256 under the app's secret key, cut to 32 hex characters."""
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, purpose.encode() + subject.encode(), hashlib.sha256).hexdigest()[:32]


def address() -> str:
    return request.remote_addr or "unknown"


@dataclass(frozen=True)
class Limit:
    """One limit of a throttle: the setting that holds it ("5 per 15 minutes") and the keys it counts under."""

    setting: str
    keys: Callable[[str], tuple[str, ...]]


class FailureThrottle:
    def __init__(self, *limits: Limit):
        self.limits = limits

    def _items(self, subject: str, limits=None) -> list[tuple[RateLimitItem, tuple[str, ...]]]:
        config = current_app.config
        chosen = limits or self.limits
        return [(item, limit.keys(subject)) for limit in chosen for item in parse_many(config[limit.setting])]

    def is_throttled(self, subject: str) -> bool:
        """True when any limit has been reached for this subject (from here)."""
        if not limiter.enabled:
            return False
        return not all(limiter.limiter.test(item, *keys) for item, keys in self._items(subject))

    def note_failure(self, subject: str) -> None:
        if limiter.enabled:
            for item, keys in self._items(subject):
                limiter.limiter.hit(item, *keys)

    def forget(self, subject: str, limit: Limit) -> None:
        """Start `limit` afresh for this subject (after a success), leaving the others counting."""
        if limiter.enabled:
            for item, keys in self._items(subject, (limit,)):
                limiter.limiter.clear(item, *keys)

    def wait_minutes(self, *limits: Limit) -> int:
        """The longest window of `limits` (all by default): how long someone refused may have to wait."""
        settings = [limit.setting for limit in limits or self.limits]
        windows = [item.get_expiry() for setting in settings for item in parse_many(current_app.config[setting])]
        return max(1, max(windows, default=60) // 60)
