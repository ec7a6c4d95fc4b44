"""The report exchange format (JSON Lines): checking one record and normalising it for storage.

`validate_record` returns the problems as (field, message) pairs in plain English for the
operator who runs the import, and a normalised record: dates parsed, codes sorted, postcode and
reference normalised. Nothing here touches the database; the caller supplies the known centre and
area codes and today's UK date.
"""

import json
import re
from datetime import date, datetime
from functools import lru_cache

from babel import Locale, UnknownLocaleError

from . import vocabulary
from .outcomes import OUTCOMES
from .postcodes import is_postcode_district, is_valid_postcode, normalise_postcode
from .references import is_valid_reference, normalise_reference
from .satisfaction import SCORES
from .statuses import CHANNELS, CLOSED, SUBMITTED_STATUSES
from .ukdates import parse_iso_datetime, uk_date

FIELDS = (
    "reference",
    "channel",
    "centre",
    "reported_at",
    "occurred_on",
    "categories",
    "incident_types",
    "reporter_role",
    "location_type",
    "area",
    "postcode",
    "description",
    "police_consent",
    "language",
    "satisfaction",
    "status",
    "outcomes",
    "acknowledged_at",
    "closed_at",
    "contact",
)
_KNOWN_FIELDS = frozenset(FIELDS)
# Where the case stands: optional on import (left out, a report is received, open, with no outcome).
CASE_FIELDS = ("status", "outcomes", "acknowledged_at", "closed_at")
# Fields that may be left out of a record (a missing nullable field means null).
OPTIONAL_FIELDS = ("reference", "centre", "area", "postcode", "satisfaction", "contact", *CASE_FIELDS)
CONTACT_KEYS = ("name", "phone", "email", "address", "preferred")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class Problem(ValueError):
    """One field's value is not acceptable; the message says why."""


def decode_line(text: str):
    """One line's JSON value; Problem (with the reason in plain English) for anything that is not valid JSON.

    A key given twice in one object is refused rather than the last one silently winning; so are NaN and
    Infinity (which are not JSON), nesting too deep for the parser and numbers too long to read."""
    try:
        return json.loads(text, object_pairs_hook=_object_without_repeated_keys, parse_constant=_not_json)
    except Problem:
        raise
    except json.JSONDecodeError as error:
        raise Problem(f"not valid JSON ({error.msg} at column {error.colno})") from None
    except RecursionError:
        raise Problem("not valid JSON (nested too deeply)") from None
    except ValueError:  # a whole number of more than 4,300 digits, which Python refuses to read
        raise Problem("not valid JSON (a number is too long)") from None


def _not_json(constant: str):
    raise Problem(f"not valid JSON ({constant} is not a JSON value)")


def _object_without_repeated_keys(pairs: list[tuple[str, object]]) -> dict:
    seen = set()
    for key, _value in pairs:
        if key in seen:
            raise Problem(f"the key {_show(key)} appears more than once in one object")
        seen.add(key)
    return dict(pairs)


def validate_record(record, centre_codes, area_codes, today: date) -> tuple[list[tuple[str, str]], dict]:
    """Check one decoded exchange record. Returns (errors, normalised record); errors empty when valid."""
    if not isinstance(record, dict):
        return [("record", "must be a JSON object")], {}
    errors = [(_cut(name), "unknown field") for name in record if name not in _KNOWN_FIELDS]
    normalised: dict = {}
    context = {"centres": centre_codes, "areas": area_codes, "today": today}
    for name, check in _CHECKS.items():
        if name not in record and name not in OPTIONAL_FIELDS:
            errors.append((name, "is required"))
            continue
        try:
            normalised[name] = check(record.get(name), context)
        except Problem as problem:
            errors.append((name, str(problem)))
    errors += _cross_field_errors(normalised)
    return errors, normalised


def format_errors(errors: list[tuple[str, str]]) -> list[str]:
    return [f"{field}: {message}" for field, message in errors]


