"""Reports made online, on a phone (375 CSS pixels wide), with the keyboard alone: the plain-language flow
and the easy-read flow from the start page to the reference number, in every shipped language. axe-core
runs on every page visited, with 44 px targets and no sideways scrolling; each page declares its language
and direction. "Exit this page" replaces the page in the history, and works as a plain link without script.

Set UPDATE_SCREENSHOTS=1 to refresh docs/screenshots/selfreport-*.png (English) from these journeys.
"""

import os
import re
import shutil
from types import SimpleNamespace

import pytest
from babel import Locale
from sqlalchemy import select

from reporting.config import PROJECT_ROOT
from reporting.extensions import db
from reporting.i18n import SHIPPED_LANGUAGES
from reporting.models import Report
from tests.browser.helpers import axe_check, horizontal_overflow, small_targets
from tests.browser.test_intake_journey import CONTROLS, Keyboard
from tests.conftest import make_app
from tests.support.live_server import seed, serve

pytestmark = pytest.mark.browser

SCREENSHOTS = PROJECT_ROOT / "docs" / "screenshots"
PHONE = {"viewport": {"width": 375, "height": 812}, "has_touch": True}
LANGUAGES = sorted(SHIPPED_LANGUAGES)


@pytest.fixture(scope="module")
def report_site(browser, sqlite_template, tmp_path_factory):
    """A server of our own (its own database), in every shipped language, with a local page to exit to."""
    folder = tmp_path_factory.mktemp("self-report-browser")
    shutil.copy(sqlite_template, folder / "reporting.sqlite3")
    app = make_app(f"sqlite:///{folder / 'reporting.sqlite3'}")
    seed(app)
    with serve(app) as base_url:
        app.config["EXIT_PAGE_URL"] = base_url + "/healthz"
        yield base_url, app
    with app.app_context():
        db.engine.dispose()


class PhoneKeyboard(Keyboard):
    """The tablet journey's keyboard, checking each page's language and direction as well."""

    language = "en"

    def check_page(self) -> None:
        super().check_page()
        locale = Locale.parse(self.language)
        assert self.page.get_attribute("html", "lang") == self.language.replace("_", "-")
        assert self.page.get_attribute("html", "dir") == locale.text_direction
        assert self.page.locator(".govuk-exit-this-page a").count() == 1, f"no quick exit on {self.page.url}"

    def continue_(self) -> None:
        self.press("main form button.govuk-button")


def _screenshot(page, name: str, language: str) -> None:
    if os.environ.get("UPDATE_SCREENSHOTS") and language == "en":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"selfreport-{name}.png"), full_page=True)


def _open(browser, base_url: str, path: str, language: str) -> PhoneKeyboard:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    keys = PhoneKeyboard(page, base_url)
    keys.language = language
    page.goto(f"{base_url}{path}?lang={language}")
    keys.check_page()
    return keys


PLAIN_ANSWERS = {
    "who-is-reporting": lambda keys: keys.radio("reporter_role", "victim"),
    "what-happened": lambda keys: keys.tick("incident_types", "verbal_abuse", "threats"),
    "tell-us-what-happened": lambda keys: keys.type("#description", "A man shouted at me at the bus stop."),
    "why": lambda keys: keys.tick("categories", "religion"),
    "when": lambda keys: [keys.type("#occurred_on", "13"), keys.type("#occurred_on-month", "3"),
                          keys.type("#occurred_on-year", "2026")],
    "time-of-day": lambda keys: keys.radio("occurred_time", "evening"),
    "still-going-on": lambda keys: keys.radio("ongoing", "no"),
    "where": lambda keys: keys.radio("location_type", "public_transport"),
    "place": lambda keys: keys.choose("#area", "sale_central"),
    "postcode": lambda keys: keys.type("#postcode", "m33 7xy"),
    "witnesses": lambda keys: keys.radio("witnesses", "none"),
    "know-who-did-it": lambda keys: keys.radio("perpetrator_known", "no"),
    "harm-and-support": lambda keys: keys.radio("injured", "no"),
    "help": lambda keys: keys.radio("support_wanted", "no"),
    "police": lambda keys: keys.radio("police_consent", "anonymous"),
    "identifying-details": lambda keys: keys.tick("identifying_fields", "description"),
}  # fmt: skip

