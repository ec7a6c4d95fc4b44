"""Staff pages on a tablet (768 by 1024): readable chart labels, tables that stay on the screen, references
that do not break, links apart from what they sit beside, and few Tab presses to the first field.

Set UPDATE_SCREENSHOTS=1 to refresh the README's screenshots of these pages in docs/screenshots/.
"""

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect

from reporting.extensions import db
from reporting.models import AuditEvent, Report, SurveyResponse
from tests.browser.conftest import Site, sign_in
from tests.browser.helpers import horizontal_overflow
from tests.conftest import make_app
from tests.support.intake import go_through, start_draft
from tests.support.live_server import seed, serve

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
MIN_LABEL_PX = 12
MAX_TABS_TO_FIRST_FIELD = 5


def screenshot(page, name: str) -> None:
    """With UPDATE_SCREENSHOTS=1, the page as it stands into docs/screenshots/ for the README."""
    if os.environ.get("UPDATE_SCREENSHOTS"):
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


@dataclass(frozen=True)
class TabletSite(Site):
    draft: str  # the reference of a draft with every step answered, of Sale Library


@pytest.fixture(scope="module")
def tablet_site(browser, sqlite_template, tmp_path_factory):
    """A database of its own (the survey answers and audit entries here would change other tests' figures)."""
    path = tmp_path_factory.mktemp("tablet") / "reporting.sqlite3"
    shutil.copy(sqlite_template, path)
    app = make_app(f"sqlite:///{path}")
    seeded = seed(app)
    with app.app_context():
        for report in db.session.query(Report).all():
            for question, score in (("ease", 4), ("overall", 5), ("informed", 3)):
                report.survey_responses.append(SurveyResponse(kind="immediate", question=question, score=score))
        db.session.add(AuditEvent(action="report_exported_with_contact_details_to_a_partner_organisation",
                                  object_type="report", object_id="HR-X4DZ-ZZXY",
                                  detail="format=jsonl from=2026-01-01 to=2026-06-30 include_contact=yes rows=1234",
                                  ip_address="2001:db8:85a3:8d3:1319:8a2e:370:7348"))  # fmt: skip
        db.session.commit()
    client = app.test_client()
    client.post("/sign-in", data={"email": seeded.volunteer_email, "password": seeded.password})
    draft = start_draft(client)
    go_through(client, draft)
    with serve(app) as base_url:
        yield TabletSite(base_url, seeded, app, draft)
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def tablet(open_page, tablet_site):
    def _open(email: str):
        page = open_page(viewport="tablet")
        sign_in(page, tablet_site, email)
        return page

    return _open


def rendered_text_sizes(page, selector: str) -> dict[str, float]:
    """The smallest text of each SVG drawn, in CSS pixels as it shows on the screen (its font size scaled as the
    drawing is)."""
    return page.evaluate(
        """(selector) => Object.fromEntries([...document.querySelectorAll(selector)]
            .filter(svg => svg.viewBox.baseVal && svg.viewBox.baseVal.width && svg.querySelector('text'))
            .map(svg => {
                const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize));
                return [svg.id || svg.closest('[id]').id, Math.min(...sizes) * scale];
            }))""",
        selector,
    )


def test_satisfaction_chart_labels_are_readable(tablet, tablet_site):
    page = tablet(tablet_site.seeded.partnership_email)
    page.goto(tablet_site.at("/satisfaction/?date_from=2020-01-01&date_to=2026-12-31"))
    expect(page.locator("svg#chart-overall")).to_be_visible()
    sizes = rendered_text_sizes(page, "main svg")
    assert sizes and min(sizes.values()) >= MIN_LABEL_PX, sizes
    page.locator("svg#chart-overall").scroll_into_view_if_needed()
    screenshot(page, "satisfaction-results-tablet")


def test_the_audit_table_stays_on_the_screen(tablet, tablet_site):
    page = tablet(tablet_site.seeded.partnership_email)
    page.goto(tablet_site.at("/audit"))
    expect(page.get_by_text("report_exported_with_contact_details_to_a_partner_organisation")).to_be_visible()
    assert horizontal_overflow(page) == 0
    # The whole table is on the screen: nothing to scroll to, inside its box or out of it.
    assert right_edges(page, "main table") <= page.viewport_size["width"]
    page.locator("main table").scroll_into_view_if_needed()
    screenshot(page, "audit-tablet")


def right_edges(page, selector: str) -> float:
    return page.evaluate(
        "(selector) => Math.max(...[...document.querySelectorAll(selector)].map(e => e.getBoundingClientRect().right))",
        selector,
    )


def line_count(page, selector: str) -> dict[str, int]:
    """How many lines each element's text takes on the screen."""
    return page.evaluate(
        """(selector) => Object.fromEntries([...document.querySelectorAll(selector)].map(e => {
            const range = document.createRange();
            range.selectNodeContents(e);
            const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
            return [e.textContent.trim(), tops.size];
        }))""",
        selector,
    )


