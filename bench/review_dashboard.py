"""Measure the partnership review over many reports: the six-month dashboard and `review counts`.

    .venv/bin/python -m bench.review_dashboard [--reports 1000000] [--keep]

Builds a throwaway SQLite database under /tmp through the migrations (so the review summary's
triggers are in place), fills it in batches with Core bulk inserts spread over the 14 months
before today (reports, their categories and incident types, and survey answers for a quarter
of them), then times:

- the first recount of the review summary after the bulk load (`summary.bring_up_to_date`),
- `GET /review/` (the default six whole months, with the six before) for a partnership user,
- the counting behind `review counts --by centre,category` for the same six months, and the
  command itself end to end,
- `review pack` for the six months.

Prints one JSON object with the figures (seconds; medians of several runs) and deletes the
database unless `--keep` is given.
"""

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

BATCH = 20_000
PARTNERSHIP = "partnership@bench.example"
CATEGORY_WEIGHTS = {"race": 50, "religion": 22, "sexual_orientation": 14, "disability": 4, "transgender": 7,
                    "alternative_subculture": 2, "sex_gender": 7, "age": 3, "other": 5}  # fmt: skip
INCIDENT_WEIGHTS = {"verbal_abuse": 45, "threats": 17, "harassment": 15, "physical_assault": 6, "spitting": 6,
                    "damage": 5, "graffiti": 4, "online": 12, "written": 2, "theft": 2, "mate_crime": 1,
                    "sexual": 2, "other": 3}  # fmt: skip


def _timed(action, runs: int = 1) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _pick(rng: random.Random, weights: dict, count: int) -> list[str]:
    return sorted(set(rng.choices(list(weights), list(weights.values()), k=count)))


def _batch(rng, start: int, size: int, centres: list[int], areas: list[int], now: datetime) -> tuple:
    reports, categories, incident_types, answers = [], [], [], []
    for number in range(start, start + size):
        reported_at = now - timedelta(seconds=rng.randrange(426 * 86_400))
        centre = rng.choice(centres) if rng.random() < 0.7 else None
        reports.append({
            "id": number, "reference": f"HRB{number:09d}", "channel": "assisted" if centre else "self",
            "centre_id": centre, "reported_at": reported_at, "received_at": reported_at,
            "occurred_on": (reported_at - timedelta(days=rng.choice([0, 0, 1, 1, 2, 3, 7, 14]))).date(),
            "reporter_role": rng.choice(["victim", "victim", "witness", "third_party"]),
            "location_type": rng.choice(["street", "home", "public_transport", "shop", "online"]),
            "area_id": rng.choice(areas) if rng.random() < 0.88 else None,
            "postcode": "M33 7ZF" if rng.random() < 0.5 else None,
            "police_consent": rng.choice(["named", "anonymous", "none", None]),
            "language": rng.choice(["en"] * 8 + ["ur", "pl"]), "status": rng.choice(["received", "referred", "closed"]),
            "referred_at": reported_at + timedelta(hours=rng.randrange(1, 120)) if rng.random() < 0.6 else None,
            "support_wanted": rng.choice([True, False, None]),
        })  # fmt: skip
        categories += [{"report_id": number, "code": c} for c in _pick(rng, CATEGORY_WEIGHTS, rng.choice([1, 1, 2]))]
        incident_types += [{"report_id": number, "code": c} for c in _pick(rng, INCIDENT_WEIGHTS, rng.choice([1, 2]))]
        if rng.random() < 0.25:
            answers += [
                {
                    "report_id": number,
                    "kind": "immediate",
                    "question": question,
                    "score": rng.randint(1, 5),
                    "answered_at": reported_at,
                }  # fmt: skip
                for question in ("ease", "treatment", "informed", "overall")
            ]
    return reports, categories, incident_types, answers


def _places(today) -> tuple[list[int], list[int]]:
    """The demo wards and centres, and one partnership user; returns the centre and area ids."""
    from reporting.auth.services import hash_password
    from reporting.demo import generator
    from reporting.extensions import db
    from reporting.models import Area, Centre, User

    areas = {code: Area(code=code, name=name) for code, name in generator.wards()}
    db.session.add_all(areas.values())
    db.session.flush()
    centres = []
    for row in generator.demo_centres(today):
        centres.append(Centre(area_id=areas[row.pop("area")].id, **row))
    db.session.add_all(centres)
    password = hash_password(generator.DEMO_PASSWORD)
    db.session.add(User(email=PARTNERSHIP, role="partnership", password_hash=password, active=True))
    db.session.commit()
    return [centre.id for centre in centres], [area.id for area in areas.values()]


