"""`reports import` of a demo file against a raw bulk insert of the same rows, and the cost of the summary's upkeep.

Each run imports into a freshly migrated database (with the demo centres and areas) through the
`reports import` command in this process; the baseline writes the same reports, already turned
into rows, with `executemany` (SQLite) or `COPY` (PostgreSQL) into another fresh database. The
upkeep figure times single-report transactions with the triggers that keep the review summary
exact, and the same without them, in alternating blocks.
"""

import random
import time
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path
from statistics import median

from sqlalchemy import func, select

from reporting import create_app
from reporting.demo import generator
from reporting.extensions import db
from reporting.models import Report

from . import data
from .databases import migrate
from .figures import Figure, Target

UPKEEP_REPORTS = 600  # of each kind, in blocks of UPKEEP_BLOCK
UPKEEP_BLOCK = 30
PREFIX = "review_queue_"  # the summary's triggers


def _fresh(make_database, stack):
    database = stack.enter_context(make_database())
    migrate(database)
    app = create_app(database.settings())
    return app, database


def import_seconds(make_database, file: Path, lines: int, now: datetime) -> float:
    with ExitStack() as stack:
        app, _database = _fresh(make_database, stack)
        data.add_places_and_staff(app, now.astimezone(generator.UK).date())
        runner = app.test_cli_runner()
        start = time.perf_counter()
        result = runner.invoke(args=["reports", "import", str(file)])
        seconds = time.perf_counter() - start
        with app.app_context():
            stored = db.session.scalar(select(func.count()).select_from(Report))
            db.engine.dispose()
        if result.exit_code or stored != lines:
            raise RuntimeError(f"reports import failed ({result.exit_code}, {stored} stored): {result.output[-500:]}")
        return seconds


def raw_seconds(make_database, reports: list, now: datetime, kind: str) -> tuple[float, tuple[float, float]]:
    """Seconds for the raw bulk insert, and the upkeep ratio measured on the same database afterwards."""
    with ExitStack() as stack:
        app, _database = _fresh(make_database, stack)
        centres, areas, referrers = data.add_places_and_staff(app, now.astimezone(generator.UK).date())
        maker = data.RowMaker(centres, areas, referrers, 1, now)
        with app.app_context():
            chunk = maker.rows(reports)
            connection = db.engine.raw_connection()
            try:
                start = time.perf_counter()
                data.WRITERS[kind](connection.driver_connection, chunk)
                seconds = time.perf_counter() - start
                upkeep = _upkeep_ratio(connection.driver_connection, maker, now, kind)
            finally:
                connection.close()
            db.engine.dispose()
        return seconds, upkeep


def _single_reports(connection, maker, draw, kind: str) -> float:
    """Milliseconds per report for a block of reports written one transaction each."""
    chunks = [maker.rows([report]) for report in draw.reports(UPKEEP_BLOCK)]
    start = time.perf_counter()
    for chunk in chunks:
        data.WRITERS[kind](connection, chunk)
    return (time.perf_counter() - start) / UPKEEP_BLOCK * 1000


def _summary_triggers(connection, kind: str):
    """A switch for the review summary's triggers, `switch(on)`, which commits.

    Only the summary's own triggers are switched: PostgreSQL keeps its foreign-key checks, which
    are triggers of its own, in both halves. Either way the switch is the same schema change.
    """
    cursor = connection.cursor()
    if kind == "sqlite":
        found = cursor.execute(f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '{PREFIX}%'")
        triggers = found.fetchall()

        def switch(on: bool) -> None:
            for name, sql in triggers:
                cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')
                if on:
                    cursor.execute(sql)
            connection.commit()
    else:
        cursor.execute("SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                       f"WHERE t.tgname LIKE '{PREFIX}%'")  # fmt: skip
        triggers = cursor.fetchall()

        def switch(on: bool) -> None:
            for name, table in triggers:
                cursor.execute(f'ALTER TABLE "{table}" {"ENABLE" if on else "DISABLE"} TRIGGER "{name}"')
            connection.commit()

    return switch


def _upkeep_ratio(connection, maker, now: datetime, kind: str) -> tuple[float, float]:
    """Per-report milliseconds with and without the summary's triggers, from blocks taken in turn.

    The halves alternate (on, off, off, on, ...) so that what the machine is doing after the bulk
    load (checkpoints, autovacuum, the page cache filling) falls on both alike.
    """
    draw = generator.ReportGenerator(random.Random(99), now)
    switch = _summary_triggers(connection, kind)
    _single_reports(connection, maker, draw, kind)  # warm-up, with the triggers on
    times = {True: [], False: []}
    for block in range(UPKEEP_REPORTS // UPKEEP_BLOCK):
        for on in (True, False) if block % 2 == 0 else (False, True):
            switch(on)  # before every block, so that both halves start after the same schema change
            times[on].append(_single_reports(connection, maker, draw, kind))
    switch(True)
    return median(times[True]), median(times[False])


def measure(make_database, kind: str, settings, label: str, scratch: Path, now: datetime) -> list[Figure]:
    lines = settings.import_lines
    reports = generator.ReportGenerator(random.Random(settings.seed + 1), now).reports(lines)
    file = scratch / "import.jsonl"
    with file.open("w", encoding="utf-8") as handle:
        for line in data.exchange_lines_of(reports):
            handle.write(line + "\n")
    imports, raws, upkeeps = [], [], []
    for _run in range(settings.runs):
        imports.append(import_seconds(make_database, file, lines, now))
        seconds, upkeep = raw_seconds(make_database, reports, now, kind)
        raws.append(seconds)
        upkeeps.append(upkeep)
    import_rate = lines / median(imports)
    raw_rate = lines / median(raws)
    with_triggers = median(pair[0] for pair in upkeeps)
    plain = median(pair[1] for pair in upkeeps)
    file.unlink(missing_ok=True)
    return [
        Figure(f"reports import, {lines:,} lines ({label})", import_rate, "reports/s",
               "raw bulk insert of the same rows", raw_rate, Target("ratio", ">=", 0.25)),
        Figure(f"review summary upkeep per report written ({label})", with_triggers, "ms",
               "the same insert without the summary's triggers", plain, Target("ratio", "<=", 1.3)),
    ]  # fmt: skip
