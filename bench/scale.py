"""`make scale-test`: the shipped deployment (deploy/) run end to end on loopback, with its figures.

    .venv/bin/python -m bench.scale

Starts, from installed packages: a throwaway durable PostgreSQL with the demo data, Redis on a loopback port, two
app servers (gunicorn with deploy/gunicorn.conf.py, REPORTING_ENV=production, TRUSTED_PROXIES=1, rate limits in
Redis) and nginx in front, from deploy/nginx/reporting.conf with a certificate made for the run. Clients connect
from different loopback addresses, so each is another visitor to nginx. It shows, with numbers:

  (a) a visitor's sign-in rate limit holds across both app servers, and another visitor is not affected;
  (b) a volunteer's session works whichever server answers, and signing out ends it on both;
  (c) a server killed after it committed a submit but before its answer: the answer is lost, nginx does not send
      the POST to the other server, and sending the same draft again stores nothing more; then a bounded load of
      self-reports and assisted reports (the Locust users of `make loadtest`) through nginx, with one server
      killed (SIGKILL) part-way and restarted: every report that got a success answer is stored, every draft once
      however often it was sent, and the review summary equals a recount;
  (d) PDFs render on both servers, /healthz answers through nginx and plainly on each server, and static files
      come with their cache headers, compressed.

Everything it started is stopped by its process id, even on failure, and checked to be gone. Exits 1 if any
check fails. SCALE_SECONDS (default 45) bounds the load, SCALE_USERS (default 16) its users.
"""

import json
import os
import re
import signal
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import func, select

from reporting import create_app
from reporting.demo.generator import DEMO_PASSWORD
from reporting.domain.periods import Period
from reporting.extensions import db
from reporting.models import AuditEvent, Report, User

from .client import Browser
from .databases import Database, migrate, postgres_cluster, postgres_database
from .deployment import STARTED, AppServer, nginx, redis_server
from .loadtest import submitted_counts
from .server import free_port, stop_process

HERE = Path(__file__).resolve().parent
VOLUNTEER = "volunteer@demo.example"
SIGN_IN_LIMIT = 10  # per minute, per visitor (the default SIGN_IN_RATE_LIMIT)
HOLD_HEADER = "X-Scale-Test-Hold"
KILL_AFTER = 5  # success answers in the load before a server is killed
# The load's people report from one address (Locust's): the per-address limits on reports made online are raised
# for it, as the rate-limit figures are (a); sign-in keeps its production limit.
LOAD_LIMITS = {"SELF_REPORT_RATE_LIMIT": "100000 per minute", "SELF_REPORT_START_RATE_LIMIT": "100000 per hour",
               "SELF_REPORT_ADDRESS_RATE_LIMIT": "100000 per minute",
               "SELF_REPORT_ADDRESS_START_RATE_LIMIT": "100000 per hour"}  # fmt: skip
# A gunicorn configuration for the test alone: the shipped one, plus a hook that lets one request's answer wait
# after the app has finished with it (committed), so a server can be killed at exactly that moment.
TEST_GUNICORN_CONF = """
import os, runpy, time
globals().update({{k: v for k, v in runpy.run_path({shipped!r}).items() if not k.startswith("__")}})

class HoldAnswer:
    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        hold = environ.get("HTTP_X_SCALE_TEST_HOLD")
        answer = self.app(environ, start_response)
        if hold:
            with open(os.path.join({folder!r}, "held-%d" % os.getpid()), "w") as mark:
                mark.write("held")
            time.sleep(float(hold))
        return answer

def post_worker_init(worker):
    worker.wsgi = HoldAnswer(worker.wsgi)
"""


@dataclass
class Checks:
    results: list[tuple[str, bool, str]] = field(default_factory=list)

    def check(self, name: str, ok: bool, figures: str = "") -> bool:
        self.results.append((name, bool(ok), figures))
        sys.stdout.write(f"  [{'ok' if ok else 'FAILED'}] {name}{': ' + figures if figures else ''}\n")
        sys.stdout.flush()
        return bool(ok)

    @property
    def failed(self) -> list[str]:
        return [name for name, ok, _ in self.results if not ok]


