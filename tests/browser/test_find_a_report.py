"""Finding a report in a real browser, with the keyboard alone: the "Go to a report" box in the staff header and
the filters on the reports list, each passing axe-core with no sideways scrolling at every size, 44 px targets."""

import pytest

from tests.browser.conftest import VIEWPORTS
from tests.browser.helpers import check_every_size, focused, small_targets

pytestmark = pytest.mark.browser

SEARCH = "#find-report-reference"


def _tab_to(page, selector: str, most: int = 60) -> None:
    """Press Tab until `selector` has the focus, as a keyboard user would."""
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate("selector => document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}; the focus is on {focused(page)}")


def test_the_header_box_goes_to_a_reference_typed_any_way_with_the_keyboard(open_page, site, staff_session):
    page = open_page(site.at("/satisfaction/"), storage_state=staff_session)
    _tab_to(page, SEARCH)
    page.keyboard.type(site.seeded.referred_report.replace("-", "").lower())
    page.keyboard.press("Enter")
    page.wait_for_url(site.at(f"/reports/{site.seeded.referred_report}"))
    assert site.seeded.referred_report in page.locator("h1").inner_text()


def test_the_header_box_and_its_answer_for_no_report_pass_axe_at_every_size(open_page, site, staff_session):
    page = open_page(site.at("/reports/"), viewport="narrow", storage_state=staff_session)
    assert small_targets(page, f"{SEARCH}, header form[role=search] button") == []
    _tab_to(page, SEARCH)
    page.keyboard.type("hr-2222-2222")
    page.keyboard.press("Enter")
    page.wait_for_selector(".govuk-notification-banner")
    assert "No report HR-2222-2222 that you can see." in page.locator(".govuk-notification-banner").inner_text()
    assert check_every_size(page, VIEWPORTS) == []


def test_the_list_is_filtered_with_the_keyboard_and_passes_axe_at_every_size(open_page, site, staff_session):
    page = open_page(site.at("/reports/"), storage_state=staff_session)
    _tab_to(page, "#reported_from")
    page.keyboard.type("1/3/2026")
    _tab_to(page, "#category")
    page.keyboard.type("Disability")
    _tab_to(page, "#report-filters button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/reports/?*category=disability*")
    assert page.locator("#report-count").inner_text() == "1 report matches."
    assert site.seeded.referred_report in page.locator("main table").inner_text()
    assert check_every_size(page, VIEWPORTS) == []


def test_a_bad_filter_is_explained_and_the_page_passes_axe_at_every_size(open_page, site, staff_session):
    page = open_page(site.at("/reports/?reported_from=31%2F2%2F2026&category=nonsense"), storage_state=staff_session)
    summary = page.locator(".govuk-error-summary")
    assert "Enter a real date" in summary.inner_text() and "Select a category" in summary.inner_text()
    assert page.locator("main table").is_visible()
    assert check_every_size(page, VIEWPORTS) == []