def _cross_field_errors(normalised: dict) -> list[tuple[str, str]]:
    errors = []
    if normalised.get("channel") == "assisted" and "centre" in normalised and normalised["centre"] is None:
        errors.append(("centre", "is required for an assisted report (only self-reports may have no centre)"))
    reported_at, occurred_on = normalised.get("reported_at"), normalised.get("occurred_on")
    if reported_at and occurred_on and occurred_on > uk_date(reported_at):
        errors.append(("occurred_on", "must not be after the date it was reported"))
    return errors + _case_errors(normalised)


def _case_errors(normalised: dict) -> list[tuple[str, str]]:
    """Only a closed case has outcomes and a closing time, and it must have the time; nothing before the report."""
    errors = []
    status = normalised.get("status")
    if status is None:  # the status itself was refused
        return errors
    if normalised.get("outcomes") and status != CLOSED:
        errors.append(("outcomes", f"are given only for a closed case (status closed), not {status}"))
    if "closed_at" in normalised and (normalised["closed_at"] is None) == (status == CLOSED):
        message = "is required for a closed case" if status == CLOSED else "must be null unless status is closed"
        errors.append(("closed_at", message))
    reported_at = normalised.get("reported_at")
    for name in ("acknowledged_at", "closed_at"):
        moment = normalised.get(name)
        if reported_at and moment and moment < reported_at:
            errors.append((name, "must not be before reported_at"))
    return errors


def _reference(value, context) -> str | None:
    if value is None:
        return None
    reference = normalise_reference(value) if isinstance(value, str) else None
    if not is_valid_reference(reference):
        raise Problem(f"{_show(value)} is not a valid reference (like HR-7K3M-Q9XA)")
    return reference


def _channel(value, context) -> str:
    if value not in CHANNELS:
        raise Problem(f"must be assisted or self, not {_show(value)}")
    return value


def _known_code(value, known, kind: str) -> str | None:
    """A code among the `known` ones (of a centre or an area), or null."""
    if value is None:
        return None
    if not isinstance(value, str) or value not in known:
        raise Problem(f"no {kind} with the code {_show(value)}")
    return value


def _centre(value, context) -> str | None:
    return _known_code(value, context["centres"], "centre")


def _area(value, context) -> str | None:
    return _known_code(value, context["areas"], "area")


def _reported_at(value, context) -> datetime:
    if not isinstance(value, str):
        raise Problem("must be a date and time with a UTC offset, for example 2026-03-01T14:30:00+00:00")
    try:
        moment = parse_iso_datetime(value)
        uk_date(moment)
    except (ValueError, OverflowError):
        raise Problem(
            f"{_show(value)} is not a date and time with a UTC offset, for example 2026-03-01T14:30:00+00:00"
        ) from None
    if uk_date(moment) > context["today"]:
        raise Problem(f"{_show(value)} is in the future")
    return moment


def _occurred_on(value, context) -> date:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise Problem(f"{_show(value)} is not a date in the form YYYY-MM-DD")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise Problem(f"{_show(value)} is not a real date") from None
    if day > context["today"]:
        raise Problem(f"{_show(value)} is in the future")
    return day


def _code_list(kind: str):
    def check(value, context) -> list[str]:
        if not isinstance(value, list) or not value:
            raise Problem("must be a list with at least one code")
        unknown = [code for code in value if not vocabulary.is_code(kind, code)]
        if unknown:
            raise Problem(", ".join(f"unknown code {_show(code)}" for code in unknown))
        return sorted(set(value))

    return check


def _code(kind: str):
    def check(value, context) -> str:
        if not vocabulary.is_code(kind, value):
            raise Problem(f"unknown code {_show(value)}")
        return value

    return check


def _postcode(value, context) -> str | None:
    if value is None or value == "":
        return None
    # A district alone (M33) is allowed: it is all that is kept of a postcode once retention has cut it.
    if not isinstance(value, str) or not (is_valid_postcode(value) or is_postcode_district(value)):
        raise Problem(f"{_show(value)} is not a UK postcode or postcode district")
    return normalise_postcode(value)


