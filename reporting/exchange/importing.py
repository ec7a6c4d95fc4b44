"""Importing reports in the exchange format, and the bulk insert that the demo data shares.

Import checks every line before it stores anything, then writes in batches inside one
transaction (COPY on PostgreSQL, Core executemany on SQLite), so a file of 100,000 reports
loads in seconds rather than the minutes that adding ORM objects one at a time would take.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import insert, select

from .. import audit
from ..domain.exchange import Problem, decode_line, validate_record
from ..domain.postcodes import postcode_columns
from ..domain.references import new_reference
from ..domain.satisfaction import IMMEDIATE
from ..domain.ukdates import now_utc, uk_date
from ..domain.working_days import deadlines
from ..extensions import db
from ..links import services as links
from ..models import (
    Area,
    Centre,
    ContactDetails,
    Referral,
    Report,
    ReportCategory,
    ReportIncidentType,
    ReportOutcome,
    SurveyResponse,
)
from .copying import copy_rows, reserve_ids

BATCH_SIZE = 1000
COPY_BATCH_SIZE = 10_000
LOOKUP_CHUNK = 500


@dataclass
class ImportResult:
    imported: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass
class CodeMaps:
    """Code to id for centres and areas, loaded once per import."""

    centres: dict[str, int]
    areas: dict[str, int]

    @classmethod
    def load(cls) -> "CodeMaps":
        centres = {code: centre_id for code, centre_id in db.session.execute(select(Centre.code, Centre.id))}
        areas = {code: area_id for code, area_id in db.session.execute(select(Area.code, Area.id))}
        return cls(centres=centres, areas=areas)


# Import


def import_reports(lines: Iterable[str | bytes]) -> ImportResult:
    """Check every line (text, or bytes in UTF-8), then import all of them or none. Existing references are skipped."""
    codes = CodeMaps.load()
    records, errors = read_records(lines, codes, uk_date(now_utc()))
    if errors:
        return ImportResult(errors=errors)
    existing = existing_references([record["reference"] for record in records if record["reference"]])
    new_records = [record for record in records if record["reference"] not in existing]
    assign_references(new_records)
    insert_reports(new_records, codes)
    links.add_records(new_records)
    result = ImportResult(imported=len(new_records), skipped=len(records) - len(new_records))
    audit.record("reports_imported", "report", detail=f"imported={result.imported} skipped={result.skipped}")
    db.session.commit()
    return result


def read_records(lines: Iterable[str | bytes], codes: CodeMaps, today: date) -> tuple[list[dict], list[str]]:
    """Normalised records and `line N: field: message` errors; records are kept only while no line failed."""
    records: list[dict] = []
    errors: list[str] = []
    first_seen: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        problems, record = _check_line(line, codes, today)
        problems += _duplicate_problems(record.get("reference"), number, first_seen)
        errors += [f"line {number}: {name}: {message}" for name, message in problems]
        if not errors:
            records.append(record)
    return records, errors


def _check_line(line: str | bytes, codes: CodeMaps, today: date) -> tuple[list[tuple[str, str]], dict]:
    try:
        text = line.decode("utf-8-sig") if isinstance(line, bytes) else line.removeprefix("\ufeff")
    except UnicodeDecodeError:
        return [("record", "not UTF-8 text")], {}
    try:
        decoded = decode_line(text)
    except Problem as problem:
        return [("record", str(problem))], {}
    try:
        return validate_record(decoded, codes.centres, codes.areas, today)
    except Exception as error:  # whatever a line holds, it is reported with its number and the import goes on
        return [("record", f"could not be checked ({type(error).__name__})")], {}


def _duplicate_problems(reference: str | None, number: int, first_seen: dict[str, int]) -> list[tuple[str, str]]:
    if not reference:
        return []
    if reference in first_seen:
        return [
            ("reference", f"{reference} appears more than once in the file (first on line {first_seen[reference]})")
        ]
    first_seen[reference] = number
    return []


def existing_references(references: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(references), LOOKUP_CHUNK):
        chunk = references[start : start + LOOKUP_CHUNK]
        found.update(db.session.scalars(select(Report.reference).where(Report.reference.in_(chunk))))
    return found


def assign_references(records: list[dict]) -> None:
    """Give a new reference to each record without one, never one already in the file or the database."""
    taken = {record["reference"] for record in records if record["reference"]}
    needing = [record for record in records if not record["reference"]]
    while needing:
        for record in needing:
            record["reference"] = _fresh_reference(taken)
        clashes = existing_references([record["reference"] for record in needing])
        needing = [record for record in needing if record["reference"] in clashes]


def _fresh_reference(taken: set[str]) -> str:
    reference = new_reference()
    while reference in taken:
        reference = new_reference()
    taken.add(reference)
    return reference


# Bulk insert, shared with the demo data loader


def insert_reports(records: list[dict], codes: CodeMaps) -> None:
    """Insert normalised records (and what hangs off them) in batches, in the session's transaction.

    Besides the exchange fields a record may carry `referred_at`, `support_wanted` and `referrals` (the demo data
    uses them); imports leave them out.
    PostgreSQL takes the rows by COPY, SQLite by executemany (its fastest way in).
    """
    now = now_utc()
    postgres = db.session.connection().dialect.name == "postgresql"
    write, size = (_copy_batch, COPY_BATCH_SIZE) if postgres else (_insert_batch, BATCH_SIZE)
    for start in range(0, len(records), size):
        write(records[start : start + size], codes, now)


def _insert_batch(batch: list[dict], codes: CodeMaps, now) -> None:
    reports = Report.__table__
    db.session.execute(insert(reports), [_report_row(record, codes, now) for record in batch])
    # Looked up by reference rather than with RETURNING: SQLite would then insert one row at a time.
    references = [record["reference"] for record in batch]
    found = db.session.execute(select(reports.c.reference, reports.c.id).where(reports.c.reference.in_(references)))
    report_ids = {reference: report_id for reference, report_id in found}
    for model, rows in _child_rows([(report_ids[record["reference"]], record) for record in batch]).items():
        if rows:
            db.session.execute(insert(model.__table__), rows)


def _copy_batch(batch: list[dict], codes: CodeMaps, now) -> None:
    # Ids come from the reports sequence first, so the children need no look-up afterwards.
    pairs = list(zip(reserve_ids(Report.__table__, len(batch)), batch, strict=True))
    copy_rows(Report.__table__, [{"id": rid, **_report_row(record, codes, now)} for rid, record in pairs])
    for model, rows in _child_rows(pairs).items():
        copy_rows(model.__table__, rows)


def _report_row(record: dict, codes: CodeMaps, now) -> dict:
    acknowledge_by, review_by = deadlines(record["reported_at"])  # counted from receipt, as for a report sent here
    return {
        "reference": record["reference"],
        "channel": record["channel"],
        "centre_id": codes.centres[record["centre"]] if record["centre"] else None,
        "reported_at": record["reported_at"],
        "occurred_on": record["occurred_on"],
        "occurred_on_approximate": False,
        "reporter_role": record["reporter_role"],
        "location_type": record["location_type"],
        "area_id": codes.areas[record["area"]] if record["area"] else None,
        **postcode_columns(record["postcode"]),
        "description": record["description"],
        "police_consent": record["police_consent"],
        "language": record["language"],
        "support_wanted": record.get("support_wanted"),
        "support_kinds": [],
        "identifying_fields": [],
        "status": record.get("status", "received"),
        "received_at": record["reported_at"],
        "acknowledge_by": acknowledge_by,
        "review_by": review_by,
        "referred_at": record.get("referred_at"),
        "closed_at": record.get("closed_at"),
        "acknowledged_at": record.get("acknowledged_at"),
        "created_at": now,
        "updated_at": now,
    }


def _child_rows(pairs: list[tuple[int, dict]]) -> dict:
    return {
        ReportCategory: [{"report_id": rid, "code": code} for rid, record in pairs for code in record["categories"]],
        ReportIncidentType: [
            {"report_id": rid, "code": code} for rid, record in pairs for code in record["incident_types"]
        ],
        SurveyResponse: [row for rid, record in pairs for row in _survey_rows(rid, record)],
        ContactDetails: [_contact_row(rid, record["contact"]) for rid, record in pairs if record.get("contact")],
        ReportOutcome: [
            {"report_id": rid, "code": code} for rid, record in pairs for code in record.get("outcomes", ())
        ],
        Referral: [dict(referral, report_id=rid) for rid, record in pairs for referral in record.get("referrals", ())],
    }


def _survey_rows(report_id: int, record: dict) -> list[dict]:
    answers = record.get("satisfaction") or {}
    return [
        {
            "report_id": report_id,
            "kind": IMMEDIATE,
            "question": question,
            "score": score,
            "comment": None,
            "answered_at": record["reported_at"],
        }
        for question, score in answers.items()
    ]


def _contact_row(report_id: int, contact: dict) -> dict:
    return {
        "report_id": report_id,
        "name": contact.get("name"),
        "phone": contact.get("phone"),
        "email": contact.get("email"),
        "address": contact.get("address"),
        "preferred_method": contact.get("preferred"),
    }
