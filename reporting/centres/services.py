"""Loading areas and centres from CSV files. Existing codes are updated, so a corrected file can be loaded again."""

import csv
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from ..extensions import db
from ..models import Area, Centre

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


def _parse_active(text: str) -> bool | None:
    if not text:
        return True
    if text.lower() in TRUE_WORDS:
        return True
    if text.lower() in FALSE_WORDS:
        return False
    return None


def _check_centre_row(line: int, row: dict, areas: dict[str, Area], seen: set) -> list[str]:
    errors = [f"line {line}: {name}: is required" for name in ("code", "name", "area") if not row.get(name)]
    if row.get("area") and row["area"] not in areas:
        errors.append(f"line {line}: area: no area with the code {row['area']}")
    if _parse_active(row.get("active", "")) is None:
        errors.append(f"line {line}: active: must be true or false, not {row['active']}")
    if row.get("code") in seen:
        errors.append(f"line {line}: code: {row['code']} appears more than once")
    seen.add(row.get("code"))
    return errors


def import_centres(path: Path) -> ImportResult:
    rows, errors = _read_rows(path, ("code", "name", "area"))
    result = ImportResult(errors=errors)
    areas = {area.code: area for area in db.session.scalars(select(Area))}
    seen: set = set()
    for line, row in enumerate(rows, start=2):
        result.errors.extend(_check_centre_row(line, row, areas, seen))
    if result.errors:
        return result
    existing = {centre.code: centre for centre in db.session.scalars(select(Centre))}
    for row in rows:
        centre = existing.get(row["code"])
        if centre is None:
            centre = Centre(code=row["code"])
            db.session.add(centre)
            result.created += 1
        else:
            result.updated += 1
        centre.name = row["name"]
        centre.area = areas[row["area"]]
        centre.active = _parse_active(row.get("active", ""))
        if "address" in row:
            centre.address = row["address"] or None
        if "kind" in row:
            centre.kind = row["kind"] or None
    db.session.commit()
    return result