def say(message: str) -> None:
    sys.stdout.write(f"\n{message}\n")
    sys.stdout.flush()


@dataclass
class Deployment:
    app: object  # the test's own app on the same database (for counting)
    servers: list[AppServer]
    proxy: object
    tls: ssl.SSLContext
    scratch: Path

    def visitor(self, source: str) -> Browser:
        return Browser(self.proxy.base_url, source=source, tls=self.tls)

    def direct(self, server: AppServer, source: str = "127.0.0.9") -> Browser:
        """A browser that reaches one app server directly, with the headers nginx would add for `source`."""
        return Browser(server.base_url, headers={"X-Forwarded-For": source, "X-Forwarded-Proto": "https"})

    def upstreams_of(self, source: str, method: str, path_start: str, since: int) -> Counter:
        """Which app servers answered `source`'s requests (nginx's access log from line `since`)."""
        found = Counter()
        for line in self.proxy.log_lines()[since:]:
            if line.startswith(source + " ") and f'"{method} {path_start}' in line:
                upstream = re.search(r"upstream=(\S+)", line).group(1).rstrip(",")
                found[self.server_named(upstream)] += 1
        return found

    def server_named(self, address: str) -> str:
        return next((server.name for server in self.servers if server.address == address), address)

    def log_length(self) -> int:
        return len(self.proxy.log_lines())


def _sign_in_attempt(browser: Browser, token: str, email: str) -> int:
    form = {"email": email, "password": "not the password", "csrf_token": token}
    return browser.request("POST", "/sign-in", form).status


def rate_limits(deployment: Deployment, checks: Checks) -> None:
    say("(a) A visitor's sign-in rate limit, shared by both app servers (Redis)")
    since = deployment.log_length()
    first = deployment.visitor("127.0.0.2")
    token = first.csrf_token("/sign-in")
    statuses = [_sign_in_attempt(first, token, "nobody@scale.example") for _ in range(SIGN_IN_LIMIT + 2)]
    answered = statuses.index(429) if 429 in statuses else len(statuses)
    landed = deployment.upstreams_of("127.0.0.2", "POST", "/sign-in", since)
    checks.check("visitor 127.0.0.2 is refused after the limit, counted across both servers",
                 answered == SIGN_IN_LIMIT and statuses[SIGN_IN_LIMIT:] == [429, 429] and len(landed) == 2,
                 f"{answered} attempts answered, then {statuses[answered:]}; limit {SIGN_IN_LIMIT} a minute; "
                 f"attempts by server {dict(sorted(landed.items()))}")  # fmt: skip
    other = deployment.visitor("127.0.0.3")
    token = other.csrf_token("/sign-in")
    status = _sign_in_attempt(other, token, "nobody@scale.example")
    checks.check("another visitor (127.0.0.3) is not affected", status == 200, f"its first attempt answered {status}")
    first.close()
    other.close()


def _reports_page_works(browser: Browser) -> bool:
    answer = browser.get("/intake/drafts")
    return answer.status == 200 and "sign-out" in answer.body


def sessions(deployment: Deployment, checks: Checks) -> None:
    say("(b) A volunteer's session on either server, and signing out ends it on both")
    since = deployment.log_length()
    volunteer = deployment.visitor("127.0.0.4")
    volunteer.sign_in(VOLUNTEER, DEMO_PASSWORD)
    through_nginx = [_reports_page_works(volunteer) for _ in range(6)]
    landed = deployment.upstreams_of("127.0.0.4", "GET", "/intake/drafts", since)
    direct = []
    for server in deployment.servers:
        browser = deployment.direct(server, "127.0.0.4")
        browser.cookies = dict(volunteer.cookies)
        direct.append(_reports_page_works(browser))
        browser.close()
    checks.check("signed in, staff pages answer through nginx and on each server directly",
                 all(through_nginx) and len(landed) == 2 and all(direct),
                 f"{sum(through_nginx)}/6 through nginx (by server {dict(sorted(landed.items()))}), "
                 f"{sum(direct)}/{len(direct)} directly")  # fmt: skip
    copied = dict(volunteer.cookies)
    token = volunteer.csrf_token("/intake/drafts")
    signed_out = volunteer.request("POST", "/sign-out", {"csrf_token": token})
    still = []
    for server in deployment.servers:
        browser = deployment.direct(server, "127.0.0.4")
        browser.cookies = dict(copied)
        answer = browser.get("/intake/drafts")
        still.append(answer.status == 200)
        browser.close()
    replay = deployment.visitor("127.0.0.4")
    replay.cookies = dict(copied)
    through = [replay.get("/intake/drafts").status for _ in range(4)]
    checks.check("after signing out, the old session cookie works nowhere",
                 signed_out.status == 302 and not any(still) and all(status == 302 for status in through),
                 f"sign-out {signed_out.status}; replayed cookie: {sum(still)}/{len(still)} servers directly and "
                 f"{sum(status == 200 for status in through)}/4 through nginx still let it in")  # fmt: skip
    volunteer.close()
    replay.close()


