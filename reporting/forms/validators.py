"""Small validator classes; each takes the message to show, written the GOV.UK way (`messages.py`).
`ValidateIf` marks a follow-up question: checked only when another answer makes it apply.
"""

import re
from collections.abc import Collection
from datetime import date

from flask_babel import format_date
from wtforms.validators import StopValidation, ValidationError

from ..domain.postcodes import is_postcode_district, is_valid_postcode, normalise_postcode
from ..domain.ukdates import DATE_PARTS, month_number, now_utc, uk_date, wrong_date_parts


def _is_empty(data) -> bool:
    if data is None:
        return True
    if isinstance(data, str):
        return not data.strip()
    if isinstance(data, list | tuple | set):
        return not data
    return False


class Required:
    """An answer must be given: text that is not only spaces, a chosen option, or at least one box ticked."""

    field_flags = {"required": True}

    def __init__(self, message):
        self.message = message

    def __call__(self, form, field):
        if _is_empty(field.data):
            field.errors[:] = []
            raise StopValidation(self.message)


class Optional:
    """An empty answer is fine, and stops the other checks."""

    def __call__(self, form, field):
        if _is_empty(field.data):
            field.errors[:] = []
            raise StopValidation()


class ValidateIf:
    """Check a follow-up question only when another answer makes it apply; otherwise forget its answer.

    `when` is the name of the other field and `values` the answers that make this question apply
    (for a field with several answers, any one of them).
    """

    def __init__(self, when: str, values: Collection[str]):
        self.when = when
        self.values = frozenset(values)

    def applies(self, form) -> bool:
        answer = form[self.when].data
        if isinstance(answer, list | tuple | set):
            return bool(self.values.intersection(answer))
        return answer in self.values

    def __call__(self, form, field):
        if not self.applies(form):
            field.errors[:] = []
            field.data = [] if isinstance(field.data, list) else None
            raise StopValidation()


class RequiredIf:
    """An answer is needed when another answer asks for it (a phone number when they chose "Phone")."""

    def __init__(self, when: str, values: Collection[str], message):
        self.condition = ValidateIf(when, values)
        self.message = message

    def __call__(self, form, field):
        if self.condition.applies(form) and _is_empty(field.data):
            field.errors[:] = []
            raise StopValidation(self.message)


class MaxLength:
    def __init__(self, maximum: int, message):
        self.maximum = maximum
        self.message = message

    def __call__(self, form, field):
        if field.data and len(field.data) > self.maximum:
            raise ValidationError(self.message)


class UKPostcode:
    """A UK postcode, or its district alone (`M33`: many people know only that), in any spacing or case; stored in
    the standard form (`M33 7XY`)."""

    def __init__(self, message):
        self.message = message

    def __call__(self, form, field):
        if not (is_valid_postcode(field.data or "") or is_postcode_district(field.data or "")):
            raise ValidationError(self.message)
        field.data = normalise_postcode(field.data)


class PhoneNumber:
    """A phone number of 10 to 13 digits, with spaces, brackets, dashes or a leading +; 30 characters at most."""

    _ALLOWED = re.compile(r"^\+?[0-9 ()\-]+$")
    MAX_LENGTH = 30

    def __init__(self, message):
        self.message = message

    def __call__(self, form, field):
        text = (field.data or "").strip()
        digits = re.sub(r"\D", "", text)
        if len(text) > self.MAX_LENGTH or not self._ALLOWED.match(text) or not 10 <= len(digits) <= 13:
            raise ValidationError(self.message)
        field.data = text


class EmailAddress:
    """Something that looks like an email address: one @, a dot in the domain, no spaces."""

    _SHAPE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")

    def __init__(self, message):
        self.message = message

    def __call__(self, form, field):
        text = (field.data or "").strip()
        if len(text) > 320 or not self._SHAPE.match(text):
            raise ValidationError(self.message)
        field.data = text


class DateParts:
    """A date typed as day, month and year (the month as a number or a name: "12", "Dec", "December"); with the
    field's "not sure of the exact date" box ticked (`DatePartsField.approximate`), a month and year are enough.

    `messages` maps: empty, empty_approximate, day, month, year, year_digits, real, future, and too_early (with
    `%(date)s`, for a date before `earliest(form)` when that gives one).
    The checked date is put in `field.data` (the first of the month for an approximate date); the parts that are
    wrong are put in `field.error_parts`, so that each is highlighted.
    """

    def __init__(self, messages: dict, today=None, earliest=None):
        self.messages = messages
        self.today = today or (lambda: uk_date(now_utc()))
        self.earliest = earliest

    def __call__(self, form, field):
        ticked = getattr(field, "approximate_field", None)
        approximate = bool(ticked is not None and ticked.data)
        parts = dict(field.raw)
        if approximate:
            parts["day"] = "1"
        field.data = None
        self._check_complete(parts, approximate, field)
        self._check_parts(parts, field)
        field.data = self._real_date(parts, field)
        if field.data > self.today():
            raise StopValidation(self.messages["future"])
        self._check_not_too_early(form, field)

    def _check_complete(self, parts: dict, approximate: bool, field) -> None:
        typed = [name for name in DATE_PARTS if field.raw[name]]
        if not typed or (approximate and not (field.raw["month"] or field.raw["year"])):
            raise StopValidation(self.messages["empty_approximate" if approximate else "empty"])
        missing = [name for name in DATE_PARTS if not parts[name]]
        if missing:
            field.error_parts = tuple(missing)
            raise StopValidation(self.messages[missing[0]] if len(missing) == 1 else self.messages["real"])

    def _check_parts(self, parts: dict, field) -> None:
        wrong = wrong_date_parts(parts["day"], parts["month"], parts["year"])
        if wrong:
            field.error_parts = wrong
            raise StopValidation(self.messages["year_digits" if wrong == ("year",) else "real"])

    def _real_date(self, parts: dict, field) -> date:
        try:
            found = date(int(parts["year"]), month_number(parts["month"]), int(parts["day"]))
        except ValueError:
            field.error_parts = ("day",)
            raise StopValidation(self.messages["real"]) from None
        if found.year < 1900:
            field.error_parts = ("year",)
            raise StopValidation(self.messages["real"])
        return found

    def _check_not_too_early(self, form, field) -> None:
        earliest = self.earliest(form) if self.earliest else None
        if earliest is not None and field.data < earliest:
            field.error_parts = ("year",)
            raise StopValidation(str(self.messages["too_early"]) % {"date": format_date(earliest, "d MMMM y")})
