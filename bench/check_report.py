""""Check my report" opened, against `/hello` on the same server: the person's own view of a report at
`/check/report`, in a browser session opened with the report's reference and code.

The page is measured, not the POST that opens it: that POST is limited per address (`CHECK_RATE_LIMIT`), as it
should be, so a load from one address would measure the limit. Opening costs one indexed look-up by reference
and one HMAC-SHA256 of the code (microseconds: the code is not stretched, as its 80 random bits need no slow
hash), so the page is the figure that moves.
"""

from statistics import median

from sqlalchemy import select

from reporting.domain import check_codes
from reporting.extensions import db
from reporting.models import Report

from . import wrk
from .client import Browser
from .databases import SECRET_KEY
from .figures import Figure, Target

CLIENTS = 16
CODE = "7KQ2-M9XD-4PTA-WR3C"
PATH = "/check/report"


def _give_a_code(app) -> str:
    """The newest report made online gets the benchmark's code; returns its reference."""
    with app.app_context():
        report = db.session.scalars(
            select(Report).where(Report.submitted, Report.channel == "self").order_by(Report.id.desc()).limit(1)
        ).one()
        report.check_code_hash = check_codes.code_hash(SECRET_KEY, report.reference, CODE)
        db.session.commit()
        reference = report.reference
        db.engine.dispose()
    return reference


def measure(server, app, settings, label: str) -> tuple[list[Figure], list[str]]:
    reference = _give_a_code(app)
    browser = Browser(server.base_url)
    opened = browser.post("/check", {"reference": reference, "code": CODE})
    if opened.status != 302:
        browser.close()
        return [], [f"/check did not open the report ({opened.status})"]
    cookie = browser.cookie_header
    wrk.run(server.base_url, [PATH], CLIENTS, 10, 2, cookie=cookie)
    throughputs, problems = {"hello": [], "check": []}, []
    for _run in range(settings.runs):
        for name, path, sent in (("hello", "/hello", ""), ("check", PATH, cookie)):
            result = wrk.run(server.base_url, [path], CLIENTS, settings.load_requests, settings.load_seconds,
                             cookie=sent)  # fmt: skip
            if not result.only(200):
                problems.append(f"{name} at {CLIENTS} clients: statuses {result.statuses}, {result.errors} errors")
            throughputs[name].append(result.throughput)
    browser.close()
    figure = Figure(f"Check my report, report opened GET throughput ({label})", median(throughputs["check"]),
                    "req/s", f"/hello, {CLIENTS} clients", median(throughputs["hello"]), Target("ratio", ">=", 0.06))
    return [figure], problems