def pdfs_health_static(deployment: Deployment, checks: Checks) -> None:
    say("(d) PDFs on both servers, /healthz, static files")
    with deployment.app.app_context():
        volunteer = db.session.scalar(select(User).where(User.email == VOLUNTEER))
        reference = db.session.scalar(
            select(Report.reference).where(Report.centre_id == volunteer.centre_id, Report.status != "draft").limit(1)
        )
        db.session.remove()
    signed_in = deployment.visitor("127.0.0.5")
    signed_in.sign_in(VOLUNTEER, DEMO_PASSWORD)
    rendered = []
    for server in deployment.servers:
        browser = deployment.direct(server, "127.0.0.5")
        browser.cookies = dict(signed_in.cookies)
        started = time.monotonic()
        answer = browser.get(f"/reports/{reference}/receipt")
        seconds = time.monotonic() - started
        text = _pdf_text(browser.last_body) if answer.status == 200 else ""
        rendered.append((server.name, answer.status, reference in text, seconds))
        browser.close()
    checks.check("a receipt PDF renders on each server",
                 all(status == 200 and found for _, status, found, _ in rendered),
                 ", ".join(f"{name}: {status}, reference in text {found}, {seconds:.2f} s"
                           for name, status, found, seconds in rendered))  # fmt: skip
    signed_in.close()
    visitor = deployment.visitor("127.0.0.6")
    health = visitor.get("/healthz")
    plain = []
    for server in deployment.servers:
        probe = Browser(server.base_url)  # a load balancer's probe: plain HTTP, no forwarded headers
        plain.append(probe.get("/healthz").status)
        probe.close()
    checks.check("/healthz answers through nginx, and over plain HTTP on each server",
                 health.status == 200 and json.loads(health.body).get("database") == "ok" and plain == [200, 200],
                 f"through nginx {health.status} {health.body.strip()}; plain HTTP {plain}")  # fmt: skip
    home = visitor.get("/report/")
    css = re.search(r'href="(/static/css/app\.css\?v=[0-9a-f]+)"', home.body)
    versioned = visitor.request("GET", css.group(1), headers={"Accept-Encoding": "gzip"}) if css else None
    versioned_headers = dict(visitor.last_headers) if css else {}
    plain_css = visitor.request("GET", "/static/css/app.css", headers={"Accept-Encoding": "gzip"})
    plain_headers = dict(visitor.last_headers)
    checks.check("static files: a year for a versioned URL, revalidated otherwise, both compressed",
                 versioned is not None and versioned.status == 200 and plain_css.status == 200
                 and "immutable" in versioned_headers.get("Cache-Control", "")
                 and plain_headers.get("Cache-Control") == "no-cache"
                 and versioned_headers.get("Content-Encoding") == plain_headers.get("Content-Encoding") == "gzip",
                 f"{css.group(1) if css else 'no versioned stylesheet on the page'}: "
                 f"{versioned_headers.get('Cache-Control')}, {versioned_headers.get('Content-Encoding')}; "
                 f"unversioned: {plain_headers.get('Cache-Control')}, "
                 f"{plain_headers.get('Content-Encoding')}")  # fmt: skip
    redirect = Browser(f"http://127.0.0.1:{deployment.proxy.http_port}")
    answer = redirect.get("/report/")
    location = redirect.last_headers.get("Location", "")
    redirect.close()
    checks.check("plain HTTP to nginx is sent to HTTPS", answer.status == 301 and location.startswith("https://"),
                 f"{answer.status} to {location}")
    visitor.close()


