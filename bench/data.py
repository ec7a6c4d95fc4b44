"""Filling the benchmark's databases with the demo generator's reports, fast enough for a million.

The reports come from the demo data generator (`reporting.demo.generator`, seeded, so a run is
repeatable), drawn once in chunks and written to every database of the run: SQLite through
`executemany` of ready-made rows, PostgreSQL through `COPY`. The rows are those the product's bulk
path writes (`reporting.exchange.importing.insert_reports`), with personal details encrypted by
the app's own keyring. The review summary's triggers fire as for any other write.
"""

import json
import os
import random
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import func, select, text

from reporting.centres.districts import load_demo_districts
from reporting.crypto import encrypt_text
from reporting.demo import generator, loader
from reporting.demo.caseload import set_demo_case_work
from reporting.domain.postcodes import split_postcode
from reporting.domain.ukdates import UK
from reporting.domain.working_days import deadlines
from reporting.extensions import db
from reporting.models import Area, Centre, Report

CHUNK = 20_000
EMPTY_LIST = "[]"
REPORT_COLUMNS = (
    "id", "reference", "channel", "centre_id", "reported_at", "occurred_on", "occurred_on_approximate",
    "reporter_role", "location_type", "area_id", "postcode", "postcode_district", "description", "police_consent",
    "language",
    "support_wanted", "support_kinds", "identifying_fields", "police_contact", "communication_needs", "steps_done",
    "status", "version", "received_at", "referred_at", "closed_at", "created_at", "updated_at",
    "acknowledge_by", "review_by",
)  # fmt: skip
CHILD_COLUMNS = {
    "report_categories": ("report_id", "code"),
    "report_incident_types": ("report_id", "code"),
    "survey_responses": ("report_id", "kind", "question", "score", "answered_at"),
    "contact_details": ("report_id", "name", "phone", "email", "address", "preferred_method"),
    "referrals": ("report_id", "recipient", "organisation", "sent_at", "sent_by_id", "method", "crime_reference"),
}
TABLES = ("reports", *CHILD_COLUMNS)


@dataclass
class Rows:
    """One chunk of reports as rows of each table, in column order."""

    tables: dict[str, list[tuple]] = field(default_factory=lambda: {name: [] for name in TABLES})

    def count(self) -> int:
        return sum(len(rows) for rows in self.tables.values())


@dataclass
class LoadTimes:
    """Seconds spent drawing the reports, turning them into rows (encryption included) and writing them."""

    reports: int
    rows: int
    generate_s: float
    prepare_s: dict[str, float]
    write_s: dict[str, float]


def _postcode_values(postcode: str | None) -> tuple[str | None, str | None]:
    """The full postcode encrypted, as the product stores it, and its district plain."""
    full, district = split_postcode(postcode)
    return (encrypt_text(full) if full else None), district


