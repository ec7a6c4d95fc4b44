"""The follow-up survey's one-time token: how it is made, how it is stored, and when it works.

A token is derived from a random salt and the app's secret key (HMAC-SHA256), so the app can
print the same link again on a later receipt while the database keeps only the salt and the
token's SHA-256 hash. Neither alone gives a working link. The link opens from a number of days
after the report was made and stays open for a number of days; it works once.
"""

import base64
import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

NOT_YET, OPEN, USED, EXPIRED = "not_yet", "open", "used", "expired"
_PURPOSE = b"follow-up-survey:"


def new_salt() -> str:
    return secrets.token_urlsafe(32)


def derive_token(secret_key: str | bytes, salt: str) -> str:
    """The URL-safe token (43 characters) for `salt` under `secret_key`."""
    key = secret_key.encode() if isinstance(secret_key, str) else secret_key
    digest = hmac.new(key, _PURPOSE + salt.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def token_hash(token: str) -> str:
    """What is stored and looked up: the SHA-256 of the token, in hex."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def validity(reported_at: datetime, after_days: int, for_days: int) -> tuple[datetime, datetime]:
    """When the link opens and when it closes, for a report made at `reported_at`."""
    opens = reported_at + timedelta(days=after_days)
    return opens, opens + timedelta(days=for_days)


def token_state(valid_from: datetime, expires_at: datetime, closed_at: datetime | None, now: datetime) -> str:
    """`used` once answered, else `not_yet` before it opens, `expired` from when it closes, else `open`."""
    if closed_at is not None:
        return USED
    if now < valid_from:
        return NOT_YET
    if now >= expires_at:
        return EXPIRED
    return OPEN
