"""The intake write path and the form pages over HTTP, against `/bare` and `/hello` on the same server.

A volunteer signs in and fills in one report step by step through the real form (CSRF token,
session cookie, every step saved); that draft is then copied in the database so that each submit
of the load has a complete draft of its own. Each submit is the browser's POST of the
check-answers page: CSRF check, signed-in session, the conditional update, the audit entry, the
follow-up survey link and the review summary's triggers, exactly as for a person.
"""

from dataclasses import dataclass, field
from statistics import median
from urllib.parse import quote

from sqlalchemy import insert, select

from reporting.demo.generator import DEMO_PASSWORD
from reporting.domain.references import new_reference
from reporting.extensions import db
from reporting.models import ContactDetails, EqualityAnswers, Report, ReportCategory, ReportIncidentType
from tests.support.answers import ASSISTED_ANSWERS as ANSWERS

from . import wrk
from .client import Browser
from .figures import Figure, Target

VOLUNTEER = "volunteer@demo.example"
LEAD = "centre.lead@demo.example"
FORM_STEP = "contact"
CLIENTS = (1, 16)
# Submit latency as a multiple of `/bare`'s at the same percentile and client count, loaded by the same wrk
# settings in the same run: absolute milliseconds on a shared 2-core machine move from run to run with the
# machine, and `/bare` moves with them (docs/performance.md, "Latency targets").
P50_OF_BARE = 2.5  # submit p50 at 1 client
P99_OF_BARE = 3.0  # submit p99 at 16 clients
# Public pages, loaded without signing in: each with the lowest share of /hello's throughput it should reach.
PUBLIC_PAGES = {"find a centre": ("/centres?postcode=M33%207ZF", 0.1)}
# Staff pages loaded by the demo centre lead (Sale Library), each with the lowest share of /hello it should reach.
LEAD_PAGES = {"overdue for a centre": ("/cases/overdue", 0.06)}


def fill_in_report(browser: Browser) -> str:
    """Start a report and answer every step through the form; returns the draft's reference."""
    answer = browser.post("/intake/start", token_from="/intake/start")
    location = answer.location
    reference = location.split("/")[2]
    while location and "check-answers" not in location:
        slug = location.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
        answer = browser.post(location, ANSWERS[slug], token_from=location)
        if answer.status != 302:
            raise RuntimeError(f"the {slug} step was refused ({answer.status})")
        location = answer.location
    return reference


def copy_drafts(app, reference: str, count: int) -> list[str]:
    """`count` copies of the draft, each with a reference of its own, written with Core in one transaction."""
    children = (ReportCategory, ReportIncidentType, ContactDetails, EqualityAnswers)
    with app.app_context():
        reports = Report.__table__
        original = dict(db.session.execute(select(reports).where(reports.c.reference == reference)).mappings().one())
        original_id = original.pop("id")
        child_rows = {}
        for model in children:
            table = model.__table__
            rows = db.session.execute(select(table).where(table.c.report_id == original_id)).mappings()
            child_rows[table] = [{key: value for key, value in row.items() if key != "id"} for row in rows]
        references = _unused_references(count)
        db.session.execute(insert(reports), [{**original, "reference": each} for each in references])
        ids = _ids_of(references)
        for table, rows in child_rows.items():
            if rows:
                db.session.execute(
                    insert(table), [{**row, "report_id": ids[each]} for each in references for row in rows]
                )
        db.session.commit()
    return references


def _unused_references(count: int) -> list[str]:
    wanted: set[str] = set()
    while len(wanted) < count:
        wanted.update(new_reference() for _ in range(count - len(wanted)))
        wanted -= set(_ids_of(sorted(wanted)))
    return sorted(wanted)


def _ids_of(references: list[str]) -> dict[str, int]:
    found = {}
    for start in range(0, len(references), 500):
        chunk = references[start : start + 500]
        found.update(db.session.execute(select(Report.reference, Report.id).where(Report.reference.in_(chunk))).all())
    return found


