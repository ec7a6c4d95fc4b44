"""The pages a limit refuses (a report started too often, too many sign-ins, a body too large) pass axe-core and
need no horizontal scrolling at every size, with the other ways to report on them."""

import pytest

from tests.browser.conftest import VIEWPORTS, _serve_site
from tests.browser.helpers import check_every_size

pytestmark = pytest.mark.browser

LIMITS = {"SELF_REPORT_START_RATE_LIMIT": "1 per hour", "SIGN_IN_RATE_LIMIT": "1 per minute"}


@pytest.fixture(scope="module")
def limited_site(browser, seeded_database):
    yield from _serve_site(seeded_database, **LIMITS)


def _start(page, site) -> None:
    page.goto(site.at("/report/"))
    page.get_by_role("button", name="Start now").click()


def test_a_refused_start_passes_axe_and_links_to_the_other_ways(open_page, limited_site):
    page = open_page()
    _start(page, limited_site)
    page.wait_for_url("**/who-is-reporting")
    _start(page, limited_site)
    page.wait_for_selector(".govuk-error-summary")
    assert page.locator("#other-ways-to-report h2").inner_text() == "Other ways to report"
    assert check_every_size(page, VIEWPORTS) == []


def test_the_sign_in_limit_page_passes_axe(open_page, limited_site):
    page = open_page(limited_site.at("/sign-in"))
    for _ in range(2):
        page.fill("#email", "someone@example.org")
        page.fill("#password", "not-the-password")
        page.click("#submit")
        page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Too many attempts"
    assert page.locator("#other-ways-to-report").is_visible()
    assert check_every_size(page, VIEWPORTS) == []


def test_the_too_large_page_passes_axe(open_page, limited_site):
    page = open_page()
    _start(page, limited_site)
    page.wait_for_url("**/who-is-reporting")
    # A field far larger than any answer, as a script (or a huge paste) would send.
    page.evaluate("document.querySelector('main form').insertAdjacentHTML('beforeend', "
                  "'<input type=\"hidden\" name=\"filler\" value=\"' + 'x'.repeat(300000) + '\">')")  # fmt: skip
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "What you sent is too large"
    assert check_every_size(page, VIEWPORTS) == []
