"""The "Check my report" code a person is given with their report: how it is made, written, read and stored.

A code is 80 random bits written as four groups of four Crockford base-32 characters (`7KQ2-M9XD-4PTA-WR3C`).
People copy it by hand, so reading it forgives case, spaces and hyphens, and Crockford's look-alikes
(I and L read as 1, O as 0). The database keeps only a keyed hash of the code bound to its report's
reference (HMAC-SHA256 under a key derived from the app's secret key), so a copy of the database opens
nothing and a code only ever opens the report it was made for.
"""

import hashlib
import hmac
import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base 32: no I, L, O or U
BITS = 80
LENGTH = BITS // 5  # 16 characters
GROUP = 4
_LOOK_ALIKES = str.maketrans({"I": "1", "L": "1", "O": "0"})
_SEPARATORS = re.compile(r"[\s\-‐-―]+")  # spaces and every kind of hyphen or dash
_PURPOSE = b"check-my-report:"


def new_code() -> str:
    """A fresh code, grouped for people: `7KQ2-M9XD-4PTA-WR3C`."""
    number = secrets.randbits(BITS)
    characters = "".join(ALPHABET[(number >> (5 * index)) & 31] for index in reversed(range(LENGTH)))
    return grouped(characters)


def grouped(characters: str) -> str:
    return "-".join(characters[start : start + GROUP] for start in range(0, len(characters), GROUP))


def normalise(text: str | None) -> str | None:
    """The code's 16 characters from what a person typed, or None when it cannot be a code."""
    compact = _SEPARATORS.sub("", (text or "").upper()).translate(_LOOK_ALIKES)
    if len(compact) != LENGTH or any(character not in ALPHABET for character in compact):
        return None
    return compact


def code_hash(secret_key: str | bytes, reference: str, code: str) -> str:
    """What is stored: HMAC-SHA256 of the normalised code and the report's reference, in hex.

    `code` may be typed any way `normalise` accepts; a code that cannot be one hashes to nothing that matches.
    """
    key = secret_key.encode() if isinstance(secret_key, str) else secret_key
    compact = normalise(code) or ""
    message = _PURPOSE + reference.upper().encode() + b":" + compact.encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def matches(secret_key: str | bytes, reference: str, code: str, stored: str | None) -> bool:
    """Whether `code` is the report's current code, compared in constant time."""
    if not stored or normalise(code) is None:
        return False
    return hmac.compare_digest(code_hash(secret_key, reference, code), stored)
