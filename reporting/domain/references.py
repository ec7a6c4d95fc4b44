"""Report references: short, unambiguous, random, with a check character.

A reference looks like `HR-7K3M-Q9XC`: seven random characters from an alphabet without the
look-alikes 0/O, 1/I/L and U/V, then one check character, so a mistyped reference is caught
before any look-up. References are drawn from `secrets`, never from a sequence.
"""

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
PREFIX = "HR"
RANDOM_LENGTH = 7
_PATTERN = re.compile(rf"^{PREFIX}-([{ALPHABET}]{{4}})-([{ALPHABET}]{{4}})$")
_SEPARATORS = re.compile(r"[\s\-]")
_VALUES = {char: value for value, char in enumerate(ALPHABET)}


def check_character(body: str) -> str:
    """A weighted checksum over the body; catches any single substitution or adjacent swap."""
    base = len(ALPHABET)
    total = sum(weight * _VALUES[char] for weight, char in enumerate(body, start=1))
    return ALPHABET[total % base]


def new_reference() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    full = body + check_character(body)
    return f"{PREFIX}-{full[:4]}-{full[4:]}"


def normalise_reference(text: str) -> str:
    """Upper-case, strip spaces, and put the dashes back where a person left them out."""
    compact = _SEPARATORS.sub("", (text or "").upper())
    if compact.startswith(PREFIX):
        compact = compact[len(PREFIX) :]
    if len(compact) != RANDOM_LENGTH + 1:
        return (text or "").strip().upper()
    return f"{PREFIX}-{compact[:4]}-{compact[4:]}"


def is_valid_reference(text: str) -> bool:
    match = _PATTERN.match(text or "")
    if not match:
        return False
    body = match.group(1) + match.group(2)
    return check_character(body[:-1]) == body[-1]
