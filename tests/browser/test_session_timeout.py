"""The timeout warning on a tablet: it opens before the idle limit as an announced modal alert dialog that passes
axe, "Stay signed in" keeps the session going, and when time runs out the page being filled in is kept for the
volunteer and saved to the draft when they sign in again.

Each test runs its own server with a short idle limit, so the warning opens within seconds.
"""

import re
import shutil

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from reporting.extensions import db
from reporting.models import Report
from tests.browser.helpers import axe_check, focused, small_targets
from tests.conftest import make_app
from tests.support.live_server import seed, serve

pytestmark = pytest.mark.browser

ACCOUNT = "He shouted at her across the library and followed her to the bus stop."


def _site(sqlite_template, folder, idle_minutes: float):
    shutil.copy(sqlite_template, folder / "reporting.sqlite3")
    app = make_app(f"sqlite:///{folder / 'reporting.sqlite3'}", SESSION_IDLE_MINUTES=idle_minutes)
    seeded = seed(app)
    with serve(app) as base_url:
        yield base_url, seeded, app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def warning_site(browser, sqlite_template, tmp_path):
    """An idle limit of 123 seconds: the warning, two minutes before it, opens 3 seconds after a page loads."""
    yield from _site(sqlite_template, tmp_path, 2.05)


@pytest.fixture
def ending_site(browser, sqlite_template, tmp_path):
    """An idle limit of 6 seconds: shorter than the warning, so it opens at once and the time runs out soon."""
    yield from _site(sqlite_template, tmp_path, 0.1)


def _sign_in(page, base_url: str, seeded) -> None:
    page.goto(base_url + "/sign-in")
    page.fill("#email", seeded.volunteer_email)
    page.fill("#password", seeded.password)
    page.click("#submit")
    page.wait_for_url(base_url + "/reports/")


def _start_report(page, base_url: str) -> None:
    page.goto(base_url + "/intake/start")
    page.click("main form button")
    page.wait_for_url(re.compile(r"/intake/HR-[^/]+/who-is-reporting$"))


def _last_seen(page, app) -> float:
    cookie = next(item for item in page.context.cookies() if item["name"] == "session")
    return app.session_interface.get_signing_serializer(app).loads(cookie["value"])["last_seen"]


def test_the_warning_is_announced_passes_axe_and_staying_keeps_the_session(open_page, warning_site):
    base_url, seeded, app = warning_site
    page = open_page(viewport="tablet")
    _sign_in(page, base_url, seeded)
    _start_report(page, base_url)
    dialog = page.get_by_role("alertdialog", name="You will be signed out soon")
    expect(dialog).to_be_visible(timeout=15_000)
    expect(dialog).to_have_attribute("aria-modal", "true")
    expect(dialog).to_have_accessible_description(re.compile(r"we will sign you out in 2 minutes"))
    assert focused(page) == 'button.govuk-button "Stay signed in"'
    assert page.evaluate("document.getElementById('session-timeout').contains(document.activeElement)")
    axe_check(page)
    assert small_targets(page, "#session-timeout button") == []

    before = _last_seen(page, app)
    with page.expect_response("**/session/keep-alive") as kept:
        page.keyboard.press("Enter")
    assert kept.value.status == 204
    expect(dialog).to_be_hidden()
    assert _last_seen(page, app) > before + 2  # the idle limit now counts from the moment they chose to stay
    page.goto(base_url + "/intake/drafts")
    assert page.url == base_url + "/intake/drafts"


def test_when_time_runs_out_the_page_is_kept_and_saved_after_signing_in_again(open_page, ending_site):
    base_url, seeded, app = ending_site
    page = open_page(viewport="tablet")
    _sign_in(page, base_url, seeded)
    _start_report(page, base_url)
    page.check("input[name=reporter_role][value=victim]")
    page.click("main form button.govuk-button")
    page.wait_for_url(re.compile(r"/what-happened$"))
    reference = re.search(r"/intake/(HR-[^/]+)/", page.url).group(1)
    # What the volunteer typed before the warning opened over the page.
    page.evaluate(
        """account => {
            document.querySelector("input[name=incident_types][value=verbal_abuse]").checked = true;
            document.querySelector("#description").value = account;
        }""",
        ACCOUNT,
    )
    page.wait_for_url(base_url + "/sign-in", timeout=20_000)
    notices = page.locator("main .govuk-notification-banner").all_inner_texts()
    assert any("signed out because you had not done anything" in notice for notice in notices)
    assert any("We kept the answers on the page you were on" in notice for notice in notices)

    page.fill("#email", seeded.volunteer_email)
    page.fill("#password", seeded.password)
    page.click("#submit")
    page.wait_for_url(re.compile(rf"/intake/{reference}/what-happened$"))
    assert page.input_value("#description") == ACCOUNT
    with app.app_context():
        report = db.session.scalar(select(Report).where(Report.reference == reference))
        assert (report.description, report.incident_types) == (ACCOUNT, ["verbal_abuse"])
