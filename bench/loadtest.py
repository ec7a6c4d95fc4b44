"""`make loadtest`: concurrent reports and staff page views against gunicorn on a throwaway PostgreSQL.

    .venv/bin/python -m bench.loadtest

Starts a durable throwaway PostgreSQL cluster, migrates a database and fills it with demo data,
serves the app with gunicorn (LOADTEST_WORKERS sync workers, default 4) on loopback, and runs
Locust headless (bench/locustfile.py): people reporting online, volunteers taking assisted
reports and the partnership unit reading pages, bounded by LOADTEST_SECONDS (default 60) and
LOADTEST_MAX_SUBMISSIONS successful submissions (default 300), with LOADTEST_USERS users
(default 24). Afterwards it counts the reports in the database against the submissions that got
a success answer: none may be lost or duplicated, and no request may fail. Prints the figures,
writes bench/loadtest.json, and exits 1 if anything was lost, duplicated or failed.
"""

import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select

from reporting import create_app
from reporting.demo.generator import DEMO_PASSWORD
from reporting.domain.ukdates import now_utc
from reporting.extensions import db
from reporting.models import Report

from . import data
from .app import create_bench_table
from .databases import migrate, postgres_cluster, postgres_database
from .figures import machine
from .server import gunicorn

HERE = Path(__file__).resolve().parent
GENEROUS = {"SELF_REPORT_RATE_LIMIT": "100000 per minute", "SELF_REPORT_START_RATE_LIMIT": "100000 per hour",
            "SIGN_IN_RATE_LIMIT": "100000 per minute"}  # fmt: skip


def _setting(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


def submitted_counts(app) -> dict[str, int]:
    """How many times each reference was submitted: 1 each, when no report was stored twice."""
    with app.app_context():
        rows = db.session.execute(
            select(Report.reference, func.count()).where(Report.status != "draft").group_by(Report.reference)
        ).all()
        db.session.remove()
    return dict(rows)


def _locust(base_url: str, scratch: Path, users: int, seconds: int, submissions: int, successes: Path) -> Path:
    prefix = scratch / "locust"
    command = [
        sys.executable, "-m", "locust", "-f", str(HERE / "locustfile.py"), "--headless", "--host", base_url,
        "--users", str(users), "--spawn-rate", str(max(1, users // 4)), "--run-time", f"{seconds}s",
        "--stop-timeout", "30", "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
    ]  # fmt: skip
    environment = {**os.environ, "LOADTEST_PASSWORD": DEMO_PASSWORD, "LOADTEST_MAX_SUBMISSIONS": str(submissions),
                   "LOADTEST_SUBMISSIONS_FILE": str(successes), "PYTHONPATH": str(HERE.parent)}  # fmt: skip
    subprocess.run(command, cwd=HERE.parent, env=environment, timeout=seconds + 120, check=False)
    return Path(f"{prefix}_stats.csv")


def _stats(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _figures(rows: list[dict], before: dict, after: dict, successes: list[str], seconds: float) -> dict:
    total = next(row for row in rows if row["Name"] == "Aggregated")
    new = {reference: count for reference, count in after.items() if reference not in before}
    succeeded = [reference for reference in successes if reference != "?"]
    return {
        "seconds": round(seconds, 1),
        "requests": int(total["Request Count"]),
        "failed_requests": int(total["Failure Count"]),
        "requests_per_second": round(float(total["Requests/s"]), 1),
        "p50_ms": float(total["50%"]),
        "p95_ms": float(total["95%"]),
        "p99_ms": float(total["99%"]),
        "submissions_with_success_answer": len(successes),
        "reports_stored": sum(new.values()),
        "lost": len([reference for reference in succeeded if reference not in new]),
        "duplicated": sum(count - 1 for count in new.values() if count > 1) + (len(successes) - len(set(successes))),
        "stored_without_success_answer": len([reference for reference in new if reference not in set(succeeded)]),
        "by_request": {
            row["Name"]: {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "p50_ms": float(row["50%"]),
                "p99_ms": float(row["99%"]),
            }  # fmt: skip
            for row in rows
            if row["Name"] != "Aggregated"
        },
    }


def _print(result: dict) -> None:
    out = sys.stdout
    out.write(f"\nLoad test: {result['users']} users, gunicorn {result['workers']} sync workers, ")
    out.write("PostgreSQL (durable), loopback\n")
    for key in ("seconds", "requests", "failed_requests", "requests_per_second", "p50_ms", "p95_ms", "p99_ms",
                "submissions_with_success_answer", "reports_stored", "lost", "duplicated",
                "stored_without_success_answer"):  # fmt: skip
        out.write(f"  {key.replace('_', ' ')}: {result[key]}\n")
    out.write("  by request (requests, failures, p50 ms, p99 ms):\n")
    for name, row in sorted(result["by_request"].items()):
        out.write(f"    {name}: {row['requests']}, {row['failures']}, {row['p50_ms']:g}, {row['p99_ms']:g}\n")


def main() -> int:
    users, seconds = _setting("LOADTEST_USERS", 24), _setting("LOADTEST_SECONDS", 60)
    submissions, workers = _setting("LOADTEST_MAX_SUBMISSIONS", 300), _setting("LOADTEST_WORKERS", 4)
    scratch = Path(tempfile.mkdtemp(prefix="loadtest-", dir="/tmp"))
    with postgres_cluster() as server_url, postgres_database(server_url, "loadtest") as database:
        migrate(database)
        app = create_app(database.settings())
        data.load([(app, database)], _setting("LOADTEST_REPORTS", 5000), 2026, now_utc())
        with app.app_context():
            create_bench_table(db.engine)
        before = submitted_counts(app)
        successes = scratch / "successes.txt"
        successes.touch()
        environment = {**database.environment(), **GENEROUS}
        with gunicorn(environment, workers=workers, log_path=scratch / "gunicorn.log") as server:
            started = time.monotonic()
            stats = _locust(server.base_url, scratch, users, seconds, submissions, successes)
            elapsed = time.monotonic() - started
        after = submitted_counts(app)
        with app.app_context():
            db.engine.dispose()
    result = _figures(_stats(stats), before, after, successes.read_text().split(), elapsed)
    result.update(users=users, workers=workers, machine=machine(), date=datetime.now(UTC).isoformat(timespec="seconds"))
    (HERE / "loadtest.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    _print(result)
    ok = not (result["lost"] or result["duplicated"] or result["failed_requests"])
    sys.stdout.write(f"LOADTEST {'passed' if ok else 'FAILED'}: no lost or duplicated reports, no failed requests\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
