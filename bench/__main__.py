"""`python -m bench`: every figure of the benchmark, on SQLite and on a throwaway PostgreSQL, in one run.

Builds each database through the migrations, fills it with BENCH_REPORTS demo reports (default a
million), serves the app with gunicorn (2 sync workers) on loopback, and measures the intake write
path, the form pages, the review, the PDFs, the import and the charts, each against a baseline
measured in the same run. Prints the table, writes bench/results.json, and ends with one line of
ratios and whether each target is met. Exits 0 either way: the figures are for people, not a gate.
See bench/settings.py for the knobs.
"""

import sys
import time
from contextlib import ExitStack
from dataclasses import asdict

from reporting import create_app
from reporting.domain.ukdates import now_utc
from reporting.extensions import db

from . import (
    case_pages,
    charts,
    check_report,
    data,
    http_paths,
    importing,
    linking,
    pdf,
    public_statistics,
    review,
    roundtrips,
    through_nginx,
)
from .app import create_bench_table
from .databases import migrate, postgres_cluster, postgres_database, sqlite_database
from .figures import last_line, table, write_results
from .server import gunicorn
from .settings import Settings

LABELS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
WORKERS = 2
STARTED = time.monotonic()


def say(message: str) -> None:
    sys.stderr.write(f"[bench {time.monotonic() - STARTED:7.1f}s] {message}\n")
    sys.stderr.flush()


def _open_databases(stack: ExitStack, settings: Settings) -> tuple[list, str | None]:
    server = stack.enter_context(postgres_cluster()) if "postgresql" in settings.databases else None
    targets = []
    for kind in settings.databases:
        database = stack.enter_context(sqlite_database() if kind == "sqlite" else postgres_database(server))
        migrate(database)
        targets.append((create_app(database.settings()), database))
    return targets, server


def _fresh_database_maker(kind: str, server: str | None):
    if kind == "sqlite":
        return lambda: sqlite_database("import")
    return lambda: postgres_database(server, "reporting_import")


def _served_figures(app, database, settings: Settings, label: str, details: dict) -> list:
    figures = []
    log = database.scratch / "gunicorn.log"
    with gunicorn(database.environment(), workers=WORKERS, log_path=log) as server:
        baseline_mb = server.worker_now_mb()
        say(f"{label}: intake write path and form pages")
        runs = http_paths.run_loads(server, app, settings)
        figures += http_paths.figures(runs, label)
        details["problems"] += runs.problems
        say(f"{label}: linking: the submit with and without it, and suggesting links for one report")
        linking_figures, linking_problems = linking.measure(server, app, database, settings, label)
        figures += linking_figures
        details["problems"] += linking_problems
        say(f"{label}: /hello through nginx and directly")
        nginx_figures, nginx_problems = through_nginx.measure(server, settings, label)
        figures += nginx_figures
        details["problems"] += nginx_problems
        say(f"{label}: a report by its reference and the filtered reports list")
        case_figures, case_problems = case_pages.measure(server, app, settings, label)
        figures += case_figures
        details["problems"] += case_problems
        say(f"{label}: Check my report")
        check_figures, check_problems = check_report.measure(server, app, settings, label)
        figures += check_figures
        details["problems"] += check_problems
        say(f"{label}: review dashboard and counts")
        review.create_covering_indexes(app, database.kind)
        review_figures, review_details = review.measure(server, app, settings, label)
        review.drop_covering_indexes(app)
        figures += review_figures
        details[label] = review_details
        say(f"{label}: PDFs")
        figures += pdf.measure(server, app, settings, label)
        figures.append(pdf.memory_figure(server, baseline_mb, label))
        say(f"{label}: the public statistics page")
        statistics_figures, statistics_problems = public_statistics.measure(server, settings, label)
        figures += statistics_figures
        details["problems"] += statistics_problems
    return figures


def run(settings: Settings) -> tuple[list, dict]:
    now = now_utc()
    figures: list = []
    details: dict = {"reports": settings.reports, "runs": settings.runs, "data": {}, "problems": []}
    with ExitStack() as stack:
        say(f"databases: {', '.join(settings.databases)}")
        targets, server = _open_databases(stack, settings)
        say(f"generating {settings.reports:,} demo reports into each database")
        times = data.load(targets, settings.reports, settings.seed, now)
        details["data"]["load"] = asdict(times)
        for app, database in targets:
            label = LABELS[database.kind]
            recount_s, pairs = review.first_recount_seconds(app)
            details["data"][database.kind] = {
                "size_mb": round(database.size_mb()),
                "first_summary_recount_s": round(recount_s, 2),
                "month_centre_pairs": pairs,
            }
            with app.app_context():
                create_bench_table(db.engine)
                db.engine.dispose()
            say(f"{label}: fingerprints of every report with contact details, for linking")
            details["data"][database.kind]["fingerprints"] = linking.fill_fingerprints(app)
            say(f"{label}: publishing the last eight quarters' statistics")
            details["data"][database.kind]["statistics_publish_s"] = round(public_statistics.publish_quarters(app), 2)
            say(f"{label}: {settings.reports:,} reports loaded; serving with gunicorn, {WORKERS} sync workers")
            figures += _served_figures(app, database, settings, label, details)
            if database.kind == "postgresql":
                say(f"{label}: one round trip and one commit, timed with the driver alone")
                details["postgresql_round_trips"] = roundtrips.measure(database.url)
            say(f"{label}: reports import of {settings.import_lines:,} lines")
            maker = _fresh_database_maker(database.kind, server)
            figures += importing.measure(maker, database.kind, settings, label, database.scratch, now)
        say("charts")
        figures += charts.measure(targets[0][0], settings)
    return figures, details


def main() -> int:
    settings = Settings.from_environment()
    figures, details = run(settings)
    details["configuration"] = {
        "server": f"gunicorn, {WORKERS} sync workers, loopback",
        "sqlite": "WAL, synchronous=NORMAL",
        "postgresql": "throwaway cluster, durable (fsync on)",
        "load": "wrk (bounded in requests and seconds)",
    }
    write_results(settings.results, figures, details)
    sys.stdout.write(table(figures) + "\n\n")
    if "postgresql_round_trips" in details:
        sys.stdout.write(roundtrips.describe(details["postgresql_round_trips"]) + "\n")
    for problem in details["problems"]:
        sys.stdout.write(f"problem: {problem}\n")
    sys.stdout.write(f"results written to {settings.results}\n")
    sys.stdout.write(last_line(figures) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
