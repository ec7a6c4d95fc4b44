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

SHOWN_CODES = "check_codes"  # reference -> clear code, while the person is still here
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
    session[SHOWN_CODES] = {**(session.get(SHOWN_CODES) or {}), reference: encrypt_text(code)}


def shown_code(reference: str) -> str | None:
    codes = session.get(SHOWN_CODES)
    kept = codes.get(reference) if isinstance(codes, dict) else None
    if not isinstance(kept, str):
        return None
    try:
        return decrypt_text(kept)
    except InvalidToken:  # written under a key since retired: the person is long gone
        return None


def forget_shown(reference: str | None = None) -> None:
    """Forget one report's clear code, or (no reference) every code this session shows."""
    codes = session.get(SHOWN_CODES)
    if not isinstance(codes, dict):
        return
    remaining = {} if reference is None else {key: value for key, value in codes.items() if key != reference}
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
