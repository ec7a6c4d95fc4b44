"""Password rules for staff accounts: long enough, and hard to guess as zxcvbn measures it.

zxcvbn (the `zxcvbn` package, a port of Dropbox's estimator) counts the guesses an attacker would need,
knowing common passwords, words and names, keyboard patterns, repeats ("aaaa"), sequences ("1234") and
dates, and scores the password from 0 to 4. We ask for 3 ("safely unguessable: moderate protection from
an offline slow-hash scenario"), and pass the person's email so that a password made of it scores low.
"""

import re

from zxcvbn import zxcvbn

MIN_LENGTH = 12
MIN_SCORE = 3
# zxcvbn refuses longer input (its time grows quickly with length); a longer password is judged by its start,
# so a weak start padded out is still refused.
ESTIMATED_LENGTH = 72


def password_problems(password: str, min_length: int = MIN_LENGTH, email: str | None = None) -> list[str]:
    """Codes of what is wrong with a password: `too_short`, `easy_to_guess`. Empty when acceptable."""
    problems = []
    if len(password) < min_length:
        problems.append("too_short")
    if guess_score(password, email) < MIN_SCORE:
        problems.append("easy_to_guess")
    return problems


def guess_score(password: str, email: str | None = None) -> int:
    """zxcvbn's score, 0 (guessed at once) to 4 (very hard to guess)."""
    if not password.strip():
        return 0
    return zxcvbn(password[:ESTIMATED_LENGTH], user_inputs=personal_words(email))["score"]


def personal_words(email: str | None) -> list[str]:
    """The email and its parts (name, organisation), which a guesser aiming at this person would try first."""
    if not email:
        return []
    email = email.strip().lower()
    parts = re.split(r"[@.+]", email)
    words = {email, *parts, *(re.sub(r"[-_]", "", part) for part in parts)}
    words.update(word for part in parts for word in re.split(r"[-_]", part))
    return sorted(word for word in words if len(word) > 2)
