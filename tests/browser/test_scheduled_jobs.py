"""The admin's scheduled jobs page in a browser: passes axe-core and needs no sideways scrolling at every size,
with a long failure detail in it. Runs on a copy of the seeded database with an admin and some job runs."""

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from reporting.extensions import db
from reporting.jobs import registry, runs
from reporting.models import JobRun
from tests.browser.conftest import VIEWPORTS, Site, sign_in
from tests.browser.helpers import check_every_size
from tests.conftest import make_app
from tests.support import factories
from tests.support.live_server import serve

pytestmark = pytest.mark.browser
ADMIN = "admin@partnership.example.org"


@pytest.fixture(scope="module")
def jobs_site(browser, seeded_database, tmp_path_factory):
    url, seeded = seeded_database
    copy = tmp_path_factory.mktemp("scheduled-jobs") / "reporting.sqlite3"
    with sqlite3.connect(url.removeprefix("sqlite:///")) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    app = make_app(f"sqlite:///{copy}", EVIDENCE_DIR=str(tmp_path_factory.mktemp("evidence")))
    with app.app_context():
        factories.user(ADMIN, role="admin")
        yesterday = datetime.now(UTC) - timedelta(days=1)
        db.session.add(JobRun(job="retention apply", started_at=yesterday, finished_at=yesterday, outcome="failed",
                              detail="OperationalError"))  # fmt: skip
        db.session.commit()
        runs.run_due_jobs()
    with serve(app) as base_url:
        yield Site(base_url, seeded, app)
    with app.app_context():
        db.engine.dispose()


def test_the_scheduled_jobs_page_passes_axe_at_every_size(open_page, jobs_site):
    page = open_page()
    sign_in(page, jobs_site, ADMIN)
    page.get_by_role("link", name="Scheduled jobs").click()
    expect(page.locator("h1")).to_have_text("Scheduled jobs")
    expect(page.locator("main table").first.locator("tbody tr")).to_have_count(len(registry.registered_jobs()))
    expect(page.locator("main table").nth(1)).to_contain_text("OperationalError")
    problems = check_every_size(page, VIEWPORTS)
    assert not problems, "\n".join(problems)
