"""Accounts: hashing and checking passwords, creating users, and ending every session of an account."""

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select

from ..domain.passwords import password_problems
from ..extensions import db
from ..models import CENTRE_ROLES, ROLES, Centre, User, utcnow

# Argon2id at the OWASP Password Storage Cheat Sheet's 7 MiB configuration: 7 MiB, 5 passes, 1 lane.
# The cheat sheet lists it with 19 MiB and 2 passes as giving an equal level of defence, trading
# memory for passes. A sign-in's hash memory stays in the web worker that made it, so the smallest
# row costs the least (19 MiB held 19 MiB; argon2-cffi's default 64 MiB), for no more CPU time here.
# Hashes made with other settings still verify and are remade with these at the next sign-in.
ARGON2_SETTINGS = {"time_cost": 5, "memory_cost": 7 * 1024, "parallelism": 1}
_hasher = PasswordHasher(**ARGON2_SETTINGS)
# Compared against when the email is unknown, so a failed sign-in takes the same time either way.
_DUMMY_HASH = _hasher.hash("not-a-real-password-but-costs-the-same")


PASSWORD_ADVICE = (
    "choose 3 or 4 random words joined together, and not a common password, a name, the email address, "
    "a repeated character or a sequence such as 1234"
)


class AccountError(ValueError):
    """A user could not be created; the message says why, in words an operator can act on."""


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(user: User | None, password: str) -> bool:
    try:
        return _hasher.verify(user.password_hash if user else _DUMMY_HASH, password) and user is not None
    except (VerificationError, InvalidHashError):
        return False


def new_session_token(user: User) -> None:
    """End every session of this account, wherever its cookie has been copied: they all carry the old token."""
    user.session_token = secrets.token_urlsafe(24)


def find_user(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def note_sign_in(user: User, password: str) -> None:
    user.last_sign_in_at = utcnow()
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)


def create_user(email: str, role: str, password: str, centre_code: str | None = None, min_length: int = 12) -> User:
    email = email.strip().lower()
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    if "@" not in email:
        raise AccountError("email must be an email address")
    if find_user(email):
        raise AccountError(f"a user with the email {email} already exists")
    centre = _centre_for_role(role, centre_code)
    _check_password(password, min_length, email)
    user = User(email=email, role=role, centre=centre, password_hash=hash_password(password), active=True)
    db.session.add(user)
    return user


def _check_password(password: str, min_length: int, email: str) -> None:
    problems = password_problems(password, min_length, email)
    if "too_short" in problems:
        raise AccountError(f"password must be at least {min_length} characters; {PASSWORD_ADVICE}")
    if "easy_to_guess" in problems:
        raise AccountError(f"password is too easy to guess; {PASSWORD_ADVICE}")


def _centre_for_role(role: str, centre_code: str | None) -> Centre | None:
    if role not in CENTRE_ROLES:
        if centre_code:
            raise AccountError(f"role {role} is not tied to a centre; leave out --centre")
        return None
    if not centre_code:
        raise AccountError(f"role {role} needs --centre CODE")
    centre = db.session.scalar(select(Centre).where(Centre.code == centre_code))
    if centre is None:
        raise AccountError(f"no centre with the code {centre_code}")
    return centre
