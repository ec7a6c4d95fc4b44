"""The assisted report on a tablet (768 by 1024), with the keyboard alone: sign in, every step, a change
from check-your-answers, submit; then the stored report is checked field by field. axe-core runs on every
page visited, and form controls are checked for 44 by 44 pixel targets and for sideways scrolling.

Set UPDATE_SCREENSHOTS=1 to refresh docs/screenshots/intake-*.png from this journey.
"""

import os
import re
import shutil
from datetime import date

import pytest
from sqlalchemy import select

from reporting.config import PROJECT_ROOT
from reporting.extensions import db
from reporting.models import Report
from tests.browser.helpers import axe_check, horizontal_overflow, small_targets
from tests.conftest import make_app
from tests.support.live_server import seed, serve

pytestmark = pytest.mark.browser

SCREENSHOTS = PROJECT_ROOT / "docs" / "screenshots"
CONTROLS = ", ".join([
    "main input[type=radio]", "main input[type=checkbox]", "main .govuk-input", "main select", "main textarea",
    "main button", "main .govuk-file-upload", ".app-back-link", "main .govuk-summary-list__actions a",
])  # fmt: skip


@pytest.fixture(scope="module")
def intake_site(browser, sqlite_template, tmp_path_factory):
    """A server of our own (its own database and evidence folder), so the report it takes disturbs no other test."""
    folder = tmp_path_factory.mktemp("intake-browser")
    shutil.copy(sqlite_template, folder / "reporting.sqlite3")
    app = make_app(f"sqlite:///{folder / 'reporting.sqlite3'}", EVIDENCE_DIR=str(folder / "evidence"))
    seeded = seed(app)
    with serve(app) as base_url:
        yield base_url, seeded, app
    with app.app_context():
        db.engine.dispose()


