"""How each of a centre's fields is read from the text staff give, the same for the management form and for
`centres import`, so that both accept and refuse the same values.

Each check takes the text (spaces already trimmed) and returns the value to store, or raises `FieldProblem`: its
`reason` names the problem (the form says it in the staff member's language from `reason` and `params`) and its
message says it in plain English (what `centres import` prints after the line number and column). Opening hours
raise `domain.centres.HoursError`, which works the same way. No Flask here.
"""

import math
import re
from datetime import date

from email_validator import EmailNotValidError, validate_email

from ..domain.centres import ACCESS, KINDS, OFFERS, is_language_tag, kind_code, split_codes
from ..domain.postcodes import is_valid_postcode, normalise_postcode
from ..domain.ukdates import uk_today

TRUE_WORDS = {"true", "yes", "y", "1", "active"}
FALSE_WORDS = {"false", "no", "n", "0", "inactive"}
_CODE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_PHONE = re.compile(r"^\+?[0-9 ()\-]+$")
PHONE_DIGITS = (10, 13)

# The longest text each field keeps (the columns' sizes, and what staff need for the longer free text).
LIMITS = {
    "code": 64,
    "name": 200,
    "address": 500,
    "phone": 30,
    "email": 320,
    "directions": 2000,
    "hours_note": 500,
    "contact_person": 200,
    "notes": 2000,
}


class FieldProblem(ValueError):
    """A value a centre's field cannot take: `reason` and its `params` (text), and the English message."""

    def __init__(self, reason: str, message: str, **params):
        self.reason = reason
        self.params = {name: str(value) for name, value in params.items()}
        super().__init__(message)


def _within(name: str, text: str) -> str:
    if len(text) > LIMITS[name]:
        raise FieldProblem("too_long", f"must be {LIMITS[name]:,} characters or fewer", limit=f"{LIMITS[name]:,}")
    return text


def required(text: str) -> str:
    if not text:
        raise FieldProblem("required", "is required")
    return text


def centre_code(text: str) -> str:
    """A new centre's code: lowercase letters, digits and single hyphens, such as `sale-library`."""
    _within("code", required(text))
    if not _CODE.match(text):
        raise FieldProblem(
            "code_shape", f"{text} is not a code of lowercase letters, numbers and hyphens, such as sale-library"
        )
    return text


def centre_name(text: str) -> str:
    return _within("name", required(text))


def optional_text(name: str):
    """Free text of at most `LIMITS[name]` characters; empty is none."""

    def check(text: str) -> str | None:
        return _within(name, text) if text else None

    return check


def postcode(text: str) -> str | None:
    if not text:
        return None
    if not is_valid_postcode(text):
        raise FieldProblem("postcode", f"{text} is not a UK postcode")
    return normalise_postcode(text)


def email(text: str) -> str | None:
    if not text:
        return None
    _within("email", text)
    try:
        return validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise FieldProblem("email", f"{text} is not an email address ({error})") from error


def phone(text: str) -> str | None:
    """A phone number of 10 to 13 digits, with spaces, brackets, dashes or a leading +."""
    if not text:
        return None
    _within("phone", text)
    digits = len(re.sub(r"\D", "", text))
    if not _PHONE.match(text) or not PHONE_DIGITS[0] <= digits <= PHONE_DIGITS[1]:
        raise FieldProblem("phone", f"{text} is not a phone number such as 0161 912 3013")
    return text


def number(text: str) -> float | None:
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise FieldProblem("number", f"{text} is not a number such as 53.4246", text=text)
    return value


def kind(text: str) -> str | None:
    """A kind's code; free text (older files) becomes the nearest kind."""
    return kind_code(text)


def kind_of_list(text: str) -> str | None:
    """A kind chosen from the list: one of `KINDS`, or none."""
    if text and text not in KINDS:
        raise FieldProblem("kind", f"{text} is not a kind: use {'; '.join(KINDS)}")
    return text or None


def codes_from(allowed: tuple[str, ...]):
    """A list of codes written `a; b` (or with commas), each one of `allowed`."""

    def check(text: str) -> list[str]:
        items = split_codes(text)
        wrong = [item for item in items if item not in allowed]
        if wrong:
            raise FieldProblem("codes", f"{', '.join(wrong)} not known: use {'; '.join(allowed)}")
        return items

    return check


def languages(text: str) -> list[str]:
    """Languages spoken, as BCP 47 tags written `en, ur` (or with semicolons)."""
    items = split_codes(text)
    wrong = [item for item in items if not is_language_tag(item)]
    if wrong:
        raise FieldProblem(
            "languages", f"{', '.join(wrong)} not a language tag such as en, ur or zh-Hans", tags=", ".join(wrong)
        )
    return items


def yes_no(text: str) -> bool:
    """Yes or no (true/false, y/n, 1/0, active/inactive); empty is yes."""
    if not text or text.lower() in TRUE_WORDS:
        return True
    if text.lower() in FALSE_WORDS:
        return False
    raise FieldProblem("yes_no", f"must be true or false, not {text}")


def past_date(text: str, today: date | None = None) -> date | None:
    """A date written YYYY-MM-DD, today or before (training and contact that happened)."""
    if not text:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise FieldProblem("date", f"{text} is not a date written as YYYY-MM-DD") from None
    if day > (today or uk_today()):
        raise FieldProblem("future", f"{text} is in the future")
    return day


# Codes lists the form offers as checkboxes and the import reads as text.
offers = codes_from(OFFERS)
access = codes_from(ACCESS)
