"""Every page passes axe-core (WCAG 2.2 AA and best practice) on desktop, tablet, 320 px and 200% zoom."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import VIEWPORTS
from tests.browser.helpers import axe_violations, horizontal_overflow

pytestmark = pytest.mark.browser

PUBLIC_PAGES = {
    "start": ("/", "Report a hate incident"),
    "accessibility": ("/accessibility", "Accessibility statement"),
    "privacy": ("/privacy", "Privacy notice"),
    "sign-in": ("/sign-in", "Sign in"),
    "not-found": ("/no-such-page", "Page not found"),
}
ALL_PAGES = [*PUBLIC_PAGES, "sign-in-errors", "report-list", "report"]
AXE_VIEWPORTS = ["desktop", "tablet", "narrow"]


def visit(name: str, request, open_page, site, viewport: str = "desktop", page=None):
    """Open one of the pages under test (in `page` if given), signed in for the staff pages.

    Returns the page and the heading it should show.
    """
    if name in PUBLIC_PAGES:
        path, heading = PUBLIC_PAGES[name]
        page = page or open_page(viewport=viewport)
        page.goto(site.at(path))
        return page, heading
    if name == "sign-in-errors":
        page = page or open_page(viewport=viewport)
        page.goto(site.at("/sign-in"))
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_selector(".govuk-error-summary")
        return page, "Sign in"
    page = page or open_page(viewport=viewport, storage_state=request.getfixturevalue("staff_session"))
    if name == "report-list":
        page.goto(site.at("/reports/"))
        return page, "Reports"
    reference = site.seeded.referred_report
    page.goto(site.at(f"/reports/{reference}"))
    return page, f"Report {reference}"


@pytest.mark.parametrize("name", ALL_PAGES)
def test_page_passes_axe_and_needs_no_horizontal_scrolling_at_every_size(name, request, open_page, site):
    page, heading = visit(name, request, open_page, site)
    assert page.locator("h1").inner_text().strip() == heading
    problems = []
    for viewport in AXE_VIEWPORTS:
        page.set_viewport_size(VIEWPORTS[viewport]["viewport"])
        problems += [f"{viewport}: {violation}" for violation in axe_violations(page)]
        overflow = horizontal_overflow(page)
        if overflow:
            problems.append(f"{viewport}: the page scrolls sideways by {overflow} px")
    assert not problems, f"{name} ({page.url}):\n" + "\n".join(problems)


@pytest.mark.parametrize("staff", [False, True], ids=["public", "staff"])
def test_pages_need_no_horizontal_scrolling_at_200_percent_zoom(staff, request, open_page, site):
    names = ["report-list", "report"] if staff else [*PUBLIC_PAGES, "sign-in-errors"]
    page = None
    overflowing = []
    for name in names:
        page, _ = visit(name, request, open_page, site, "zoom-200", page)
        assert page.evaluate("window.innerWidth") == 640 and page.evaluate("window.devicePixelRatio") == 2
        if horizontal_overflow(page):
            overflowing.append(f"{name} scrolls sideways by {horizontal_overflow(page)} px")
    assert not overflowing


def test_sign_in_errors_are_summarised_at_the_top_and_link_to_their_fields(open_page, site):
    page = open_page(site.at("/sign-in"), "tablet")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_selector(".govuk-error-summary")

    assert page.title().startswith("Error: Sign in")
    first_in_main = page.locator("main > *").first
    assert "govuk-error-summary" in first_in_main.get_attribute("class")
    # GOV.UK Frontend moves focus to the summary when its script starts, which on a busy machine is after the
    # summary is already on the page: wait for the focus (up to 15 s, for a machine running tests in parallel)
    # rather than look once.
    # (A locator assertion, not a string evaluated in the page: the Content-Security-Policy forbids eval.)
    expect(page.locator(".govuk-error-summary")).to_be_focused(timeout=15000)
    links = page.locator(".govuk-error-summary__list a")
    assert links.all_inner_texts() == ["Enter your email address", "Enter your password"]
    assert " ".join(page.locator("#email-error").inner_text().split()) == "Error: Enter your email address"

    links.nth(0).click()
    assert page.evaluate("document.activeElement.id") == "email"
    links.nth(1).focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "password"


def test_a_failed_sign_in_keeps_the_email_but_not_the_password(open_page, site):
    page = open_page(site.at("/sign-in"), "tablet")
    page.fill("#email", site.seeded.lead_email)
    page.fill("#password", "not-the-password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_selector(".govuk-error-summary")

    assert page.locator(".govuk-error-summary__list a").inner_text().startswith("The email address or password")
    assert page.input_value("#email") == site.seeded.lead_email
    assert page.input_value("#password") == ""
    assert page.title().startswith("Error: Sign in")
