"""Exporting reports in the exchange format: JSON Lines, or CSV for spreadsheets.

Export streams reports in batches so a large period never sits in memory at once, and records
the export in the audit trail before any report leaves the database.
"""

import csv
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date

from sqlalchemy import func, select

from .. import audit
from ..domain.exchange import CASE_FIELDS, CONTACT_KEYS, FIELDS, in_question_order
from ..domain.outcomes import OUTCOMES
from ..domain.satisfaction import IMMEDIATE, SCALE_QUESTIONS
from ..domain.ukdates import uk_day_bounds
from ..extensions import db
from ..models import (
    Area,
    Centre,
    ContactDetails,
    Report,
    ReportCategory,
    ReportIncidentType,
    ReportOutcome,
    SurveyResponse,
)

BATCH_SIZE = 1000  # reports read from the database at a time
# Spreadsheet programs run a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _exported_reports(first: date, last: date):
    start, end = uk_day_bounds(first, last)
    return Report.submitted, Report.reported_at >= start, Report.reported_at < end


def count_reports(first: date, last: date) -> int:
    return db.session.scalar(select(func.count(Report.id)).where(*_exported_reports(first, last)))


def export_reports(first: date, last: date, include_contact: bool = False) -> Iterator[dict]:
    """Submitted reports made on UK days `first`..`last`, oldest first, each in the exchange shape."""
    query = (
        select(
            Report.id,
            Report.reference,
            Report.channel,
            Centre.code.label("centre"),
            Report.reported_at,
            Report.occurred_on,
            Report.reporter_role,
            Report.location_type,
            Area.code.label("area"),
            Report.postcode,
            Report.postcode_district,
            Report.description,
            Report.police_consent,
            Report.language,
            Report.status,
            Report.acknowledged_at,
            Report.closed_at,
        )
        .outerjoin(Centre, Report.centre_id == Centre.id)
        .outerjoin(Area, Report.area_id == Area.id)
        .where(*_exported_reports(first, last))
        .order_by(Report.reported_at, Report.reference)
        .execution_options(yield_per=BATCH_SIZE)
    )
    for rows in db.session.execute(query).partitions():
        yield from _records_for(rows, include_contact)


def _records_for(rows, include_contact: bool) -> Iterator[dict]:
    ids = [row.id for row in rows]
    categories = _codes_by_report(ReportCategory, ids)
    incident_types = _codes_by_report(ReportIncidentType, ids)
    outcomes = _codes_by_report(ReportOutcome, ids)
    satisfaction = _satisfaction_by_report(ids)
    contacts = _contacts_by_report(ids) if include_contact else {}
    for row in rows:
        record = {
            "reference": row.reference,
            "channel": row.channel,
            "centre": row.centre,
            "reported_at": row.reported_at.isoformat(),
            "occurred_on": row.occurred_on.isoformat() if row.occurred_on else None,
            "categories": categories.get(row.id, []),
            "incident_types": incident_types.get(row.id, []),
            "reporter_role": row.reporter_role,
            "location_type": row.location_type,
            "area": row.area,
            "postcode": row.postcode or row.postcode_district,
            "description": row.description or "",
            "police_consent": row.police_consent,
            "language": row.language,
            "satisfaction": satisfaction.get(row.id),
            "status": row.status,
            "outcomes": in_outcome_order(outcomes.get(row.id, [])),
            "acknowledged_at": _moment(row.acknowledged_at),
            "closed_at": _moment(row.closed_at),
        }
        if include_contact:
            record["contact"] = contacts.get(row.id)
        yield record


def _moment(value) -> str | None:
    return value.isoformat() if value is not None else None


def in_outcome_order(codes: list[str]) -> list[str]:
    return [code for code in OUTCOMES if code in codes] + sorted(set(codes) - set(OUTCOMES))


def _codes_by_report(model, ids: list[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    query = select(model.report_id, model.code).where(model.report_id.in_(ids)).order_by(model.report_id, model.code)
    for report_id, code in db.session.execute(query):
        found[report_id].append(code)
    return found


def _satisfaction_by_report(ids: list[int]) -> dict[int, dict[str, int]]:
    """The immediate answers per report; where a question was answered twice, the later answer counts."""
    found: dict[int, dict[str, int]] = defaultdict(dict)
    query = (
        select(SurveyResponse.report_id, SurveyResponse.question, SurveyResponse.score)
        .where(
            SurveyResponse.report_id.in_(ids),
            SurveyResponse.kind == IMMEDIATE,
            SurveyResponse.question.in_(SCALE_QUESTIONS),
            SurveyResponse.score.is_not(None),
        )
        .order_by(SurveyResponse.answered_at, SurveyResponse.id)
    )
    for report_id, question, score in db.session.execute(query):
        found[report_id][question] = score
    return {report_id: in_question_order(answers) for report_id, answers in found.items()}


def _contacts_by_report(ids: list[int]) -> dict[int, dict]:
    query = select(ContactDetails).where(ContactDetails.report_id.in_(ids))
    return {
        contact.report_id: {
            "name": contact.name,
            "phone": contact.phone,
            "email": contact.email,
            "address": contact.address,
            "preferred": contact.preferred_method,
        }
        for contact in db.session.scalars(query)
    }


# Writing files


def csv_columns(include_contact: bool) -> list[str]:
    """The columns of the CSV export: the case's fields follow the survey answers, so older columns keep their place."""
    columns = [name for name in FIELDS if name not in ("satisfaction", "contact", *CASE_FIELDS)]
    columns += [f"satisfaction_{question}" for question in SCALE_QUESTIONS]
    columns += list(CASE_FIELDS)
    if include_contact:
        columns += [f"contact_{key}" for key in CONTACT_KEYS]
    return columns


def csv_row(record: dict) -> dict:
    """One record flattened for a spreadsheet: lists joined with `;`, nested objects as columns."""
    row = {name: value for name, value in record.items() if name not in ("satisfaction", "contact")}
    row["categories"] = ";".join(record["categories"])
    row["incident_types"] = ";".join(record["incident_types"])
    row["outcomes"] = ";".join(record["outcomes"])
    for question, score in (record.get("satisfaction") or {}).items():
        row[f"satisfaction_{question}"] = score
    if "contact" in record:
        for key in CONTACT_KEYS:
            row[f"contact_{key}"] = (record["contact"] or {}).get(key)
    return {name: _safe_cell(value) for name, value in row.items()}


def _safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_jsonl(records: Iterable[dict], out) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(records: Iterable[dict], out, include_contact: bool) -> int:
    writer = csv.DictWriter(out, fieldnames=csv_columns(include_contact), lineterminator="\r\n")
    writer.writeheader()
    count = 0
    for record in records:
        writer.writerow(csv_row(record))
        count += 1
    return count


def export_to(out, first: date, last: date, file_format: str, include_contact: bool = False) -> int:
    """Write the export to `out`. The audit event is stored before any report leaves the database."""
    action = "reports_exported_with_contact" if include_contact else "reports_exported"
    detail = f"from={first.isoformat()} to={last.isoformat()} format={file_format} count={count_reports(first, last)}"
    audit.record(action, "report", detail=detail)
    db.session.commit()
    records = export_reports(first, last, include_contact)
    if file_format == "csv":
        return write_csv(records, out, include_contact)
    return write_jsonl(records, out)
