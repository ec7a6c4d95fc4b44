"""Giving a report its "Check my report" code, and holding the clear code only where the person is.

The code lives (encrypted) in the session of whoever is with the person: their own browser for a report made
online, the volunteer's tablet for an assisted one. It goes with Exit this page and the idle close (which
empty the session), with the tablet's hand-back, with sign-out, and when the volunteer starts the next report.
The report row keeps only the keyed hash, so a receipt printed later, a database copy or a log never holds it.
"""

from cryptography.fernet import InvalidToken
from flask import current_app, session

from .. import audit
from ..crypto import decrypt_text, encrypt_text
from ..domain import check_codes
from ..extensions import db
from ..models import utcnow

SHOWN_CODES = "check_codes"  # [reference, encrypted clear code] pairs, oldest first, while the person is still here
# The session is a cookie, which browsers drop silently past about 4 KB: a volunteer finishing saved drafts one after
# another keeps only the codes of the last few reports, each of whose people may still be at the tablet.
MOST_SHOWN = 3
# How staff recognised the person before giving a new code (the only ways the centre may).
RECOGNISED_BY = ("contact_details", "in_person")


def code_hash(reference: str, code: str) -> str:
    return check_codes.code_hash(current_app.config["SECRET_KEY"], reference, code)


def new_code_for(reference: str) -> tuple[str, str]:
    """A fresh code and the hash the report keeps of it."""
    code = check_codes.new_code()
    return code, code_hash(reference, code)


def keep_shown(reference: str, code: str) -> None:
    """Show the code in this session until the person has gone (see the module's docstring). The session cookie is
    signed, not encrypted, so the code goes in it encrypted with the data keys: a copy of the cookie shows
    nothing, and the app shows the code only while the report's own session is alive."""
    kept = [pair for pair in _kept() if pair[0] != reference]
    session[SHOWN_CODES] = [*kept, [reference, encrypt_text(code)]][-MOST_SHOWN:]


def _kept() -> list[list[str]]:
    """The pairs this session holds (anything else in the cookie, as from an older release, is ignored)."""
    codes = session.get(SHOWN_CODES)
    if not isinstance(codes, list):
        return []
    return [
        pair
        for pair in codes
        if isinstance(pair, list) and len(pair) == 2 and all(isinstance(part, str) for part in pair)
    ]


def shown_code(reference: str) -> str | None:
    kept = next((token for kept_reference, token in _kept() if kept_reference == reference), None)
    if kept is None:
        return None
    try:
        return decrypt_text(kept)
    except InvalidToken:  # written under a key since retired: the person is long gone
        return None


def forget_shown(reference: str | None = None) -> None:
    """Forget one report's clear code, or (no reference) every code this session shows."""
    if SHOWN_CODES not in session:
        return
    remaining = [] if reference is None else [pair for pair in _kept() if pair[0] != reference]
    if remaining:
        session[SHOWN_CODES] = remaining
    else:
        session.pop(SHOWN_CODES, None)


def matches(report, code: str) -> bool:
    return check_codes.matches(current_app.config["SECRET_KEY"], report.reference, code, report.check_code_hash)


def give_new_code(report, user, recognised_by: str) -> str:
    """Replace the report's code (the old one stops working), recording how the person was recognised."""
    if recognised_by not in RECOGNISED_BY:
        raise ValueError(recognised_by)
    code, report.check_code_hash = new_code_for(report.reference)
    report.check_code_issued_at = utcnow()
    audit.record("check_code_replaced", "report", report.reference, f"recognised_by={recognised_by}", user=user)
    db.session.commit()
    keep_shown(report.reference, code)
    return code