class Keyboard:
    """Drives a page with Tab, arrows, Space, Enter and typing only, checking each page it lands on."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base_url = base_url
        self.visited: list[str] = []

    def check_page(self) -> None:
        axe_check(self.page)
        assert small_targets(self.page, CONTROLS) == [], self.page.url
        assert horizontal_overflow(self.page) == 0, f"{self.page.url} scrolls sideways"
        self.visited.append(self.page.url)

    def focus(self, selector: str, limit: int = 120) -> None:
        """Press Tab until the focused element matches `selector`."""
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            if self.page.evaluate("s => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"Tab never reached {selector} on {self.page.url}")

    def type(self, selector: str, text: str) -> None:
        self.focus(selector)
        self.page.keyboard.type(text)

    def radio(self, name: str, value: str) -> None:
        self.focus(f"input[name='{name}']")
        for _ in range(15):
            if self.page.evaluate("() => document.activeElement.value") == value:
                self.page.keyboard.press("Space")
                return
            self.page.keyboard.press("ArrowDown")
        raise AssertionError(f"no radio {name}={value}")

    def tick(self, name: str, *values: str) -> None:
        for value in values:
            self.focus(f"input[name='{name}'][value='{value}']")
            self.page.keyboard.press("Space")

    def choose(self, selector: str, value: str) -> None:
        self.focus(selector)
        for _ in range(60):
            if self.page.evaluate("() => document.activeElement.value") == value:
                return
            self.page.keyboard.press("ArrowDown")
        raise AssertionError(f"no option {value} in {selector}")

    def press(self, selector: str) -> None:
        """Move to a button or link and press Enter; waits for the next page and checks it."""
        self.focus(selector)
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")
        self.check_page()

    def save_and_continue(self) -> None:
        self.press("main form button.govuk-button:not(.govuk-button--secondary)")

    def heading(self) -> str:
        return self.page.locator("h1").first.inner_text()


def _screenshot(page, name: str) -> None:
    if os.environ.get("UPDATE_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"intake-{name}.png"), full_page=True)


def _sign_in(keys: Keyboard, email: str, password: str) -> None:
    keys.page.goto(keys.base_url + "/sign-in")
    keys.check_page()
    keys.type("#email", email)
    keys.type("#password", password)
    with keys.page.expect_navigation():
        keys.page.keyboard.press("Enter")
    keys.check_page()


def _answer_the_first_half(keys: Keyboard, evidence_file) -> None:
    keys.radio("reporter_role", "victim")
    keys.save_and_continue()
    keys.tick("incident_types", "verbal_abuse", "mate_crime")
    keys.type("#description", "He called me names at the bus stop and said he knew where I lived.")
    keys.save_and_continue()
    assert keys.heading() == "Consider an adult safeguarding referral"
    keys.radio("safeguarding_referral", "already")
    keys.save_and_continue()
    keys.tick("categories", "race", "disability")
    keys.save_and_continue()
    _screenshot(keys.page, "when")
    keys.type("#occurred_on", "13")
    keys.type("#occurred_on-month", "3")
    keys.type("#occurred_on-year", "2026")
    keys.radio("occurred_time", "evening")
    keys.radio("ongoing", "no")
    keys.save_and_continue()
    assert keys.heading() == "Reported before"
    keys.radio("reported_before", "no")
    keys.save_and_continue()
    keys.radio("location_type", "public_transport")
    keys.save_and_continue()
    keys.choose("#area", "sale_central")
    keys.type("#postcode", "m33 7xy")
    keys.type("#location_description", "The bus stop outside the library.")
    keys.save_and_continue()
    keys.radio("witnesses", "one")
    keys.radio("witnesses_willing", "yes")
    keys.save_and_continue()
    keys.focus("#files")
    keys.page.set_input_files("#files", evidence_file)
    keys.press("main form button[value=upload]")
    assert "stop.png" in keys.page.locator("main").inner_text()
    keys.press("main form button[value=continue]")


def _answer_the_second_half(keys: Keyboard) -> None:
    keys.type("#perpetrator_description", "A tall man in a red coat.")
    keys.radio("perpetrator_known", "not_sure")
    keys.save_and_continue()
    keys.radio("injured", "yes")
    keys.type("#injuries", "A bruised arm.")
    keys.radio("support_wanted", "yes")
    keys.tick("support_kinds", "emotional", "safety")
    keys.save_and_continue()
    keys.radio("police_consent", "anonymous")
    keys.save_and_continue()
    assert keys.heading() == "Contact details", "anonymous to the police: no police contact page"
    keys.type("#name", "Sam Example")
    keys.radio("preferred_method", "email")
    keys.type("#email", "sam@example.org")
    keys.type("#safe_times", "Weekday mornings")
    keys.radio("safe_to_leave_message", "no")
    keys.save_and_continue()
    keys.choose("#language", "pl")
    keys.tick("communication_needs", "interpreter")
    keys.type("#interpreter_language", "Polish")
    keys.save_and_continue()
    assert keys.heading() == "Could any of these answers identify them?"
    keys.tick("identifying_fields", "description")
    keys.save_and_continue()
    keys.radio("age_band", "35_44")
    keys.radio("religion", "prefer_not")
    keys.save_and_continue()


def _change_an_answer(keys: Keyboard) -> None:
    keys.press("a[href*='/why?change=1']")
    keys.tick("categories", "religion")
    keys.save_and_continue()
    assert keys.heading() == "Check the answers before submitting the report"
    assert "Religion, faith or belief" in keys.page.locator("main").inner_text()


def answer_a_whole_report(open_page, base_url: str, seeded, folder) -> Keyboard:
    """Sign in as the volunteer on a tablet and answer every step with the keyboard, a photo as evidence; the
    keyboard is left on the check-your-answers page."""
    from PIL import Image

    evidence_file = folder / "stop.png"
    Image.new("RGB", (40, 30), (0, 90, 200)).save(evidence_file)
    keys = Keyboard(open_page(None, "tablet"), base_url)
    _sign_in(keys, seeded.volunteer_email, seeded.password)
    keys.press("main a[href='/intake/start']")
    keys.press("main form button")
    _answer_the_first_half(keys, str(evidence_file))
    _answer_the_second_half(keys)
    return keys


def test_a_whole_assisted_report_with_the_keyboard_on_a_tablet(open_page, intake_site, tmp_path):
    base_url, seeded, app = intake_site
    keys = answer_a_whole_report(open_page, base_url, seeded, tmp_path)
    assert keys.heading() == "Check the answers before submitting the report"
    _screenshot(keys.page, "check-answers")
    _change_an_answer(keys)
    keys.press("main form button")
    reference = keys.page.locator(".app-reference").inner_text()
    assert re.fullmatch(r"HR-[A-Z0-9]{4}-[A-Z0-9]{4}", reference)
    _screenshot(keys.page, "submitted")
    assert len(keys.visited) >= 22

    with app.app_context():
        report = db.session.scalar(select(Report).where(Report.reference == reference))
        _check_stored(report)


def _check_stored(report) -> None:
    assert (report.status, report.channel, report.centre.code) == ("received", "assisted", "sale-library")
    assert report.reported_at is not None and report.received_at == report.reported_at
    assert report.reporter_role == "victim"
    assert report.incident_types == ["mate_crime", "verbal_abuse"]
    assert report.description == "He called me names at the bus stop and said he knew where I lived."
    assert report.safeguarding_referral == "already"
    assert report.categories == ["disability", "race", "religion"]
    assert (report.occurred_on, report.occurred_on_approximate) == (date(2026, 3, 13), False)
    assert (report.occurred_time, report.ongoing) == ("evening", False)
    assert (report.location_type, report.area.code, report.postcode) == ("public_transport", "sale_central", "M33 7XY")
    assert report.location_description == "The bus stop outside the library."
    assert (report.witnesses, report.witnesses_willing) == ("one", "yes")
    assert [(f.original_name, f.content_type) for f in report.evidence_files] == [("stop.png", "image/png")]
    assert (report.perpetrator_description, report.perpetrator_known) == ("A tall man in a red coat.", "not_sure")
    assert (report.injured, report.injuries) == ("yes", "A bruised arm.")
    assert (report.support_wanted, report.support_kinds) == (True, ["emotional", "safety"])
    assert (report.police_consent, report.police_contact, report.police_officer_sex) == ("anonymous", [], None)
    contact = report.contact
    assert (contact.name, contact.preferred_method, contact.email, contact.phone) == (
        "Sam Example", "email", "sam@example.org", None
    )  # fmt: skip
    assert (contact.safe_times, contact.safe_to_leave_message) == ("Weekday mornings", False)
    assert (report.language, report.communication_needs, report.interpreter_language) == (
        "pl",
        ["interpreter"],
        "Polish",
    )
    assert report.identifying_fields == ["description"]
    assert (report.equality.age_band, report.equality.religion, report.equality.sex) == ("35_44", "prefer_not", None)


@pytest.mark.parametrize("viewport", ["narrow", "zoom-200"])
def test_a_step_with_a_date_fits_a_narrow_screen_and_200_percent_zoom(open_page, intake_site, viewport):
    base_url, seeded, _app = intake_site
    page = open_page(base_url + "/sign-in", viewport)
    page.fill("#email", seeded.lead_email)
    page.fill("#password", seeded.password)
    with page.expect_navigation():
        page.click("#submit")
    with page.expect_navigation():
        page.goto(base_url + "/intake/start")
    with page.expect_navigation():
        page.click("main form button")
    reference = re.search(r"HR-[A-Z0-9-]{9}", page.url).group(0)
    for slug in ("when", "place", "contact"):
        page.goto(f"{base_url}/intake/{reference}/{slug}")
        assert horizontal_overflow(page) == 0, f"{slug} scrolls sideways at {viewport}"
        axe_check(page)