def _description(value, context) -> str:
    if not isinstance(value, str):
        raise Problem("must be text")
    return value


def _language(value, context) -> str:
    if not isinstance(value, str) or not _is_language_tag(value):
        raise Problem(f"{_show(value)} is not a language tag such as en, ur or zh-Hans")
    return value


@lru_cache(maxsize=256)
def _is_language_tag(tag: str) -> bool:
    if not 2 <= len(tag) <= 35:
        return False
    try:
        Locale.parse(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return False
    return True


def _satisfaction(value, context) -> dict[str, int] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise Problem("must be an object of question code to a score from 1 to 5, or null")
    problems = []
    for question, score in value.items():
        if not vocabulary.is_code("satisfaction_questions", question):
            problems.append(f"unknown question {_show(question)}")
        elif isinstance(score, bool) or not isinstance(score, int) or score not in SCORES:
            problems.append(f"{question} must be a whole number from 1 to 5, not {_show(score)}")
    if problems:
        raise Problem("; ".join(problems))
    return in_question_order(value) or None


def in_question_order(answers: dict[str, int]) -> dict[str, int]:
    """Satisfaction answers in the order the questions are asked."""
    return {
        question: answers[question] for question in vocabulary.codes("satisfaction_questions") if question in answers
    }


def _contact(value, context) -> dict | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise Problem(f"must be an object with the keys {', '.join(CONTACT_KEYS)}, or null")
    problems = [f"unknown key {_show(key)}" for key in value if key not in CONTACT_KEYS]
    problems += [f"{key} must be text or null" for key in CONTACT_KEYS if not isinstance(value.get(key), str | None)]
    preferred = value.get("preferred")
    if preferred is not None and not vocabulary.is_code("contact_methods", preferred):
        problems.append(f"preferred: unknown code {_show(preferred)}")
    if problems:
        raise Problem("; ".join(problems))
    contact = {key: _text_or_none(value.get(key)) for key in CONTACT_KEYS}
    return contact if any(contact.values()) else None  # an empty object is no contact details at all


def _text_or_none(text: str | None) -> str | None:
    return text if text and text.strip() else None


def _status(value, context) -> str:
    if value is None:
        return "received"
    if value not in SUBMITTED_STATUSES:
        raise Problem(f"must be one of {', '.join(SUBMITTED_STATUSES)}, not {_show(value)}")
    return value


def _outcomes(value, context) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise Problem("must be a list of outcome codes, or null")
    unknown = [code for code in value if not (isinstance(code, str) and code in OUTCOMES)]
    if unknown:
        raise Problem(", ".join(f"unknown outcome {_show(code)}" for code in unknown))
    return [code for code in OUTCOMES if code in value]


def _moment_or_null(value, context) -> datetime | None:
    return None if value is None else _reported_at(value, context)


def _cut(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _show(value) -> str:
    """A value quoted for a message, cut short so one bad line cannot flood the output."""
    try:
        return _cut(repr(value) if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str))
    except (RecursionError, ValueError):  # nested too deeply to write out, or a number too long to write
        return "(a value too large to show)"


_CHECKS = {
    "reference": _reference,
    "channel": _channel,
    "centre": _centre,
    "reported_at": _reported_at,
    "occurred_on": _occurred_on,
    "categories": _code_list("categories"),
    "incident_types": _code_list("incident_types"),
    "reporter_role": _code("reporter_roles"),
    "location_type": _code("location_types"),
    "area": _area,
    "postcode": _postcode,
    "description": _description,
    "police_consent": _code("police_consent"),
    "language": _language,
    "satisfaction": _satisfaction,
    "status": _status,
    "outcomes": _outcomes,
    "acknowledged_at": _moment_or_null,
    "closed_at": _moment_or_null,
    "contact": _contact,
}
