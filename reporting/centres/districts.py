"""Loading the postcode districts table (`districts import FILE.csv`, columns `district,latitude,longitude`).

Every line is checked first and nothing is stored if any is wrong; a district already in the table is updated,
so a corrected file can be loaded again. The demo data loads the file shipped in `reporting/data/`.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from ..domain.centre_search import district_problem, normalise_district, uk_coordinates_problem
from ..extensions import db
from .models import PostcodeDistrict
from .services import ImportResult

COLUMNS = ("district", "latitude", "longitude")
DEMO_DISTRICTS = Path(__file__).resolve().parent.parent / "data" / "postcode_districts.csv"


@dataclass(frozen=True)
class DistrictRow:
    district: str
    latitude: float
    longitude: float


def _number(text: str, column: str) -> float:
    if not text:
        raise ValueError(f"{column}: is required")
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{column}: {text} is not a number such as 53.4246") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"{column}: {text} is not a number such as 53.4246")
    return value


def _read_row(row: dict) -> tuple[DistrictRow | None, list[str]]:
    """The row's district and point, or its problems (each naming the column)."""
    district = normalise_district(row.get("district"))
    problems = [f"district: {problem}" for problem in [district_problem(district)] if problem]
    point = []
    for column in ("latitude", "longitude"):
        try:
            point.append(_number(row.get(column) or "", column))
        except ValueError as error:
            problems.append(str(error))
    if len(point) == 2 and (outside := uk_coordinates_problem(*point)):
        problems.append(f"latitude, longitude: {outside}")
    return (None if problems else DistrictRow(district, *point)), problems


def _lines(path: Path) -> tuple[list[dict], list[str]]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            header = [(name or "").strip() for name in reader.fieldnames or []]
            missing = [name for name in COLUMNS if name not in header]
            if missing:
                return [], [f"line 1: header: missing column(s) {', '.join(missing)}"]
            return [{(k or "").strip(): (v or "").strip() for k, v in row.items() if k} for row in reader], []
    except UnicodeDecodeError:
        return [], ["the file is not UTF-8 text: save it as CSV (UTF-8)"]
    except csv.Error as error:
        return [], [f"the file is not readable as CSV: {error}"]


def read_districts(path: Path) -> tuple[list[DistrictRow], list[str]]:
    """Every row of the file, or every problem in it as `line N: column: message`."""
    lines, errors = _lines(path)
    rows, seen = [], {}
    for line, row in enumerate(lines, start=2):
        found, problems = _read_row(row)
        errors.extend(f"line {line}: {problem}" for problem in problems)
        if found is None:
            continue
        if found.district in seen:
            errors.append(f"line {line}: district: {found.district} is already on line {seen[found.district]}")
        seen[found.district] = line
        rows.append(found)
    return rows, errors


def save_districts(rows: list[DistrictRow], result: ImportResult) -> None:
    """Create or update each district, counting both in `result` (unchanged rows are counted as neither)."""
    existing = {found.district: found for found in db.session.scalars(select(PostcodeDistrict))}
    for row in rows:
        found = existing.get(row.district)
        if found is None:
            db.session.add(PostcodeDistrict(district=row.district, latitude=row.latitude, longitude=row.longitude))
            result.created += 1
        elif (found.latitude, found.longitude) != (row.latitude, row.longitude):
            found.latitude, found.longitude = row.latitude, row.longitude
            result.updated += 1
    db.session.flush()


def import_districts(path: Path) -> ImportResult:
    """Load districts from a CSV file, all or nothing."""
    rows, errors = read_districts(path)
    result = ImportResult(errors=errors)
    if errors:
        return result
    save_districts(rows, result)
    db.session.commit()
    return result


def load_demo_districts() -> int:
    """The districts of the demo area, in the caller's transaction; how many were added."""
    rows, errors = read_districts(DEMO_DISTRICTS)
    if errors:
        raise RuntimeError(f"{DEMO_DISTRICTS.name}: {'; '.join(errors)}")
    result = ImportResult()
    save_districts(rows, result)
    return result.created