EASY_READ_ANSWERS = {
    "who-is-reporting": lambda keys: keys.radio("reporter_role", "witness"),
    "what-happened": lambda keys: keys.tick("incident_types", "graffiti"),
    "why": lambda keys: keys.tick("categories", "race"),
    "when-choice": lambda keys: keys.radio("when_choice", "today"),
    "still-going-on": lambda keys: keys.radio("ongoing", "yes"),
    "where": lambda keys: keys.radio("location_type", "home"),
    "place": lambda keys: keys.choose("#area", "not_known"),
    "help": lambda keys: keys.radio("support_wanted", "no"),
    "police": lambda keys: keys.radio("police_consent", "none"),
    "contact-choice": lambda keys: keys.radio("contact_wanted", "no"),
}


def _answer_every_page(keys: PhoneKeyboard, answers: dict, flow: str) -> list[str]:
    """Answer each page as it comes (pages with only optional questions are left), until check-your-answers."""
    seen = []
    while "/check-answers" not in keys.page.url:
        slug = re.search(rf"/report/{flow}/([a-z-]+)", keys.page.url).group(1)
        assert slug not in seen, f"{slug} asked again: {keys.page.locator('.govuk-error-summary').all_inner_texts()}"
        seen.append(slug)
        if slug in answers:
            answers[slug](keys)
        if slug in ("who-is-reporting", "what-happened"):
            _screenshot(keys.page, f"{flow}-{slug}", keys.language)
        keys.continue_()
    return seen


def _send(keys: PhoneKeyboard, flow: str) -> str:
    _screenshot(keys.page, f"{flow}-check-answers", keys.language)
    keys.press("main form button.govuk-button")
    assert keys.page.url.split("?")[0].endswith(f"/report/{flow}/sent")
    _screenshot(keys.page, f"{flow}-sent", keys.language)
    reference = keys.page.locator(".app-reference")
    lines, right, width = reference.evaluate(
        """element => {
            const box = element.getBoundingClientRect();
            return [box.height / parseFloat(getComputedStyle(element).fontSize), box.right, window.innerWidth];
        }"""
    )
    assert lines < 2 and right <= width, "the reference to write down breaks across lines or runs off the phone"
    return reference.inner_text().strip()


def _stored(app, reference: str) -> SimpleNamespace:
    """The stored report's answers, read in the server's database."""
    with app.app_context():
        report = db.session.scalar(select(Report).where(Report.reference == reference))
        names = ("channel", "centre_id", "status", "language", "police_consent", "identifying_fields",
                 "reporter_role", "incident_types", "occurred_on", "contact")  # fmt: skip
        return SimpleNamespace(**{name: getattr(report, name) for name in names})


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_plain_language_flow_on_a_phone_with_the_keyboard(browser, report_site, language):
    base_url, app = report_site
    keys = _open(browser, base_url, "/report/", language)
    _screenshot(keys.page, "start", language)
    keys.press("main form button.govuk-button--start")
    seen = _answer_every_page(keys, dict(PLAIN_ANSWERS), "questions")
    assert "contact" not in seen  # no help wanted, police without a name: no contact details asked
    assert all(f"lang={language}" in url for url in keys.visited[1:]) or language == "en"
    reference = _send(keys, "questions")
    report = _stored(app, reference)
    assert (report.channel, report.centre_id, report.status) == ("self", None, "received")
    assert report.language == language.replace("_", "-")
    assert report.police_consent == "anonymous" and report.identifying_fields == ["description"]
    keys.page.context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_easy_read_flow_on_a_phone_with_the_keyboard(browser, report_site, language):
    base_url, app = report_site
    keys = _open(browser, base_url, "/report/easy-read", language)
    _screenshot(keys.page, "easy-read-start", language)
    keys.press("main form button.govuk-button--start")
    seen = _answer_every_page(keys, dict(EASY_READ_ANSWERS), "easy-read")
    assert len(seen) == 12
    pictures = keys.page.locator("main svg.app-icon")
    assert pictures.count() == 0  # check-your-answers has words only
    reference = _send(keys, "easy-read")
    report = _stored(app, reference)
    assert report.reporter_role == "witness" and report.incident_types == ["graffiti"]
    assert report.occurred_on is not None and report.contact is None
    assert report.language == language.replace("_", "-")
    keys.page.context.close()


