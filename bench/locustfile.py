"""Locust users for `make loadtest`: people reporting online, volunteers taking reports, staff reading pages.

Started by bench/loadtest.py against gunicorn on loopback, and by the scale test (bench/scale.py) through nginx.
Each submission that gets its success answer (the redirect to the "Report sent" page) is written, with the
reference that page shows, to LOADTEST_SUBMISSIONS_FILE, so the reports in the database can be counted against
them. A submit that gets an error or no answer is sent again, for the same draft, as a person presses Send again;
each such draft is written to LOADTEST_RESENDS_FILE (its reference, when the first answer was lost, when it was
sent again). The run stops itself after LOADTEST_MAX_SUBMISSIONS successes or Locust's --run-time, whichever is
first.
"""

import json
import os
import re
import time

from locust import HttpUser, between, task

from tests.support.answers import ASSISTED_ANSWERS
from tests.support.selfreport import PLAIN_ANSWERS

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
REFERENCE = re.compile(r"HR-[2-9A-Z]{4}-[2-9A-Z]{4}")
PASSWORD = os.environ.get("LOADTEST_PASSWORD", "")
MAX_SUBMISSIONS = int(os.environ.get("LOADTEST_MAX_SUBMISSIONS", "200"))
SUBMISSIONS_FILE = os.environ.get("LOADTEST_SUBMISSIONS_FILE", "/dev/null")
RESENDS_FILE = os.environ.get("LOADTEST_RESENDS_FILE", "/dev/null")
# The certificate to trust for an https host (the scale test's nginx, with a certificate made for the run).
CA_BUNDLE = os.environ.get("LOADTEST_CA_BUNDLE")
# No answer (0), or the proxy's answer for a server that failed: the person sends the same draft again.
LOST_ANSWERS = (0, 502, 503, 504)
RESENDS = 20
RESEND_PAUSE_S = 1.0
succeeded = 0


def _token(html: str) -> str:
    found = CSRF.search(html)
    return found.group(1) if found else ""


def _slug(location: str) -> str:
    return location.split("?")[0].rstrip("/").rsplit("/", 1)[-1]


class Browsing(HttpUser):
    """A browser: trusts LOADTEST_CA_BUNDLE's certificate when given."""

    abstract = True

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if CA_BUNDLE:
            self.client.verify = CA_BUNDLE


class Reporting(Browsing):
    """What the reporting users share: walking a flow page by page, and noting each success."""

    abstract = True

    def walk(self, location: str, answers: dict, name: str) -> str | None:
        """GET and answer each page from `location` to check-your-answers; returns its address, or None."""
        while location and "check-answers" not in location:
            slug = _slug(location)
            page = self.client.get(location, name=f"{name} [page]")
            answer = self.client.post(location, data={**answers[slug], "csrf_token": _token(page.text)},
                                      allow_redirects=False, name=f"{name} [answer]")  # fmt: skip
            if answer.status_code != 302:
                return None
            location = answer.headers["Location"]
        return location

    def submit(self, location: str, name: str) -> None:
        global succeeded
        page = self.client.get(location, name=f"{name} check answers")
        token, lost_at = _token(page.text), None
        for _attempt in range(RESENDS + 1):
            sent_at = time.time()
            answer = self.client.post(location, data={"csrf_token": token}, allow_redirects=False,
                                      name=f"{name} submit" if lost_at is None else f"{name} submit again")  # fmt: skip
            if answer.status_code not in LOST_ANSWERS:
                break
            lost_at = lost_at or sent_at
            time.sleep(RESEND_PAUSE_S)
        if answer.status_code != 302:
            return
        reference = self.reference_on(answer.headers["Location"], name)
        if lost_at is not None:
            with open(RESENDS_FILE, "a", encoding="utf-8") as out:
                out.write(json.dumps({"reference": reference, "lost_at": lost_at, "resent_at": sent_at}) + "\n")
        with open(SUBMISSIONS_FILE, "a", encoding="utf-8") as out:
            out.write(f"{reference}\n")
        succeeded += 1
        if succeeded >= MAX_SUBMISSIONS:
            self.environment.runner.quit()

    def reference_on(self, location: str, name: str) -> str:
        """The reference the "Report sent" page shows (asked again if its answer is lost), or "?"."""
        for _attempt in range(RESENDS + 1):
            sent = self.client.get(location, name=f"{name} sent")
            if sent.status_code not in LOST_ANSWERS:
                break
            time.sleep(RESEND_PAUSE_S)
        found = REFERENCE.search(location) or REFERENCE.search(sent.text)  # an assisted report: in its address
        return found.group(0) if found else "?"


class SelfReporter(Reporting):
    """Someone reporting online through the plain-language flow, with no account."""

    weight = 4
    wait_time = between(0.2, 1.0)

    @task
    def report_online(self) -> None:
        self.client.cookies.clear()
        start = self.client.get("/report/", name="self-report start page")
        answer = self.client.post("/report/questions/start", data={"csrf_token": _token(start.text)},
                                  allow_redirects=False, name="self-report start")  # fmt: skip
        if answer.status_code != 302:
            return
        location = self.walk(answer.headers["Location"], PLAIN_ANSWERS, "self-report")
        if location:
            self.submit(location, "self-report")


class StaffMember(Browsing):
    """Signs in once, then reads pages."""

    abstract = True
    email = ""

    def on_start(self) -> None:
        page = self.client.get("/sign-in", name="sign-in page")
        self.client.post("/sign-in", data={"email": self.email, "password": PASSWORD, "csrf_token": _token(page.text)},
                         name="sign-in")  # fmt: skip


class Volunteer(StaffMember, Reporting):
    """A volunteer at a centre taking a report with the person, step by step."""

    weight = 1
    wait_time = between(0.2, 1.0)
    email = "volunteer@demo.example"

    @task
    def take_report(self) -> None:
        start = self.client.get("/intake/start", name="intake start page")
        answer = self.client.post("/intake/start", data={"csrf_token": _token(start.text)}, allow_redirects=False,
                                  name="intake start")  # fmt: skip
        if answer.status_code != 302:
            return
        location = self.walk(answer.headers["Location"], ASSISTED_ANSWERS, "intake")
        if location:
            self.submit(location, "intake")


class PartnershipReader(StaffMember):
    """The partnership unit reading the review, the report list and the queue of reports made online."""

    weight = 1
    wait_time = between(0.5, 2.0)
    email = "partnership@demo.example"

    @task(3)
    def reports(self) -> None:
        self.client.get("/reports/", name="staff: reports list")

    @task(2)
    def review(self) -> None:
        self.client.get("/review/", name="staff: review dashboard")

    @task(2)
    def queue(self) -> None:
        self.client.get("/self-reports/", name="staff: self-report queue")

    @task(1)
    def one_report(self) -> None:
        listing = self.client.get("/reports/", name="staff: reports list")
        found = REFERENCE.search(listing.text)
        if found:
            self.client.get(f"/reports/{found.group(0)}", name="staff: report page")
