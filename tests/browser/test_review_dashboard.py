"""The partnership review pages pass axe-core (WCAG 2.2 AA and best practice) and need no sideways scrolling."""

import pytest

from tests.browser.conftest import VIEWPORTS, sign_in
from tests.browser.helpers import check_every_size

pytestmark = pytest.mark.browser

PERIOD = "date_from=2026-01&date_to=2026-06"
PAGES = {
    "dashboard": (f"/review/?{PERIOD}", "Partnership review"),
    "dashboard-suppressed": (f"/review/?{PERIOD}&suppress=1", "Partnership review"),
    "one-centre": (f"/review/?{PERIOD}&centre=sale-library", "Partnership review"),
    "dip-samples": ("/review/dip-samples", "Dip samples"),
    "centres": ("/review/centres", "Centre training and contact"),
    "record-visit": ("/review/centres/sale-library/visits/new", "Record a visit to Sale Library"),
}


@pytest.mark.parametrize("name", PAGES)
def test_review_pages_pass_axe_at_every_size(name, open_page, site, staff_session):
    path, heading = PAGES[name]
    page = open_page(site.at(path), storage_state=staff_session)
    assert page.locator("h1").inner_text().strip() == heading
    problems = check_every_size(page, VIEWPORTS)
    assert not problems, f"{name}:\n" + "\n".join(problems)


def test_the_dashboard_shows_every_section_with_a_chart_named_for_screen_readers(open_page, site, staff_session):
    page = open_page(site.at(f"/review/?{PERIOD}"), storage_state=staff_session)
    headings = page.locator("main h2.govuk-heading-l").all_inner_texts()
    assert headings == [
        "Summary",
        "What is reported",
        "How often each centre is used",
        "People and repeat victims",
        "Where incidents happened, and the gaps",
        "How consistently centres record reports",
        "How cases ended",
        "How satisfied people were",
        "The last 12 months",
        "Dip samples",
        "Centre training and contact",
    ]
    chart = page.get_by_role("img", name="Reports by category")
    assert chart.count() == 1
    assert "Reports rose from 0 to 4." in page.locator("#chart-categories-summary").inner_text()


def test_the_area_map_marks_the_centres_and_sits_beside_its_table(open_page, site, staff_session):
    page = open_page(site.at(f"/review/?{PERIOD}"), storage_state=staff_session)
    title = "Map of the areas: reports from July 2025 to June 2026, and active centres"
    chart = page.get_by_role("img", name=title)
    assert chart.count() == 1
    # Both seeded areas have an active centre: each tile carries the centre symbol and says how many.
    assert page.locator("#chart-area-map g.app-tile path").count() == 2
    assert page.locator("#chart-area-map g.app-tile text", has_text="Centres: 1").count() == 2
    table = page.locator("#table-hotspots-12-months")
    drawn, beside = chart.bounding_box(), table.bounding_box()
    assert beside["x"] >= drawn["x"] + drawn["width"] and beside["y"] < drawn["y"] + drawn["height"]


def test_the_period_chooser_and_its_errors_work_with_the_keyboard(open_page, site, staff_session):
    page = open_page(site.at("/review/"), storage_state=staff_session)
    page.select_option("#date_from", "2026-06")
    page.select_option("#date_to", "2026-01")
    page.focus("#centre")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector(".govuk-error-summary")
    assert page.title().startswith("Error:")
    message = "The last month must be the same as or after the first month"
    assert page.locator(".govuk-error-summary a").inner_text() == message
    assert not check_every_size(page, VIEWPORTS)


def test_volunteers_are_refused(open_page, site):
    page = open_page()
    sign_in(page, site, site.seeded.volunteer_email)
    response = page.goto(site.at("/review/"))
    assert response.status == 403