def test_easy_read_text_is_large_with_a_picture_beside_each_question(browser, report_site):
    base_url, _app = report_site
    keys = _open(browser, base_url, "/report/easy-read", "en")
    keys.press("main form button.govuk-button--start")
    label = keys.page.locator(".govuk-radios__label").first
    assert label.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 24
    picture = keys.page.locator("main .app-easy-read__picture svg")
    assert picture.get_attribute("aria-hidden") == "true"
    box, label_box = picture.bounding_box(), label.bounding_box()
    assert box["width"] >= 48 and box["x"] + box["width"] <= label_box["x"]  # beside the answers, not above
    keys.page.context.close()


def test_exit_this_page_replaces_the_page_in_the_history(browser, report_site):
    base_url, _app = report_site
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(base_url + "/report/")
    page.click("main a[href='/report/easy-read']")
    page.wait_for_url(base_url + "/report/easy-read")
    length = page.evaluate("history.length")
    with page.expect_navigation():
        page.click(".govuk-exit-this-page a")
    assert page.url == base_url + "/healthz"
    assert page.evaluate("history.length") == length  # replaced, not added
    page.go_back()
    assert page.url == base_url + "/report/"  # the page left is no longer in the history
    context.close()


def _start_a_report(page, base_url: str) -> None:
    page.goto(base_url + "/report/")
    page.get_by_role("button", name="Start now").click()
    page.wait_for_url("**/report/questions/who-is-reporting")


def _assert_starts_afresh(page, base_url: str) -> None:
    """The report started before exit is out of this browser's reach: no way back to it."""
    page.goto(base_url + "/report/")
    assert "Go back to the report you started" not in page.inner_text("main")
    assert page.goto(base_url + "/report/questions/check-answers").status == 404


def test_pressing_shift_three_times_exits_and_ends_the_report_here(browser, report_site):
    base_url, _app = report_site
    context = browser.new_context(**PHONE)
    page = context.new_page()
    _start_a_report(page, base_url)
    page.locator("body").click(position={"x": 5, "y": 300})
    with page.expect_navigation(url=base_url + "/healthz"):
        for _ in range(3):
            page.keyboard.press("Shift")
    assert page.url == base_url + "/healthz"
    _assert_starts_afresh(page, base_url)
    context.close()


def test_exit_this_page_is_a_plain_link_without_javascript(browser, report_site):
    base_url, _app = report_site
    context = browser.new_context(**PHONE, java_script_enabled=False)
    page = context.new_page()
    _start_a_report(page, base_url)
    exit_link = page.locator(".govuk-exit-this-page a")
    assert exit_link.get_attribute("href") == "/exit"
    with page.expect_navigation(url=base_url + "/healthz"):
        exit_link.click()
    assert page.url == base_url + "/healthz"
    _assert_starts_afresh(page, base_url)
    context.close()


def test_pages_are_not_stored_by_the_browser(browser, report_site):
    base_url, _app = report_site
    context = browser.new_context(**PHONE)
    page = context.new_page()
    response = page.goto(base_url + "/report/")
    assert response.headers["cache-control"] == "no-store"
    axe_check(page)
    assert horizontal_overflow(page) == 0 and small_targets(page, CONTROLS) == []
    context.close()


@pytest.mark.parametrize("language", ["en", "ur"])
def test_a_report_closed_after_being_left_unused_says_so_accessibly(browser, report_site, language):
    base_url, app = report_site
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{base_url}/report/?lang={language}")
    page.locator("main button[type=submit]").first.click()
    page.wait_for_url("**/report/questions/who-is-reporting*")
    app.config["SELF_REPORT_IDLE_MINUTES"] = -1  # the next page finds the report unused for too long
    try:
        page.reload()
    finally:
        app.config["SELF_REPORT_IDLE_MINUTES"] = 30
    assert page.locator("#other-ways-to-report").count() == 1
    assert page.locator("form input[name=reporter_role]").count() == 0
    axe_check(page)
    assert horizontal_overflow(page) == 0
    _assert_starts_afresh(page, base_url)
    context.close()
