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

from ..failure_counts import FailureThrottle, Limit, address, keyed

SCOPE = "sign-in-failures"


def _email_key(email: str) -> str:
    return keyed("", email.strip().lower())


PER_ADDRESS = Limit("SIGN_IN_FAILURE_LIMIT", lambda email: (SCOPE, _email_key(email), address()))
EVERYWHERE = Limit("SIGN_IN_ACCOUNT_FAILURE_LIMIT", lambda email: (SCOPE, _email_key(email)))
THROTTLE = FailureThrottle(PER_ADDRESS, EVERYWHERE)


def is_throttled(email: str) -> bool:
    """True when this email has had too many failed sign-ins from this address, or from everywhere."""
    return THROTTLE.is_throttled(email)


def note_failure(email: str) -> None:
    THROTTLE.note_failure(email)


def forget_failures(email: str) -> None:
    """After a successful sign-in, this address starts afresh; the count over every address stays."""
    THROTTLE.forget(email, PER_ADDRESS)


def wait_minutes() -> int:
    """The longest window of the per-address limit: how long someone throttled from here may have to wait."""
    return THROTTLE.wait_minutes(PER_ADDRESS)
