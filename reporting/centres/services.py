"""Loading areas and centres from CSV files. Existing codes are updated, so a corrected file can be loaded again."""

import csv
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import select

from ..domain.centres import ACCESS, OFFERS, check_coordinates, is_language_tag, kind_code, parse_hours, split_codes
from ..domain.postcodes import is_valid_postcode, normalise_postcode
from ..extensions import db
from ..models import Area, Centre
from . import records

TRUE_WORDS = {"true", "yes", "y", "1", "active"}
FALSE_WORDS = {"false", "no", "n", "0", "inactive"}


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)


def _read_rows(path: Path, required: tuple[str, ...]) -> tuple[list[dict], list[str]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        header = [name.strip() for name in reader.fieldnames or []]
        missing = [name for name in required if name not in header]
        if missing:
            return [], [f"line 1: header: missing column(s) {', '.join(missing)}"]
        rows = [{(k or "").strip(): (v or "").strip() for k, v in row.items()} for row in reader]
    return rows, []


def import_areas(path: Path) -> ImportResult:
    rows, errors = _read_rows(path, ("code", "name"))
    result = ImportResult(errors=errors)
    seen = set()
    for line, row in enumerate(rows, start=2):
        for name in ("code", "name"):
            if not row.get(name):
                result.errors.append(f"line {line}: {name}: is required")
        if row.get("code") in seen:
            result.errors.append(f"line {line}: code: {row['code']} appears more than once")
        seen.add(row.get("code"))
    if result.errors:
        return result
    existing = {area.code: area for area in db.session.scalars(select(Area))}
    for row in rows:
        area = existing.get(row["code"])
        if area is None:
            db.session.add(Area(code=row["code"], name=row["name"]))
            result.created += 1
        elif area.name != row["name"]:
            area.name = row["name"]
            result.updated += 1
    db.session.commit()
    return result


def _parse_yes_no(text: str, default: bool = True) -> bool | None:
    if not text:
        return default
    if text.lower() in TRUE_WORDS:
        return True
    if text.lower() in FALSE_WORDS:
        return False
    return None


def _parse_float(text: str) -> float | None:
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"{text} is not a number such as 53.4246") from None


def _parse_date(text: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text} is not a date written as YYYY-MM-DD") from None


def _check_list(allowed: tuple[str, ...] | None):
    def parse(text: str) -> list[str]:
        items = split_codes(text)
        wrong = [item for item in items if (item not in allowed if allowed else not is_language_tag(item))]
        if wrong:
            raise ValueError(
                f"{', '.join(wrong)} not known: use {'; '.join(allowed)}"
                if allowed
                else f"{', '.join(wrong)} not a language tag such as en, ur or zh-Hans"
            )
        return items

    return parse


def _parse_postcode(text: str) -> str | None:
    if not text:
        return None
    if not is_valid_postcode(text):
        raise ValueError(f"{text} is not a UK postcode")
    return normalise_postcode(text)


def _parse_email(text: str) -> str | None:
    if not text:
        return None
    try:
        return validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise ValueError(f"{text} is not an email address ({error})") from error


def _text(text: str) -> str | None:
    return text or None


def _yes_no(text: str) -> bool:
    value = _parse_yes_no(text)
    if value is None:
        raise ValueError(f"must be true or false, not {text}")
    return value


# The optional columns, each with how its text becomes a value. A column left out of the file leaves that
# field as it is; a column present but empty clears it.
OPTIONAL_COLUMNS = {
    "active": _yes_no,
    "address": _text,
    "postcode": _parse_postcode,
    "kind": kind_code,
    "latitude": _parse_float,
    "longitude": _parse_float,
    "phone": _text,
    "email": _parse_email,
    "directions": _text,
    "opening_hours": parse_hours,
    "hours_note": _text,
    "closed_on_bank_holidays": _yes_no,
    "offers": _check_list(OFFERS),
    "access": _check_list(ACCESS),
    "languages": _check_list(None),
    "contact_person": _text,
    "notes": _text,
    "listed_publicly": _yes_no,
    "last_training_on": _parse_date,
    "last_contact_on": _parse_date,
}
CENTRE_COLUMNS = ("code", "name", "area", *OPTIONAL_COLUMNS)


def _read_centre_row(line: int, row: dict, areas: dict[str, Area], seen: set) -> tuple[dict, list[str]]:
    """The row's values by field, and its errors (each naming the line and the column)."""
    errors = [f"line {line}: {name}: is required" for name in ("code", "name", "area") if not row.get(name)]
    if row.get("area") and row["area"] not in areas:
        errors.append(f"line {line}: area: no area with the code {row['area']}")
    if row.get("code") in seen:
        errors.append(f"line {line}: code: {row['code']} appears more than once")
    seen.add(row.get("code"))
    values: dict = {}
    for name, parse in OPTIONAL_COLUMNS.items():
        if name not in row:
            continue
        try:
            values[name] = parse(row[name])
        except ValueError as error:
            errors.append(f"line {line}: {name}: {error}")
    problem = check_coordinates(values.get("latitude"), values.get("longitude"))
    if ("latitude" in values or "longitude" in values) and problem:
        errors.append(f"line {line}: latitude, longitude: {problem}")
    return values, errors


def import_centres(path: Path) -> ImportResult:
    """Create or update centres from a CSV file; every change is kept in the centre's history.

    Checks every line first and changes nothing if any is wrong.
    """
    rows, errors = _read_rows(path, ("code", "name", "area"))
    result = ImportResult(errors=errors)
    areas = {area.code: area for area in db.session.scalars(select(Area))}
    seen: set = set()
    parsed = []
    for line, row in enumerate(rows, start=2):
        values, row_errors = _read_centre_row(line, row, areas, seen)
        result.errors.extend(row_errors)
        parsed.append((row, values))
    if result.errors:
        return result
    existing = {centre.code: centre for centre in db.session.scalars(select(Centre))}
    for row, values in parsed:
        centre = existing.get(row["code"])
        if centre is None:
            centre = Centre(code=row["code"], area=areas[row["area"]], name=row["name"])
            db.session.add(centre)
            db.session.flush()
            before: dict = {}
            result.created += 1
        else:
            before = records.snapshot(centre)
            result.updated += 1
        details = records.CentreDetails.of(centre)
        details.name, details.area = row["name"], areas[row["area"]]
        for name, value in values.items():
            setattr(details, name, value)
        records.apply_details(centre, details)
        db.session.flush()
        records.record_changes(centre, before, source="import")
    db.session.commit()
    return result
