"""The survey pages in a browser: axe-core (WCAG 2.2 AA and best practice) at every size, the tablet
hand-over completed with the keyboard alone, touch targets, and the results page with its charts."""

from datetime import UTC, datetime, timedelta

import pytest

from reporting.extensions import db
from reporting.models import Centre, SurveyResponse
from reporting.referrals.services import report_by_reference
from reporting.satisfaction import services
from tests.browser.conftest import VIEWPORTS, sign_in
from tests.browser.helpers import axe_violations, focused, horizontal_overflow, small_targets
from tests.support import factories

pytestmark = pytest.mark.browser

SIZES = ["desktop", "tablet", "narrow"]
TARGETS = "main form button, main form input, main form textarea, main form a, main a.app-touch-link"


def check_every_size(page) -> list[str]:
    problems = []
    for viewport in SIZES:
        page.set_viewport_size(VIEWPORTS[viewport]["viewport"])
        problems += [f"{viewport}: {violation}" for violation in axe_violations(page)]
        if horizontal_overflow(page):
            problems.append(f"{viewport}: the page scrolls sideways by {horizontal_overflow(page)} px")
    page.set_viewport_size(VIEWPORTS["tablet"]["viewport"])
    problems += [f"small target: {target}" for target in small_targets(page, TARGETS)]
    return problems


def new_report(site, days_ago: int = 0, **fields) -> str:
    """A report of Sale Library in the shared database; returns its reference."""
    with site.app.app_context():
        library = db.session.query(Centre).filter_by(code="sale-library").one()
        report = factories.report(library, reported_at=datetime.now(UTC) - timedelta(days=days_ago), **fields)
        db.session.commit()
        return report.reference


def follow_up_path(site, days_ago: int, answered: bool = False) -> str:
    reference = new_report(site, days_ago)
    with site.app.app_context():
        report = report_by_reference(reference)
        invitation = services.issue_follow_up(report)
        db.session.commit()
        if answered:
            services.record_answers(invitation, {"overall": 4})
        return f"/follow-up/{services.token_for(invitation)}"


def tab_to(page, description: str, limit: int = 40) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if description in focused(page):
            return
    raise AssertionError(f"{description!r} not reached with Tab; focus is on {focused(page)}")


def test_the_tablet_hand_over_with_the_keyboard_alone_and_every_page_passes_axe(open_page, site):
    reference = new_report(site)
    page = open_page(viewport="tablet")
    sign_in(page, site, site.seeded.volunteer_email)
    page.goto(site.at(f"/survey/{reference}/hand-over"))
    problems = check_every_size(page)
    assert problems == [], "\n".join(problems)

    tab_to(page, '"Hand the tablet to the person"')
    page.keyboard.press("Enter")
    page.wait_for_url(site.at(f"/survey/{reference}/questions"))
    assert page.locator("h1").inner_text() == "Tell us how reporting went"
    assert page.locator(".app-header__nav").count() == 0
    assert reference not in page.locator("body").inner_text()
    problems = check_every_size(page)
    assert problems == [], "\n".join(problems)

    tab_to(page, "input#ease.")
    page.keyboard.press("Space")
    tab_to(page, "textarea#comment")
    page.keyboard.type("Thank you")
    tab_to(page, '"Send my answers"')
    page.keyboard.press("Enter")
    page.wait_for_url(site.at("/survey/hand-back"))
    assert "Thank you for your answers." in page.locator("main").inner_text()
    problems = check_every_size(page)
    assert problems == [], "\n".join(problems)

    page.goto(site.at("/reports/"))
    assert page.url == site.at("/survey/hand-back"), "staff pages stay locked until the volunteer takes the tablet"
    tab_to(page, "input#password")
    page.keyboard.type(site.seeded.password)
    page.keyboard.press("Enter")
    page.wait_for_url(site.at(f"/intake/{reference}/submitted"))


def test_the_hand_back_error_passes_axe(open_page, site):
    reference = new_report(site)
    page = open_page(viewport="tablet")
    sign_in(page, site, site.seeded.volunteer_email)
    page.goto(site.at(f"/survey/{reference}/hand-over"))
    page.get_by_role("button", name="Hand the tablet to the person").click()
    page.get_by_role("button", name="I do not want to answer").click()
    page.wait_for_url(site.at("/survey/hand-back"))
    page.get_by_role("button", name="Take the tablet back").click()
    page.wait_for_selector(".govuk-error-summary")
    assert page.title().startswith("Error: ")
    problems = check_every_size(page)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize(
    "days_ago, answered, heading",
    [
        (30, False, "How did it go after you reported?"),
        (30, True, "You have already answered"),
        (100, False, "This link has expired"),
        (1, False, "It is a little too early"),
    ],
    ids=["open", "used", "expired", "too-early"],
)
def test_the_follow_up_pages_pass_axe(open_page, site, days_ago, answered, heading):
    page = open_page(site.at(follow_up_path(site, days_ago, answered)), "tablet")
    assert page.locator("h1").inner_text() == heading
    problems = check_every_size(page)
    assert problems == [], "\n".join(problems)


def test_the_follow_up_thank_you_page_passes_axe(open_page, site):
    page = open_page(site.at(follow_up_path(site, 30)), "narrow")
    page.get_by_label("Very satisfied").first.check()
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_selector("h1:has-text('Thank you for your answers')")
    problems = check_every_size(page)
    assert problems == [], "\n".join(problems)


def test_the_results_page_with_its_charts_passes_axe(open_page, site, staff_session):
    with site.app.app_context():
        library = db.session.query(Centre).filter_by(code="sale-library").one()
        for score in (5, 4, 4, 2, 1, 5):
            report = factories.report(library, reported_at=datetime.now(UTC) - timedelta(days=2))
            report.survey_responses.append(SurveyResponse(kind="immediate", question="overall", score=score))
            report.survey_responses.append(SurveyResponse(kind="immediate", question="recommend", answer="yes"))
        db.session.commit()
    page = open_page(site.at("/satisfaction/"), "desktop", storage_state=staff_session)
    assert page.locator("h1").inner_text() == "Satisfaction with reporting"
    assert page.locator("svg#chart-centres").is_visible()
    assert page.locator("svg#chart-overall").is_visible()
    problems = check_every_size(page)
    assert problems == [], "\n".join(problems)


def test_the_centre_leads_month_picker_and_its_refusal_pass_axe(open_page, site):
    page = open_page(viewport="desktop")
    sign_in(page, site, site.seeded.lead_email)
    page.goto(site.at("/satisfaction/?date_from=2026-03-04&date_to=2026-03-05"))
    assert page.locator(".govuk-error-summary").is_visible()
    assert page.title().startswith("Error: ")
    assert page.locator("select#date_from").input_value() == "2026-03"
    problems = check_every_size(page)
    assert problems == [], "\n".join(problems)
    page.get_by_role("button", name="Show results").click()
    assert page.locator(".govuk-error-summary").count() == 0
    problems = check_every_size(page)
    assert problems == [], "\n".join(problems)


def test_the_survey_that_cannot_be_opened_here_passes_axe(open_page, site):
    page = open_page(site.at("/survey/HR-ZZZZ-ZZZ9"), "narrow")
    assert page.locator("h1").inner_text() == "This survey cannot be opened here"
    problems = check_every_size(page)
    assert problems == [], "\n".join(problems)
