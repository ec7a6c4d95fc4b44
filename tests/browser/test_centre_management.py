"""Managing centres in a browser: every page passes axe-core at every size, and a centre is added, corrected after
an error, closed and reopened with the keyboard alone.

These tests change centres, so they run on a copy of the seeded database served on its own, leaving the shared
site as the other browser tests expect it.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import VIEWPORTS, Site, copied_app, sign_in
from tests.browser.helpers import check_every_size, focused
from tests.support.live_server import serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def own_site(browser, seeded_database, tmp_path_factory):
    with copied_app(seeded_database, tmp_path_factory, "centre-management") as app, serve(app) as base_url:
        yield Site(base_url, seeded_database[1], app)


@pytest.fixture
def unit_page(open_page, own_site):
    page = open_page()
    sign_in(page, own_site, own_site.seeded.partnership_email)
    return page


def tab_until(page, description: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if description in focused(page):
            return
    raise AssertionError(f"{description!r} not reached in {limit} presses of Tab; focus is on {focused(page)}")


def assert_accessible(page, name: str) -> None:
    problems = check_every_size(page, VIEWPORTS)
    page.set_viewport_size(VIEWPORTS["desktop"]["viewport"])
    assert not problems, f"{name}:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/review/centres", "Centre training and contact"),
        ("/review/centres/new", "Add a centre"),
        ("/review/centres/stretford-housing/change", "Change Stretford Housing Office"),
        ("/review/centres/sale-library/close", "Close Sale Library"),  # with open cases listed
        ("/review/centres/stretford-housing/history", "History of Stretford Housing Office"),
    ],
)
def test_centre_management_pages_pass_axe_at_every_size(unit_page, own_site, path, heading):
    unit_page.goto(own_site.at(path))
    assert unit_page.locator("h1").inner_text().strip() == heading
    assert_accessible(unit_page, path)


def test_a_centre_is_added_corrected_closed_and_reopened_with_the_keyboard(unit_page, own_site):
    page = unit_page
    page.goto(own_site.at("/review/centres"))
    tab_until(page, '"Add a centre"')
    page.keyboard.press("Enter")
    page.wait_for_url(own_site.at("/review/centres/new"))

    tab_until(page, "input#name")
    page.keyboard.type("Carrington Community Hub")
    page.keyboard.press("Tab")
    assert focused(page).startswith("input#code")
    page.keyboard.type("carrington-hub")
    page.keyboard.press("Tab")
    assert focused(page).startswith("select#kind")
    page.keyboard.type("Community")
    assert page.input_value("#kind") == "community_venue"
    page.keyboard.press("Tab")
    page.keyboard.type("Stretford")
    assert page.input_value("#area") == "stretford"
    tab_until(page, "input#opening_hours")
    page.keyboard.type("Mon-Fri 9am-5pm")
    tab_until(page, "input#offers")
    page.keyboard.press("Space")
    tab_until(page, "input#listed_publicly")
    page.keyboard.press("ArrowRight")
    assert page.is_checked("input[name=listed_publicly][value=no]")
    tab_until(page, '"Add the centre"')
    page.keyboard.press("Enter")

    page.wait_for_selector(".govuk-error-summary")
    assert page.title().startswith("Error:")
    summary = page.locator(".govuk-error-summary a")
    assert summary.all_inner_texts() == ["Opening hours: “9am” is not a time. Use 24-hour times, like 09:30-17:00"]
    assert page.input_value("#name") == "Carrington Community Hub" and page.is_checked("#offers")
    assert_accessible(page, "the form with an error")
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#opening_hours")).to_be_focused()  # no string evaluated in the page: the CSP forbids eval
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type("Mon-Fri 09:00-17:00")
    page.keyboard.press("Enter")  # sends the form from a text box, as a browser does

    page.wait_for_url(own_site.at("/review/centres"))
    assert "Carrington Community Hub has been added." in page.locator(".govuk-notification-banner").inner_text()
    row = page.locator("tbody tr", has_text="Carrington Community Hub")
    row.get_by_role("link", name=re.compile("^Close")).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(own_site.at("/review/centres/carrington-hub/close"))
    assert "0 active staff accounts" in page.locator("main").inner_text()
    assert_accessible(page, "close a centre")
    tab_until(page, '"Close the centre"')
    page.keyboard.press("Enter")

    page.wait_for_url(own_site.at("/review/centres"))
    closed = page.locator("#closed-centres + p + ul")
    assert "Carrington Community Hub" in closed.inner_text()
    closed.get_by_role("link", name=re.compile("^Reopen")).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(own_site.at("/review/centres/carrington-hub/reopen"))
    assert_accessible(page, "reopen a centre")
    tab_until(page, '"Reopen the centre"')
    page.keyboard.press("Enter")
    page.wait_for_url(own_site.at("/review/centres"))

    page.goto(own_site.at("/review/centres/carrington-hub/history"))
    assert page.locator("tbody tr").first.locator("th").inner_text() == "Open"
    assert_accessible(page, "history")