@dataclass
class Runs:
    """Load results of every run, by what was loaded and how many clients."""

    results: dict[tuple[str, int], list[wrk.LoadResult]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def add(self, name: str, result: wrk.LoadResult, *expected: int) -> None:
        self.results.setdefault((name, result.clients), []).append(result)
        if not result.only(*expected):
            self.problems.append(
                f"{name} at {result.clients} clients: statuses {result.statuses}, {result.errors} errors"
            )

    def throughput(self, name: str, clients: int) -> float:
        return median(result.throughput for result in self.results[(name, clients)])

    def p50(self, name: str, clients: int) -> float:
        return median(result.p50_ms for result in self.results[(name, clients)])

    def p99(self, name: str, clients: int) -> float:
        return median(result.p99_ms for result in self.results[(name, clients)])


def _limits(settings, clients: int) -> tuple[int, float]:
    requests = settings.load_requests if clients > 1 else max(50, settings.load_requests // 4)
    return requests, settings.load_seconds


def run_loads(server, app, settings) -> Runs:
    browser = Browser(server.base_url)
    browser.sign_in(VOLUNTEER, DEMO_PASSWORD)
    reference = fill_in_report(browser)
    token = quote(browser.csrf_token(f"/intake/{reference}/{FORM_STEP}"))
    needed = sum(_limits(settings, clients)[0] + clients + 8 for clients in CLIENTS) * settings.runs
    drafts = iter(copy_drafts(app, reference, needed))
    pages = {"form step": f"/intake/{reference}/{FORM_STEP}", "check answers": f"/intake/{reference}/check-answers"}
    lead = Browser(server.base_url)
    lead.sign_in(LEAD, DEMO_PASSWORD)
    for clients in (1, 16):  # warm both workers: templates compiled, connections open
        wrk.run(server.base_url, ["/hello"], clients, 100, 2)
        wrk.run(server.base_url, [pages["form step"]], clients, 10, 2, cookie=browser.cookie_header)
        for path, _share in PUBLIC_PAGES.values():
            wrk.run(server.base_url, [path], clients, 10, 2)
        for path, _share in LEAD_PAGES.values():
            wrk.run(server.base_url, [path], clients, 10, 2, cookie=lead.cookie_header)
    runs = Runs()
    for _run in range(settings.runs):
        for clients in CLIENTS:
            requests, seconds = _limits(settings, clients)
            browser.get("/intake/start")  # a fresh session cookie, as after any page (the drafts list grows)
            cookie = browser.cookie_header
            runs.add("bare", wrk.run(server.base_url, ["/bare"], clients, requests, seconds, "POST"), 204)
            runs.add("hello", wrk.run(server.base_url, ["/hello"], clients, requests, seconds), 200)
            mine = [f"/intake/{next(drafts)}/check-answers csrf_token={token}" for _ in range(requests + clients + 8)]
            runs.add("submit", wrk.run(server.base_url, mine, clients, requests, seconds, "POST", cookie), 302)
            if clients > 1:
                for name, path in pages.items():
                    runs.add(name, wrk.run(server.base_url, [path], clients, requests, seconds, cookie=cookie), 200)
                for name, (path, _share) in PUBLIC_PAGES.items():
                    runs.add(name, wrk.run(server.base_url, [path], clients, requests, seconds), 200)
                for name, (path, _share) in LEAD_PAGES.items():
                    loaded = wrk.run(server.base_url, [path], clients, requests, seconds, cookie=lead.cookie_header)
                    runs.add(name, loaded, 200)
    browser.close()
    lead.close()
    return runs


def figures(runs: Runs, label: str) -> list[Figure]:
    share = Target("ratio", ">=", 0.30)
    many = max(CLIENTS)
    result = [
        Figure(f"intake submit throughput, 1 client ({label})", runs.throughput("submit", 1), "req/s",
               "/bare, 1 client", runs.throughput("bare", 1), share),
        Figure(f"intake submit throughput, {many} clients ({label})", runs.throughput("submit", many), "req/s",
               f"/bare, {many} clients", runs.throughput("bare", many), share),
        Figure(f"intake submit p50, 1 client ({label})", runs.p50("submit", 1), "ms",
               "/bare p50, 1 client", runs.p50("bare", 1), Target("ratio", "<=", P50_OF_BARE)),
        Figure(f"intake submit p99, {many} clients ({label})", runs.p99("submit", many), "ms",
               f"/bare p99, {many} clients", runs.p99("bare", many), Target("ratio", "<=", P99_OF_BARE)),
    ]  # fmt: skip
    for page in ("form step", "check answers"):
        result.append(
            Figure(f"{page} page GET throughput ({label})", runs.throughput(page, many), "req/s",
                   f"/hello, {many} clients", runs.throughput("hello", many), Target("ratio", ">=", 0.06))
        )  # fmt: skip
    for page, (_path, share) in (PUBLIC_PAGES | LEAD_PAGES).items():
        result.append(
            Figure(f"{page} page GET throughput ({label})", runs.throughput(page, many), "req/s",
                   f"/hello, {many} clients", runs.throughput("hello", many), Target("ratio", ">=", share))
        )  # fmt: skip
    return result
