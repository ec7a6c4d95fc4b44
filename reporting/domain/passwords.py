"""Password rules for staff accounts: a minimum length and a refusal of common passwords."""

from functools import cache
from pathlib import Path

COMMON_PASSWORDS_FILE = Path(__file__).resolve().parent.parent / "data" / "common-passwords.txt"


@cache
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip())


def password_problems(password: str, min_length: int = 12) -> list[str]:
    """Codes of what is wrong with a password: `too_short`, `common`. Empty when acceptable."""
    problems = []
    if len(password) < min_length:
        problems.append("too_short")
    squashed = password.lower().strip()
    if squashed in common_passwords() or squashed.rstrip("0123456789!") in common_passwords():
        problems.append("common")
    return problems
