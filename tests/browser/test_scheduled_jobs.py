"""The admin's scheduled jobs page in a browser: passes axe-core and needs no sideways scrolling at every size,
with a long failure detail in it. Runs on a copy of the seeded database with an admin and some job runs."""

from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from reporting.extensions import db
from reporting.jobs import registry, runs
from reporting.models import JobRun
from tests.browser.conftest import VIEWPORTS, Site, copied_app, sign_in
from tests.browser.helpers import check_every_size
from tests.support import factories
from tests.support.live_server import serve

pytestmark = pytest.mark.browser
ADMIN = "admin@partnership.example.org"


@pytest.fixture(scope="module")
def jobs_site(browser, seeded_database, tmp_path_factory):
    evidence = str(tmp_path_factory.mktemp("evidence"))
    with copied_app(seeded_database, tmp_path_factory, "scheduled-jobs", EVIDENCE_DIR=evidence) as app:
        with app.app_context():
            factories.user(ADMIN, role="admin")
            yesterday = datetime.now(UTC) - timedelta(days=1)
            db.session.add(JobRun(job="retention apply", started_at=yesterday, finished_at=yesterday, outcome="failed",
                                  detail="OperationalError"))  # fmt: skip
            db.session.commit()
            runs.run_due_jobs()
        with serve(app) as base_url:
            yield Site(base_url, seeded_database[1], app)


def test_the_scheduled_jobs_page_passes_axe_at_every_size(open_page, jobs_site):
    page = open_page()
    sign_in(page, jobs_site, ADMIN)
    page.get_by_role("link", name="Scheduled jobs").click()
    expect(page.locator("h1")).to_have_text("Scheduled jobs")
    expect(page.locator("main table").first.locator("tbody tr")).to_have_count(len(registry.registered_jobs()))
    expect(page.locator("main table").nth(1)).to_contain_text("OperationalError")
    problems = check_every_size(page, VIEWPORTS)
    assert not problems, "\n".join(problems)
