"""Loading areas and centres from CSV files. Existing codes are updated, so a corrected file can be loaded again."""

import csv
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from ..domain.centres import check_coordinates, parse_hours
from ..extensions import db
from ..models import Area, Centre
from . import checks, management, records


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


# The optional columns, each with how its text becomes a value (the checks the management form makes too). A column
# left out of the file leaves that field as it is; a column present but empty clears it.
OPTIONAL_COLUMNS = {
    "active": checks.yes_no,
    "address": checks.optional_text("address"),
    "postcode": checks.postcode,
    "kind": checks.kind,
    "latitude": checks.number,
    "longitude": checks.number,
    "phone": checks.phone,
    "email": checks.email,
    "directions": checks.optional_text("directions"),
    "opening_hours": parse_hours,
    "hours_note": checks.optional_text("hours_note"),
    "closed_on_bank_holidays": checks.yes_no,
    "offers": checks.offers,
    "access": checks.access,
    "languages": checks.languages,
    "contact_person": checks.optional_text("contact_person"),
    "notes": checks.optional_text("notes"),
    "listed_publicly": checks.yes_no,
    "last_training_on": checks.past_date,
    "last_contact_on": checks.past_date,
}
CENTRE_COLUMNS = ("code", "name", "area", *OPTIONAL_COLUMNS)


def _required_columns(line: int, row: dict, areas: dict[str, Area], existing: set[str]) -> list[str]:
    """The errors of the code, name and area columns: a new centre's code must be of the form a new one takes."""
    errors = [f"line {line}: {name}: is required" for name in ("code", "name", "area") if not row.get(name)]
    if row.get("area") and row["area"] not in areas:
        errors.append(f"line {line}: area: no area with the code {row['area']}")
    for name, check in (("code", checks.centre_code), ("name", checks.centre_name)):
        if row.get(name) and not (name == "code" and row[name] in existing):
            try:
                check(row[name])
            except ValueError as error:
                errors.append(f"line {line}: {name}: {error}")
    return errors


def _read_centre_row(line: int, row: dict, areas: dict[str, Area], seen: set, existing: set[str]) -> tuple[dict, list]:
    """The row's values by field, and its errors (each naming the line and the column)."""
    errors = _required_columns(line, row, areas, existing)
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


def _closing_with_open_cases(parsed: list[tuple[int, dict, dict]], existing: dict[str, Centre]) -> list[str]:
    """Lines that would close a centre that still has open cases: refused, as on the centre's close page."""
    centres = [(line, existing.get(row["code"]), values) for line, row, values in parsed]
    closing = {centre.id: line for line, centre, values in centres
               if centre is not None and centre.active and values.get("active") is False}  # fmt: skip
    if not closing:
        return []
    found: dict[int, list[str]] = {}
    for report in db.session.scalars(management.open_cases_query(list(closing))):
        for centre_id in {report.centre_id, report.assigned_centre_id} & closing.keys():
            found.setdefault(centre_id, []).append(report.reference)
    return [
        f"line {closing[centre_id]}: active: the centre has {len(references)} open case(s) "
        f"({', '.join(references)}): close them or give them to another centre first"
        for centre_id, references in sorted(found.items(), key=lambda item: closing[item[0]])
    ]


def import_centres(path: Path) -> ImportResult:
    """Create or update centres from a CSV file; every change is kept in the centre's history.

    Checks every line first and changes nothing if any is wrong.
    """
    rows, errors = _read_rows(path, ("code", "name", "area"))
    result = ImportResult(errors=errors)
    areas = {area.code: area for area in db.session.scalars(select(Area))}
    existing_codes = set(db.session.scalars(select(Centre.code)))
    seen: set = set()
    parsed = []
    for line, row in enumerate(rows, start=2):
        values, row_errors = _read_centre_row(line, row, areas, seen, existing_codes)
        result.errors.extend(row_errors)
        parsed.append((line, row, values))
    existing = {centre.code: centre for centre in db.session.scalars(select(Centre))}
    result.errors.extend(_closing_with_open_cases(parsed, existing))
    if result.errors:
        return result
    for _line, row, values in parsed:
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