def _pdf_text(content: bytes) -> str:
    import io

    from pypdf import PdfReader

    try:
        return "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)
    except Exception:  # not a PDF: the check fails on the missing reference
        return ""


# (c) A server killed after its commit, then the load


def _filled_in_draft(deployment: Deployment, source: str) -> tuple[Browser, str, str]:
    from .http_paths import fill_in_report

    volunteer = deployment.visitor(source)
    volunteer.sign_in(VOLUNTEER, DEMO_PASSWORD)
    reference = fill_in_report(volunteer)
    token = volunteer.csrf_token(f"/intake/{reference}/check-answers")
    return volunteer, reference, token


def _stored(app, reference: str) -> tuple[int, int]:
    """How many submitted reports carry `reference`, and how many times its submission was recorded."""
    with app.app_context():
        reports = db.session.scalar(
            select(func.count()).select_from(Report).where(Report.reference == reference, Report.status != "draft")
        )
        submitted = db.session.scalar(
            select(func.count()).select_from(AuditEvent)
            .where(AuditEvent.action == "report_submitted", AuditEvent.object_id == reference)
        )  # fmt: skip
        db.session.remove()
    return reports, submitted


def killed_after_commit(deployment: Deployment, checks: Checks) -> None:
    say("(c) A server killed after committing a submit, before its answer")
    volunteer, reference, token = _filled_in_draft(deployment, "127.0.0.7")
    since = deployment.log_length()
    for mark in deployment.scratch.glob("held-*"):
        mark.unlink()
    answers: list = []

    def send() -> None:
        try:
            answers.append(volunteer.request("POST", f"/intake/{reference}/check-answers", {"csrf_token": token},
                                             headers={HOLD_HEADER: "60"}).status)  # fmt: skip
        except OSError as error:
            answers.append(type(error).__name__)

    sender = threading.Thread(target=send)
    sender.start()
    held = _wait_for_hold(deployment, reference)
    victim = next((server for server in deployment.servers if held in server.worker_pids()), None)
    if victim is None:
        sender.join(70)
        checks.check("a submit's answer was held on a server after its commit", False, f"answers {answers}")
        return
    victim.kill()
    sender.join(30)
    volunteer.close()
    first_answer = answers[0] if answers else None
    after_kill = _stored(deployment.app, reference)
    again = volunteer.request("POST", f"/intake/{reference}/check-answers", {"csrf_token": token})
    after_resend = _stored(deployment.app, reference)
    line = next((text for text in deployment.proxy.log_lines()[since:]
                 if f"POST /intake/{reference}/check-answers" in text), "")  # the first send's  # fmt: skip
    tried = re.search(r"upstream=(.*?) upstream_status=(.*?) request_time", line)
    checks.check("its answer is lost and nginx does not send the POST to the other server",
                 first_answer == 502 and tried is not None and "," not in tried.group(1) and after_kill == (1, 1),
                 f"{victim.name} killed holding the answer; the person got {first_answer}; nginx tried "
                 f"{tried.group(1) if tried else '?'}; stored {after_kill[0]} report")  # fmt: skip
    checks.check("sending the same draft again stores nothing more",
                 again.status == 302 and again.location.endswith(f"/intake/{reference}/submitted")
                 and after_resend == (1, 1),
                 f"the second send answered {again.status} to the sent page; {after_resend[0]} report, "
                 f"submission recorded {after_resend[1]} time")  # fmt: skip
    volunteer.close()
    victim.start()
    victim.wait_until_serving()


def _wait_for_hold(deployment: Deployment, reference: str, timeout: float = 30) -> int | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        marks = list(deployment.scratch.glob("held-*"))
        if marks and _stored(deployment.app, reference)[0] == 1:
            return int(marks[0].name.split("-")[1])
        time.sleep(0.05)
    return None


