"""Throttling password guesses at sign-in without letting anyone lock an account's owner out.

Failed sign-ins are counted in Flask-Limiter's storage (memory by default, Redis with RATELIMIT_STORAGE_URI,
so the counts hold across workers), under the email typed whether or not it has an account, so a known and
an unknown email behave alike:

- per email and client address (`SIGN_IN_FAILURE_LIMIT`, 5 per 15 minutes): guesses from one address stop
  there, while the owner, on the centre's tablet at another address, signs in as usual;
- per email from every address together (`SIGN_IN_ACCOUNT_FAILURE_LIMIT`, 50 an hour): a cap on guessing
  spread over many addresses, which no single address can reach alone (it is stopped at 20 an hour).

Every request to sign in is also limited per address (`SIGN_IN_RATE_LIMIT`, on the view). Emails are
counted by a keyed hash, so the limiter's storage holds no email address.
"""

import hashlib
import hmac

from flask import current_app, request
from limits import RateLimitItem, parse_many

from ..extensions import limiter

SCOPE = "sign-in-failures"


def is_throttled(email: str) -> bool:
    """True when this email has had too many failed sign-ins from this address, or from everywhere."""
    if not limiter.enabled:
        return False
    return not all(limiter.limiter.test(item, *keys) for item, keys in _limits(email))


def note_failure(email: str) -> None:
    if limiter.enabled:
        for item, keys in _limits(email):
            limiter.limiter.hit(item, *keys)


def forget_failures(email: str) -> None:
    """After a successful sign-in, this address starts afresh; the count over every address stays."""
    if limiter.enabled:
        for item in parse_many(current_app.config["SIGN_IN_FAILURE_LIMIT"]):
            limiter.limiter.clear(item, *_per_address(email))


def wait_minutes() -> int:
    """The longest window of the per-address limit: how long someone throttled from here may have to wait."""
    windows = [item.get_expiry() for item in parse_many(current_app.config["SIGN_IN_FAILURE_LIMIT"])]
    return max(1, max(windows, default=60) // 60)


def _limits(email: str) -> list[tuple[RateLimitItem, tuple[str, ...]]]:
    config = current_app.config
    per_address = [(item, _per_address(email)) for item in parse_many(config["SIGN_IN_FAILURE_LIMIT"])]
    everywhere = [(item, (SCOPE, _email_key(email))) for item in parse_many(config["SIGN_IN_ACCOUNT_FAILURE_LIMIT"])]
    return per_address + everywhere


def _per_address(email: str) -> tuple[str, ...]:
    return SCOPE, _email_key(email), request.remote_addr or "unknown"


def _email_key(email: str) -> str:
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, email.strip().lower().encode(), hashlib.sha256).hexdigest()[:32]
