"""Keyboard-only sign-in and sign-out, touch target sizes on a tablet, and the "Exit this page" button."""

import re

import pytest

from tests.browser.conftest import sign_in
from tests.browser.helpers import focused, small_targets

pytestmark = pytest.mark.browser

TARGETS = ", ".join(
    [
        "form a",
        "form button",
        "form input",
        "form select",
        "form textarea",
        "header a",
        "header button",
        ".app-language-menu a",
        ".govuk-exit-this-page__button",
    ]
)


def tab_until(page, description: str, limit: int = 40) -> None:
    """Press Tab until the focused element's description contains `description`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if description in focused(page):
            return
    raise AssertionError(f"{description!r} was not reached in {limit} presses of Tab; focus is on {focused(page)}")


def test_staff_sign_in_and_out_with_the_keyboard_alone(open_page, site):
    page = open_page(site.at("/sign-in"), "tablet")

    page.keyboard.press("Tab")
    assert "govuk-skip-link" in focused(page), "the skip link must be the first thing Tab reaches"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert focused(page).startswith("input#email")
    page.keyboard.type(site.seeded.volunteer_email)
    page.keyboard.press("Tab")
    assert focused(page).startswith("input#password")
    page.keyboard.type(site.seeded.password)
    page.keyboard.press("Enter")

    # The skip link added #main-content to the address, and the browser keeps it through the redirect.
    page.wait_for_url(re.compile(re.escape(site.at("/reports/")) + "(#main-content)?$"))
    assert page.locator("h1").inner_text() == "Reports"
    assert "Reports made at Sale Library." in page.locator("main").inner_text()

    tab_until(page, '"Sign out"')
    page.keyboard.press("Enter")
    page.wait_for_url(site.at("/sign-in"))
    assert "You have signed out." in page.locator(".govuk-notification-banner").inner_text()
    page.goto(site.at("/reports/"))
    assert page.locator("h1").inner_text() == "Sign in", "the session must end on sign-out"


def test_public_targets_are_at_least_44_px_on_a_tablet(open_page, bilingual_site):
    page = open_page(viewport="tablet")
    for path in ["/", "/sign-in", "/no-such-page", "/?lang=ar"]:
        page.goto(bilingual_site.at(path))
        assert page.locator(".app-language-menu a").count() == 1
        assert small_targets(page, TARGETS) == [], path


def test_targets_with_errors_and_when_signed_in_are_at_least_44_px_on_a_tablet(open_page, bilingual_site):
    page = open_page(bilingual_site.at("/sign-in"), "tablet")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_selector(".govuk-error-summary")
    assert small_targets(page, TARGETS) == []

    sign_in(page, bilingual_site, bilingual_site.seeded.lead_email)
    assert page.locator("header button", has_text="Sign out").count() == 1
    assert small_targets(page, TARGETS) == []
    page.goto(bilingual_site.at("/reports/?lang=ar"))
    assert small_targets(page, TARGETS) == []


def test_exit_this_page_is_on_every_public_page(open_page, site):
    page = open_page(viewport="tablet")
    for path in ["/", "/accessibility", "/privacy", "/sign-in", "/no-such-page"]:
        page.goto(site.at(path))
        button = page.locator(".govuk-exit-this-page__button")
        assert button.is_visible(), f"no exit this page button on {path}"
        assert button.inner_text().strip() == "Exit this page"
        assert button.get_attribute("href") == "/exit"  # which ends the report here, then leaves for EXIT_PAGE_URL


def test_exit_this_page_is_not_shown_to_signed_in_staff(open_page, site, staff_session):
    page = open_page(viewport="tablet", storage_state=staff_session)
    for path in ["/reports/", f"/reports/{site.seeded.referred_report}", "/", "/accessibility"]:
        page.goto(site.at(path))
        assert page.locator("header button", has_text="Sign out").is_visible()
        assert page.locator(".govuk-exit-this-page").count() == 0, f"exit this page shown to staff on {path}"