def _received_at(app, references: list[str]) -> dict[str, datetime]:
    with app.app_context():
        rows = db.session.execute(select(Report.reference, Report.received_at).where(Report.reference.in_(references)))
        found = {reference: moment.replace(tzinfo=moment.tzinfo or UTC) for reference, moment in rows}
        db.session.remove()
    return found


def _locust(deployment: Deployment, users: int, seconds: int, successes: Path, resends: Path) -> subprocess.Popen:
    prefix = deployment.scratch / "locust"
    command = [
        sys.executable, "-m", "locust", "-f", str(HERE / "locustfile.py"), "--headless",
        "--host", deployment.proxy.base_url, "--users", str(users), "--spawn-rate", str(users),
        "--run-time", f"{seconds}s", "--stop-timeout", "40", "--csv", str(prefix), "--only-summary",
        "--loglevel", "ERROR", "SelfReporter", "Volunteer",
    ]  # fmt: skip
    environment = {**os.environ, "LOADTEST_PASSWORD": DEMO_PASSWORD, "LOADTEST_MAX_SUBMISSIONS": "100000",
                   "LOADTEST_SUBMISSIONS_FILE": str(successes), "LOADTEST_RESENDS_FILE": str(resends),
                   "LOADTEST_CA_BUNDLE": str(deployment.proxy.certificate), "PYTHONPATH": str(HERE.parent)}  # fmt: skip
    log = open(deployment.scratch / "locust.log", "ab")
    process = subprocess.Popen(command, cwd=HERE.parent, env=environment, stdout=log, stderr=log)
    log.close()
    return process


def load_with_a_kill(deployment: Deployment, checks: Checks, users: int, seconds: int) -> None:
    say(f"(c) {seconds} s of self-reports and assisted reports through nginx, {users} users, one server killed")
    successes, resends = deployment.scratch / "successes.txt", deployment.scratch / "resends.jsonl"
    successes.touch()
    resends.touch()
    before = submitted_counts(deployment.app)
    started = time.monotonic()
    locust = _locust(deployment, users, seconds, successes, resends)
    victim = deployment.servers[1]
    try:
        # The kill comes once reports are being sent (a few answered), at the latest half-way through.
        while time.monotonic() - started < seconds * 0.5 and len(successes.read_text().split()) < KILL_AFTER:
            time.sleep(0.2)
        submitted_before_kill = len(successes.read_text().split())
        killed_at = time.monotonic() - started
        victim.kill()
        time.sleep(seconds * 0.2)
        victim.start()
        victim.wait_until_serving()
        restarted_at = time.monotonic() - started
        locust.wait(timeout=seconds + 90)
    finally:
        stop_process(locust, signal.SIGINT, timeout=20)
    elapsed = time.monotonic() - started
    after = submitted_counts(deployment.app)
    answered = successes.read_text().split()
    sent_again = [json.loads(line) for line in resends.read_text().splitlines() if line.strip()]
    new = {reference: count for reference, count in after.items() if reference not in before}
    lost = [reference for reference in answered if reference not in new]
    twice = sum(count - 1 for count in new.values() if count > 1) + len(answered) - len(set(answered))
    unanswered = [reference for reference in new if reference not in set(answered)]
    stats = _locust_stats(deployment.scratch / "locust_stats.csv")
    sys.stdout.write(f"  {stats['requests']} requests in {elapsed:.0f} s ({stats['requests'] / elapsed:.1f}/s), "
                     f"p50 {stats['p50']} ms, p99 {stats['p99']} ms, {stats['failures']} answered with an error "
                     f"(around the kill); {victim.name} killed at {killed_at:.0f} s ({submitted_before_kill} reports "
                     f"sent by then) and serving again at {restarted_at:.0f} s\n")  # fmt: skip
    committed = _committed_before_resend(deployment.app, sent_again)
    checks.check("every report that got a success answer is stored, each draft once",
                 len(answered) > 0 and not lost and not twice and not unanswered and "?" not in answered,
                 f"{len(answered)} success answers ({_by_kind(deployment.app, answered)}), {len(new)} reports "
                 f"stored, {len(lost)} lost, {twice} stored twice, {len(unanswered)} stored without a success "
                 f"answer")  # fmt: skip
    checks.check("drafts whose answer was lost were sent again and stored once",
                 all(entry["reference"] in new and new[entry["reference"]] == 1 for entry in sent_again),
                 f"{len(sent_again)} drafts sent again after an error or no answer; {committed} of them had been "
                 f"stored by the send whose answer was lost")  # fmt: skip
    summary_equals_recount(deployment, checks)


