"""Throttling wrong follow-up codes at `/check` without letting anyone lock the person out.

Wrong tries are counted in Flask-Limiter's storage (memory by default, Redis in production), so the counts hold
across workers:

- per reference and client address (`CHECK_REFERENCE_FAILURE_LIMIT`, 5 an hour): guessing one report's code
  from one address stops there;
- per client address (`CHECK_ADDRESS_FAILURE_LIMIT`, 10 an hour): guessing across many references stops too.

Nothing is counted per reference alone, so tries from elsewhere never stop the person, who may come from
another address. A code has 80 random bits: at these rates guessing is hopeless anyway. References are kept in
the storage as a keyed hash.
"""

import hashlib
import hmac

from flask import current_app, request
from limits import RateLimitItem, parse_many

from ..extensions import limiter

SCOPE = "check-code-failures"


def _reference_key(reference: str) -> str:
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, b"check:" + reference.encode(), hashlib.sha256).hexdigest()[:32]


def _limits(reference: str) -> list[tuple[RateLimitItem, tuple[str, ...]]]:
    config = current_app.config
    address = request.remote_addr or "unknown"
    reference_key = _reference_key(reference)
    per_reference = [
        (item, (SCOPE, reference_key, address)) for item in parse_many(config["CHECK_REFERENCE_FAILURE_LIMIT"])
    ]
    per_address = [(item, (SCOPE, address)) for item in parse_many(config["CHECK_ADDRESS_FAILURE_LIMIT"])]
    return per_reference + per_address


def is_throttled(reference: str) -> bool:
    if not limiter.enabled:
        return False
    return not all(limiter.limiter.test(item, *keys) for item, keys in _limits(reference))


def note_failure(reference: str) -> None:
    if limiter.enabled:
        for item, keys in _limits(reference):
            limiter.limiter.hit(item, *keys)


def wait_minutes() -> int:
    config = current_app.config
    limits = (config["CHECK_REFERENCE_FAILURE_LIMIT"], config["CHECK_ADDRESS_FAILURE_LIMIT"])
    windows = [item.get_expiry() for text in limits for item in parse_many(text)]
    return max(1, max(windows, default=3600) // 60)