def build(app, count: int, seed: int = 2026) -> float:
    """Fill the database with `count` reports; returns the seconds it took."""
    from reporting.extensions import db
    from reporting.models import Report, ReportCategory, ReportIncidentType, SurveyResponse

    rng = random.Random(seed)
    now = datetime.now(UTC)
    start = time.perf_counter()
    with app.app_context():
        centre_ids, area_ids = _places(now.date())
        for first in range(1, count + 1, BATCH):
            rows = _batch(rng, first, min(BATCH, count - first + 1), centre_ids, area_ids, now)
            for model, values in zip((Report, ReportCategory, ReportIncidentType, SurveyResponse), rows, strict=True):
                if values:
                    db.session.execute(insert(model.__table__), values)
            db.session.commit()
    return time.perf_counter() - start


def measure(app, runs: int) -> dict:
    from reporting.extensions import db
    from reporting.review import counting, summary
    from reporting.review.periods import last_complete_months

    figures = {}
    with app.app_context():
        figures["summary_catch_up_s"], recounted = _timed(lambda: summary.bring_up_to_date(db.session))
        figures["summary_catch_up_pairs"] = recounted
        figures["summary_full_recount_s"], recounted = _timed(
            lambda: (summary.mark_all_for_recount(db.session), summary.bring_up_to_date(db.session))[1]
        )
        figures["summary_full_recount_pairs"] = recounted
        period = last_complete_months(datetime.now(UTC).date())
        figures["period"] = f"{period.first} to {period.last}"
        figures["reports_in_period"] = counting.total_reports(db.session, period)
        figures["counts_centre_category_function_s"], rows = _timed(
            lambda: counting.count_reports(db.session, period, ("centre", "category")), runs
        )
        figures["counts_rows"] = len(rows)
    client = app.test_client()
    from reporting.demo.generator import DEMO_PASSWORD

    client.post("/sign-in", data={"email": PARTNERSHIP, "password": DEMO_PASSWORD})
    client.get("/review/")  # templates compiled, caches warm
    figures["dashboard_six_months_s"], response = _timed(lambda: client.get("/review/"), runs)
    figures["dashboard_status"] = response.status_code
    runner = app.test_cli_runner()
    first, last = period.first.isoformat(), period.last.isoformat()
    figures["counts_command_s"], result = _timed(
        lambda: runner.invoke(args=["review", "counts", "--from", first, "--to", last, "--by", "centre,category"]), runs
    )
    assert result.exit_code == 0, result.output
    out = Path(tempfile.gettempdir()) / "bench-review-pack.pdf"
    figures["pack_command_s"], result = _timed(
        lambda: runner.invoke(args=["review", "pack", "--from", first, "--to", last, "--out", str(out)])
    )
    if result.exit_code:
        figures["pack_problem"] = (result.output or repr(result.exception))[-300:]
    out.unlink(missing_ok=True)
    return figures


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="Keep the database file afterwards.")
    parser.add_argument("--database", type=Path, help="Measure this SQLite file (built before with --keep) as it is.")
    options = parser.parse_args(argv)

    from flask_migrate import upgrade

    from reporting import create_app

    path = options.database or Path(tempfile.mkdtemp(prefix="bench-review-", dir="/tmp")) / "reporting.sqlite3"
    settings = {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", "RATELIMIT_ENABLED": False, "WTF_CSRF_ENABLED": False}
    app = create_app(settings)
    try:
        figures = {"reports": options.reports}
        if options.database is None:
            with app.app_context():
                upgrade()
            figures["build_s"] = round(build(app, options.reports), 1)
        figures["database_mb"] = round(path.stat().st_size / 1e6)
        figures.update(measure(app, options.runs))
        json.dump({key: round(value, 3) if isinstance(value, float) else value for key, value in figures.items()},
                  sys.stdout, indent=2)  # fmt: skip
        sys.stdout.write("\n")
    finally:
        if not (options.keep or options.database):
            for leftover in path.parent.glob("*"):
                leftover.unlink()
            path.parent.rmdir()


if __name__ == "__main__":
    main()