def _by_kind(app, references: list[str]) -> str:
    with app.app_context():
        channels = Counter(db.session.scalars(select(Report.channel).where(Report.reference.in_(references))))
        db.session.remove()
    return ", ".join(f"{count} {channel}" for channel, count in sorted(channels.items()))


def _committed_before_resend(app, sent_again: list[dict]) -> int:
    moments = _received_at(app, [entry["reference"] for entry in sent_again])
    return sum(
        1
        for entry in sent_again
        if entry["reference"] in moments and moments[entry["reference"]].timestamp() < entry["resent_at"]
    )


def _locust_stats(path: Path) -> dict:
    import csv

    with path.open(newline="", encoding="utf-8") as handle:
        total = next(row for row in csv.DictReader(handle) if row["Name"] == "Aggregated")
    return {"requests": int(total["Request Count"]), "failures": int(total["Failure Count"]),
            "p50": total["50%"], "p99": total["99%"]}  # fmt: skip


def summary_equals_recount(deployment: Deployment, checks: Checks) -> None:
    from reporting.domain.periods import add_months, month_start
    from reporting.review.figures.counting import count_reports
    from reporting.review.figures.summary import keeping, reading

    today = date.today()
    last = add_months(month_start(today.strftime("%Y-%m")), 1)
    period = Period(add_months(last, -24), date.fromordinal(last.toordinal() - 1))  # whole months, to month end
    dimensions = [(), ("centre",), ("centre", "area"), ("category",), ("centre", "category"), ("incident_type",),
                  ("month",), ("centre", "month")]  # fmt: skip
    differing = []
    with deployment.app.app_context():
        keeping.bring_up_to_date(db.session)
        for by in dimensions:
            summary = reading.count_reports(db.session, period, by)
            recount = count_reports(db.session, period, by)
            if summary is not None and summary != recount:
                differing.append(",".join(by) or "total")
        total = count_reports(db.session, period, ())[0].count
        db.session.remove()
    checks.check("the review summary equals a recount from the reports", not differing,
                 f"{total} reports over 24 whole months, {len(dimensions)} breakdowns compared"
                 + (f"; differing: {', '.join(differing)}" if differing else ""))  # fmt: skip


# Setting up


def production_environment(database: Database, redis_url: str) -> dict[str, str]:
    return {
        **database.environment(),
        "REPORTING_ENV": "production",
        "SECRET_KEY": os.urandom(32).hex(),
        "DATA_ENCRYPTION_KEYS": database.environment()["DATA_ENCRYPTION_KEYS"],
        "TRUSTED_PROXIES": "1",
        "RATELIMIT_STORAGE_URI": redis_url,
        **LOAD_LIMITS,
    }


def load_demo_data(database: Database) -> None:
    from reporting.demo import loader
    from reporting.review.figures.summary.keeping import bring_up_to_date

    app = create_app(database.settings())
    with app.app_context():
        loader.load_demo_data(300, 2026)
        bring_up_to_date(db.session)
        db.session.remove()
        db.engine.dispose()


def start_servers(stack: ExitStack, environment: dict, scratch: Path) -> list[AppServer]:
    config = scratch / "gunicorn-test.conf.py"
    from .deployment import GUNICORN_CONF

    config.write_text(TEST_GUNICORN_CONF.format(shipped=str(GUNICORN_CONF), folder=str(scratch)), encoding="utf-8")
    servers = [AppServer(name, free_port(), environment, scratch / f"{name}.log", config) for name in ("A", "B")]
    for server in servers:
        stack.callback(server.stop)
        server.start()
    for server in servers:
        server.wait_until_serving()
    return servers


