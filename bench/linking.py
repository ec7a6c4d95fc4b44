"""Linking reports: what it adds to the submit, and how long suggesting links for one report takes at the bench's size.

The demo generator's contact details repeat (a thousand fictional phone numbers for every report), so the loaded
reports are not fingerprinted from them: the fingerprint table is filled to the size linking would give, one person
per report with contact details (five fingerprints each, as keyed hashes look: 64 random hex digits), and a hundred
of those reports are given the real fingerprint of a phone number that one in ten submits then repeats.

- Submit: the same POST of check-answers as `http_paths`, each draft with contact details of its own (one in ten
  with a phone number reported before, so that a link is suggested) and the fingerprints its steps' saves keep,
  against a second server of the same app on the same database with LINKING_ENABLED=false; the two are loaded in
  turn, run after run. Target: p50 at one client with linking at most 1.15 times without.
- Suggesting: `links.services.suggest` for one report's five fingerprints, one of which another report holds
  (the index look-up on (kind, digest), and the suggestion written), timed in process and rolled back, against the
  submit's p50 without linking: at most half a submit, at any size, as index look-ups are.
"""

import secrets
from statistics import median
from urllib.parse import quote

from sqlalchemy import insert, select, update

from reporting.crypto import encrypt_text
from reporting.domain import fingerprints
from reporting.domain.fingerprints import KINDS, Identity
from reporting.extensions import db
from reporting.links import services
from reporting.links.models import ReportFingerprint
from reporting.models import ContactDetails, Report

from . import wrk
from .client import Browser
from .figures import Figure, Target, timed
from .http_paths import copy_drafts, fill_in_report
from .server import gunicorn

SUBMIT_OF_UNLINKED = 1.15
SUGGEST_OF_SUBMIT = 0.5
REPEATED_PHONES = 100
BATCH = 10_000


def fill_fingerprints(app) -> int:
    """One person's fingerprints for every report with contact details, and real phone fingerprints for
    `REPEATED_PHONES` of them; returns how many rows were written."""
    with app.app_context():
        ids = list(db.session.scalars(select(ContactDetails.report_id).order_by(ContactDetails.report_id)))
        db.session.execute(ReportFingerprint.__table__.delete())
        key, written = services.current_key(), 0
        for start in range(0, len(ids), BATCH):
            rows = [{"report_id": report_id, "kind": kind, "digest": secrets.token_hex(32)}
                    for report_id in ids[start : start + BATCH] for kind in KINDS]  # fmt: skip
            db.session.execute(insert(ReportFingerprint), rows)
            written += len(rows)
        for number, report_id in enumerate(ids[:: max(1, len(ids) // REPEATED_PHONES)][:REPEATED_PHONES]):
            digest = fingerprints.digest(key, fingerprints.PHONE, fingerprints.normalise_phone(_phone(number)))
            db.session.execute(insert(ReportFingerprint), {"report_id": report_id, "kind": "phone", "digest": digest})
        db.session.commit()
        db.engine.dispose()
    return written


def _phone(number: int) -> str:
    return f"07700 8{number:05d}"


def _give_drafts_their_own_contacts(app, references: list[str]) -> None:
    with app.app_context():
        ids = dict(
            db.session.execute(select(Report.reference, Report.id).where(Report.reference.in_(references))).all()
        )
        for number, reference in enumerate(references):
            phone = _phone(number // 10 % REPEATED_PHONES) if number % 10 == 0 else f"07700 7{number:05d}"
            values = {"name": encrypt_text(f"Bench Person {number}"), "phone": encrypt_text(phone),
                      "email": encrypt_text(f"person.{number}@example.org"), "address": None}  # fmt: skip
            db.session.execute(update(ContactDetails).where(ContactDetails.report_id == ids[reference]).values(values))
        for report in db.session.scalars(select(Report).where(Report.id.in_(ids.values()))):
            services.refresh_draft(report)  # as saving the contact step does
        db.session.commit()
        db.engine.dispose()


def measure(server, app, database, settings, label: str) -> tuple[list[Figure], list[str]]:
    submit, problems = measure_submit(server, app, database, settings, label)
    return [submit, suggest_figure(app, settings, label, submit.baseline_value)], problems


def measure_submit(server, app, database, settings, label: str) -> tuple[Figure, list[str]]:
    browser = Browser(server.base_url)
    browser.sign_in("volunteer@demo.example", "trafford-demo-reporting-2026")
    reference = fill_in_report(browser)
    token = quote(browser.csrf_token(f"/intake/{reference}/contact"))
    requests = max(50, settings.load_requests // 4)
    references = copy_drafts(app, reference, (requests + 9) * 2 * settings.runs + 40)
    _give_drafts_their_own_contacts(app, references)
    drafts = iter(references)
    environment = {**database.environment(), "LINKING_ENABLED": "false"}
    p50s: dict[str, list[float]] = {"linking": [], "unlinked": []}
    problems: list[str] = []
    with gunicorn(environment, workers=2, log_path=database.scratch / "gunicorn-unlinked.log") as unlinked:
        servers = {"linking": server, "unlinked": unlinked}
        for each in servers.values():  # warm: compiled templates and open connections on each
            wrk.run(each.base_url, ["/hello"], 1, 20, 2)
        for turn in range(settings.runs):
            browser.get("/intake/start")  # a fresh session cookie, as http_paths does (one session, both servers)
            order = ("linking", "unlinked") if turn % 2 == 0 else ("unlinked", "linking")
            for name in order:
                mine = [f"/intake/{next(drafts)}/check-answers csrf_token={token}" for _ in range(requests + 9)]
                result = wrk.run(servers[name].base_url, mine, 1, requests, settings.load_seconds, "POST",
                                 browser.cookie_header)  # fmt: skip
                if not result.only(302):
                    problems.append(f"submit ({name}): statuses {result.statuses}, {result.errors} errors")
                p50s[name].append(result.p50_ms)
    browser.close()
    figure = Figure(f"intake submit p50 with linking, 1 client ({label})", median(p50s["linking"]), "ms",
                    "the same submit, LINKING_ENABLED=false", median(p50s["unlinked"]),
                    Target("ratio", "<=", SUBMIT_OF_UNLINKED))  # fmt: skip
    return figure, problems


def suggest_figure(app, settings, label: str, submit_ms: float) -> Figure:
    """Suggesting links for one report (in process, rolled back), median of `page_runs`, against a submit's p50."""
    identity = Identity(name="Bench Person", phone=_phone(0), email="someone.new@example.org",
                        address="12 School Road, Sale M33 7XY")  # fmt: skip
    with app.app_context():
        prints = fingerprints.fingerprints(services.current_key(), identity)
        newest = db.session.scalars(select(Report.id).where(Report.submitted).order_by(Report.id.desc())
                                    .limit(settings.page_runs)).all()  # fmt: skip
        times = []
        for report_id in newest:
            times.append(timed(lambda report_id=report_id: services.suggest({report_id: prints})) * 1000)
            db.session.rollback()
        db.engine.dispose()
    return Figure(
        f"suggest links for one report ({label})",
        median(times),
        "ms",
        "intake submit p50 without linking, 1 client",
        submit_ms,
        Target("ratio", "<=", SUGGEST_OF_SUBMIT),
    )