def _naive(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.astimezone(UTC).replace(tzinfo=None)


class RowMaker:
    """Turns the generator's reports into table rows, with ids given here so children need no look-up."""

    def __init__(self, centres: dict[str, int], areas: dict[str, int], referrers: dict[int, int], first_id: int,
                 now: datetime) -> None:  # fmt: skip
        self.centres, self.areas, self.referrers = centres, areas, referrers
        self.next_id = first_id
        self.now = _naive(now)

    def rows(self, reports: list) -> Rows:
        chunk = Rows()
        for demo in reports:
            self._add(chunk.tables, self.next_id, demo)
            self.next_id += 1
        return chunk

    def _add(self, tables: dict, report_id: int, demo) -> None:
        record = demo.record
        received = datetime.fromisoformat(record["reported_at"])
        reported_at = _naive(received)
        centre_id = self.centres[record["centre"]] if record["centre"] else None
        tables["reports"].append((
            report_id, record["reference"], record["channel"], centre_id, reported_at,
            datetime.fromisoformat(record["occurred_on"]).date(), False, record["reporter_role"],
            record["location_type"], self.areas[record["area"]] if record["area"] else None,
            *_postcode_values(record["postcode"]), encrypt_text(record["description"]), record["police_consent"],
            record["language"], demo.support_wanted,
            EMPTY_LIST, EMPTY_LIST, EMPTY_LIST, EMPTY_LIST, EMPTY_LIST, demo.status, 1, reported_at,
            _naive(demo.referred_at), _naive(demo.closed_at), self.now, self.now, *deadlines(received),
        ))  # fmt: skip
        tables["report_categories"] += [(report_id, code) for code in record["categories"]]
        tables["report_incident_types"] += [(report_id, code) for code in record["incident_types"]]
        for question, score in (record.get("satisfaction") or {}).items():
            tables["survey_responses"].append((report_id, "immediate", question, score, reported_at))
        contact = record.get("contact")
        if contact:
            secret = [encrypt_text(contact[key]) for key in ("name", "phone", "email", "address")]
            tables["contact_details"].append((report_id, *secret, contact["preferred"]))
        sender = self.referrers.get(centre_id)
        for referral in demo.referrals:
            tables["referrals"].append((report_id, referral["recipient"], referral["organisation"],
                                        _naive(referral["sent_at"]), sender, referral["method"],
                                        referral["crime_reference"]))  # fmt: skip


# Writers: one per kind of database


def _sqlite_value(value):
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def write_sqlite(connection, chunk: Rows) -> None:
    """executemany of ready-made rows on the raw sqlite3 connection, in one transaction."""
    cursor = connection.cursor()
    for table, rows in chunk.tables.items():
        if not rows:
            continue
        columns = REPORT_COLUMNS if table == "reports" else CHILD_COLUMNS[table]
        statement = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        cursor.executemany(statement, [tuple(_sqlite_value(value) for value in row) for row in rows])
    connection.commit()


def write_postgres(connection, chunk: Rows) -> None:
    """COPY of each table's rows on the raw psycopg connection, in one transaction."""
    with connection.cursor() as cursor:
        for table, rows in chunk.tables.items():
            if not rows:
                continue
            columns = REPORT_COLUMNS if table == "reports" else CHILD_COLUMNS[table]
            with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
    connection.commit()


WRITERS = {"sqlite": write_sqlite, "postgresql": write_postgres}


# Loading


def add_places_and_staff(app, today) -> tuple[dict, dict, dict]:
    """The demo wards, centres and staff; returns centre and area ids by code, and each centre's referrer."""
    with app.app_context():
        loader._add_missing_areas()
        centres = loader._add_centres(today)
        load_demo_districts()  # so `/centres?postcode=` measures distances, as it does with demo data
        users = loader._add_users(centres)
        db.session.flush()
        referrers = loader._referrers(users)
        db.session.commit()
        centre_ids = dict(db.session.execute(select(Centre.code, Centre.id)).all())
        area_ids = dict(db.session.execute(select(Area.code, Area.id)).all())
        return centre_ids, area_ids, referrers


def load(targets: list, count: int, seed: int, now: datetime) -> LoadTimes:
    """Write `count` demo reports into every target, an (app, Database) pair; the same reports in each."""
    today = now.astimezone(UK).date()
    makers, connections = [], []
    for app, _database in targets:
        centres, areas, referrers = add_places_and_staff(app, today)
        with app.app_context():
            first_id = (db.session.scalar(select(func.max(Report.id))) or 0) + 1
            makers.append(RowMaker(centres, areas, referrers, first_id, now))
            connections.append(db.engine.raw_connection())
    draw = generator.ReportGenerator(random.Random(seed), now)
    generate_s, rows = 0.0, 0
    prepare_s = {database.kind: 0.0 for _app, database in targets}
    write_s = dict(prepare_s)
    try:
        for start in range(0, count, CHUNK):
            began = time.perf_counter()
            reports = draw.reports(min(CHUNK, count - start))
            generate_s += time.perf_counter() - began
            for maker, connection, (app, database) in zip(makers, connections, targets, strict=True):
                began = time.perf_counter()
                with app.app_context():
                    chunk = maker.rows(reports)
                prepare_s[database.kind] += time.perf_counter() - began
                began = time.perf_counter()
                WRITERS[database.kind](connection.driver_connection, chunk)
                write_s[database.kind] += time.perf_counter() - began
            rows += chunk.count()
    finally:
        for connection in connections:
            connection.close()
    for app, database in targets:
        _after_load(app, database, today)
    os.sync()  # the gigabytes just written reach the disk before any figure is measured, not while one is
    return LoadTimes(count, rows, generate_s, prepare_s, write_s)


def _after_load(app, database, today) -> None:
    with app.app_context():
        set_demo_case_work(today)  # caseworkers and some overdue cases, as `demo-data` sets them
        db.session.commit()
        if database.kind == "postgresql":
            db.session.execute(text("SELECT setval('reports_id_seq', (SELECT max(id) FROM reports))"))
            db.session.commit()
            # VACUUM as well as ANALYZE, as PostgreSQL advises after a bulk load: otherwise autovacuum starts on
            # the million new rows on its own and works through them while the figures are being measured.
            # CHECKPOINT then writes what the load left in shared buffers now, not in the middle of a figure.
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.execute(text("VACUUM ANALYZE"))
                connection.execute(text("CHECKPOINT"))
        else:
            db.session.execute(text("ANALYZE"))
            db.session.commit()
            db.session.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))


def exchange_lines_of(reports: list) -> list[str]:
    """The generator's reports as exchange-format lines (for timing `reports import`)."""
    return [json.dumps(report.record, ensure_ascii=False) for report in reports]