def leftovers(patterns: list[str]) -> list[str]:
    found = []
    for pattern in patterns:
        listed = subprocess.run(["pgrep", "-af", pattern], capture_output=True, text=True, check=False).stdout
        found += [line for line in listed.splitlines() if line and "pgrep" not in line]
    return found


def run(checks: Checks, scratch: Path, users: int, seconds: int, patterns: list[str]) -> None:
    with ExitStack() as stack:
        say("Starting: PostgreSQL (durable), Redis, two app servers (deploy/gunicorn.conf.py), nginx (deploy/nginx)")
        started = time.monotonic()
        server_url = stack.enter_context(postgres_cluster())
        patterns.append(f"-p {server_url.rsplit(':', 1)[1]} ")
        database = stack.enter_context(postgres_database(server_url, "scale"))
        migrate(database)
        load_demo_data(database)
        redis_url = stack.enter_context(redis_server(scratch))
        patterns.append(f"redis-server 127.0.0.1:{redis_url.rsplit(':', 1)[1].split('/')[0]}")
        environment = production_environment(database, redis_url)
        servers = start_servers(stack, environment, scratch)
        proxy = stack.enter_context(nginx(scratch / "nginx", [server.address for server in servers]))
        tls = ssl.create_default_context(cafile=str(proxy.certificate))
        app = create_app({**database.settings(), "SECRET_KEY": environment["SECRET_KEY"]})
        stack.callback(lambda: _dispose(app))
        deployment = Deployment(app, servers, proxy, tls, scratch)
        sys.stdout.write(f"  ready in {time.monotonic() - started:.1f} s: nginx https://127.0.0.1:{proxy.https_port}, "
                         f"app servers {', '.join(f'{s.name} {s.address}' for s in servers)}\n")  # fmt: skip
        rate_limits(deployment, checks)
        sessions(deployment, checks)
        pdfs_health_static(deployment, checks)
        killed_after_commit(deployment, checks)
        load_with_a_kill(deployment, checks, users, seconds)


def _dispose(app) -> None:
    with app.app_context():
        db.engine.dispose()


def missing_programs() -> list[str]:
    import shutil

    from reporting.privacy.backup import find_postgres_program

    found = [shutil.which(name) or Path(f"/usr/sbin/{name}").exists() for name in ("nginx", "redis-server")]
    missing = [name for name, there in zip(("nginx", "redis-server"), found, strict=True) if not there]
    return missing + [name for name in ("initdb", "pg_ctl") if find_postgres_program(name) is None]


def main() -> int:
    missing = missing_programs()
    if missing:  # `make test` installs them as root (scripts/system-deps.sh); CI must have them
        sys.stdout.write(f"SCALE TEST skipped: {', '.join(missing)} not installed\n")
        return 1 if os.environ.get("CI") == "true" else 0
    started = time.monotonic()
    users, seconds = int(os.environ.get("SCALE_USERS") or 16), int(os.environ.get("SCALE_SECONDS") or 45)
    scratch = Path(tempfile.mkdtemp(prefix="scale-", dir="/tmp"))
    checks, patterns = Checks(), [str(scratch)]
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # `finally` blocks run when the test is stopped
    try:
        run(checks, scratch, users, seconds, patterns)
    except Exception as error:  # every check so far is reported, and everything started is stopped
        checks.check("the scale test ran to its end", False, f"{type(error).__name__}: {error}")
    finally:
        remaining = leftovers(patterns) + [f"pid {pid} of app server {server.name}" for server in STARTED
                                           for pid in server.still_running()]  # fmt: skip
        checks.check("nothing it started is still running", not remaining, "; ".join(remaining) or "pgrep finds none")
        if not checks.failed:
            import shutil

            shutil.rmtree(scratch, ignore_errors=True)
    elapsed = time.monotonic() - started
    verdict = "passed" if not checks.failed else f"FAILED ({', '.join(checks.failed)}; logs in {scratch})"
    sys.stdout.write(f"\nSCALE TEST {verdict}: {len(checks.results)} checks in {elapsed:.0f} s\n")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
