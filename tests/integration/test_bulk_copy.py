"""PostgreSQL takes bulk reports by COPY: it must store exactly what the executemany path stores."""

import pytest
from sqlalchemy import delete, select, text

from reporting.demo import generator, loader
from reporting.domain.periods import Period, last_complete_months
from reporting.domain.ukdates import now_utc, uk_date
from reporting.exchange import importing
from reporting.extensions import db
from reporting.models import ContactDetails, Referral, Report, ReportCategory, ReportIncidentType, SurveyResponse
from reporting.review.figures.summary import keeping
from tests.integration.test_review_summary import counted, summary_counts

pytestmark = pytest.mark.postgres

CHILDREN = (ReportCategory, ReportIncidentType, SurveyResponse, ContactDetails, Referral)
# Characters COPY's text format has to escape.
AWKWARD = "\ttab, \\N backslash N, \\ backslash,\r\nnew line"


@pytest.fixture
def demo(pg_app):
    now = now_utc()
    loader._add_missing_areas()
    centres = loader._add_centres(uk_date(now))
    users = loader._add_users(centres)
    db.session.flush()
    codes = importing.CodeMaps.load()
    referrers = loader._referrers(users)
    records = [_record(number, report, codes, referrers, now) for number, report in enumerate(_reports(now))]
    return records, codes


def _reports(now):
    return generator.generate_reports(150, 7, now)


def _record(number: int, report, codes, referrers, now) -> dict:
    record = loader.demo_record(report, codes, referrers, uk_date(now))
    if number % 5 == 0:
        record["description"] += AWKWARD
        record["contact"] = dict(record.get("contact") or {}, name=None, address=AWKWARD)
    return record


def stored() -> dict[str, list]:
    """Every column of the reports and what hangs off them, read back through the column types (decrypted)."""
    references = dict(db.session.execute(select(Report.id, Report.reference)).all())
    tables = {"reports": sorted(map(_report_values, db.session.execute(select(Report.__table__)).mappings()), key=str)}
    for model in CHILDREN:
        rows = db.session.execute(select(model.__table__)).mappings()
        tables[model.__tablename__] = sorted((_child_values(row, references) for row in rows), key=str)
    return tables


def _report_values(row) -> dict:
    values = dict(row)
    del values["id"]
    assert values.pop("created_at") == values.pop("updated_at")
    return values


def _child_values(row, references: dict) -> dict:
    values = dict(row)
    values.pop("id", None)
    values["report_id"] = references[values["report_id"]]
    return values


def test_copy_stores_what_executemany_stores(demo, monkeypatch):
    records, codes = demo
    importing.insert_reports(records, codes)
    copied = stored()
    db.session.execute(delete(Report))

    monkeypatch.setattr(importing, "_copy_batch", importing._insert_batch)
    importing.insert_reports(records, codes)
    inserted = stored()

    assert copied.keys() == inserted.keys()
    assert all(copied.values()), "every table has rows to compare"
    for table, rows in copied.items():
        assert len(rows) == len(inserted[table]), table
        assert rows == inserted[table], table


def test_copied_text_is_encrypted_at_rest(demo):
    records, codes = demo
    importing.insert_reports(records, codes)
    descriptions = db.session.scalars(text("SELECT description FROM reports")).all()
    names = db.session.scalars(text("SELECT address FROM contact_details")).all()
    assert descriptions and names
    assert all(value.startswith("enc:") for value in descriptions + names)
    assert not any("backslash" in value for value in descriptions + names)


def test_copy_ids_follow_the_file_and_the_sequence_moves_on(demo):
    records, codes = demo
    importing.insert_reports(records, codes)
    ids = db.session.scalars(select(Report.id).order_by(Report.id)).all()
    by_reference = dict(db.session.execute(select(Report.reference, Report.id)).all())
    assert [by_reference[record["reference"]] for record in records] == ids
    later = Report(reference="HR-7K3M-Q9XA", channel="self", status="draft")
    db.session.add(later)
    db.session.flush()
    assert later.id > ids[-1]


def test_copied_reports_are_counted_exactly_by_the_summary(demo):
    records, codes = demo
    importing.insert_reports(records, codes)
    assert keeping.queued(db.session) > 0, "COPY fires the triggers that queue new reports"
    today = uk_date(now_utc())
    for period in (last_complete_months(today), last_complete_months(today).previous(), Period(today, today)):
        keeping.bring_up_to_date(db.session)
        assert summary_counts(period) == counted(period), period