def test_references_stay_on_one_line_in_the_reports_list(tablet, tablet_site):
    page = tablet(tablet_site.seeded.partnership_email)
    page.goto(tablet_site.at("/reports/"))
    lines = line_count(page, "main table tbody tr td:first-child > a")
    assert lines and set(lines.values()) == {1}, lines
    assert horizontal_overflow(page) == 0


def test_the_drafts_list_keeps_continue_apart_from_the_reference(tablet, tablet_site):
    page = tablet(tablet_site.seeded.volunteer_email)
    page.goto(tablet_site.at("/intake/drafts"))
    draft = tablet_site.draft
    row = page.locator("main table tbody tr", has_text=draft)
    expect(row.locator("td").first).to_have_text(draft)
    link = page.get_by_role("link", name=f"Continue report {draft}")
    expect(link).to_be_visible()
    expect(row.locator("td").last.get_by_role("link")).to_have_accessible_name(f"Continue report {draft}")
    assert line_count(page, "main table tbody tr td:first-child") == {draft: 1}
    screenshot(page, "drafts-tablet")


def test_change_links_line_up_with_their_row(tablet, tablet_site):
    page = tablet(tablet_site.seeded.volunteer_email)
    page.goto(tablet_site.at(f"/intake/{tablet_site.draft}/check-answers"))
    offsets = page.evaluate("""() => [...document.querySelectorAll('.govuk-summary-list__row')]
        .filter(row => row.querySelector('.govuk-summary-list__actions a'))
        .map(row => {
            const top = (element) => {
                const range = document.createRange();
                range.selectNodeContents(element);
                return range.getClientRects()[0].top;
            };
            const link = row.querySelector('.govuk-summary-list__actions a');
            return Math.abs(top(row.querySelector('.govuk-summary-list__key')) - top(link.firstChild));
        })""")
    assert offsets and max(offsets) <= 3, offsets


def tabs_to_first_field(page, use_skip_link: bool, limit: int = 60) -> int:
    """Presses of Tab from the top of the page until a form field has focus (with the skip link: Tab to it,
    Enter, then Tab on)."""
    page.goto(page.url.split("#")[0])
    field = "main input:not([type=hidden]), main textarea, main select"
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if use_skip_link and presses == 1:
            expect(page.locator(".govuk-skip-link")).to_be_focused()
            page.keyboard.press("Enter")
        if page.evaluate("(field) => document.activeElement.matches(field)", field):
            return presses
    raise AssertionError(f"no field reached in {limit} presses of Tab")


def test_few_tab_presses_reach_the_first_field_of_a_step(tablet, tablet_site, open_page):
    page = tablet(tablet_site.seeded.volunteer_email)
    page.goto(tablet_site.at(f"/intake/{tablet_site.draft}/what-happened"))
    staff = (tabs_to_first_field(page, False), tabs_to_first_field(page, True))
    public = open_page(tablet_site.at("/report/"), "tablet")
    public.get_by_role("button", name="Start now").first.click()
    public.wait_for_url("**/who-is-reporting**")
    person = (tabs_to_first_field(public, False), tabs_to_first_field(public, True))
    # With the skip link: Tab to it, Enter, and the next Tab is on the step's first field.
    assert staff[1] <= MAX_TABS_TO_FIRST_FIELD and person[1] <= MAX_TABS_TO_FIRST_FIELD
    # Tab alone: the language menu is one stop, not one per language (14 and 21 presses before).
    assert person[0] <= 7 and staff[0] <= 14, (person, staff)
    public.get_by_text("Language:").click()
    expect(public.locator(".app-language-menu__list")).to_be_visible()


def test_the_character_count_counts_as_the_volunteer_types(tablet, tablet_site):
    page = tablet(tablet_site.seeded.volunteer_email)
    page.goto(tablet_site.at(f"/intake/{tablet_site.draft}/what-happened"))
    box = page.locator("textarea#description")
    box.fill("")
    box.type("Ten chars!")
    expect(page.locator(".govuk-character-count__status")).to_have_text("You have 9,990 characters remaining")


def test_changing_language_on_a_question_keeps_what_was_typed(open_page, tablet_site):
    page = open_page(tablet_site.at("/report/"), "tablet")
    page.get_by_role("button", name="Start now").first.click()
    page.locator("input[name=reporter_role][value=victim]").check()
    page.get_by_role("button", name="Continue").click()
    page.locator("input[name=incident_types][value=threats]").check()
    page.get_by_text("Language:").click()
    page.locator(".app-language-menu button[value=pl]").click()
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    expect(page.locator("input[name=incident_types][value=threats]")).to_be_checked()
