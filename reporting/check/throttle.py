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

from ..failure_counts import FailureThrottle, Limit, address, keyed

SCOPE = "check-code-failures"

PER_REFERENCE_AND_ADDRESS = Limit(
    "CHECK_REFERENCE_FAILURE_LIMIT", lambda reference: (SCOPE, keyed("check:", reference), address())
)
PER_ADDRESS = Limit("CHECK_ADDRESS_FAILURE_LIMIT", lambda _reference: (SCOPE, address()))
THROTTLE = FailureThrottle(PER_REFERENCE_AND_ADDRESS, PER_ADDRESS)


def is_throttled(reference: str) -> bool:
    return THROTTLE.is_throttled(reference)


def note_failure(reference: str) -> None:
    THROTTLE.note_failure(reference)


def wait_minutes() -> int:
    return THROTTLE.wait_minutes()
