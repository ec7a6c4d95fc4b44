"""The person's side of the conversation in a real browser, in Urdu (right to left): their report with the centre's
message and the ways to reply, add and change their mind pass axe-core with no sideways scrolling at every size,
and a reply is written and sent with the keyboard alone."""

import re
import shutil

import pytest

from reporting.cases.message_models import CaseMessage
from reporting.domain import check_codes
from reporting.extensions import db
from tests.browser.conftest import VIEWPORTS, Site
from tests.browser.helpers import check_every_size, focused
from tests.conftest import make_app
from tests.support import factories
from tests.support.live_server import Seeded, serve

pytestmark = pytest.mark.browser

CODE = "7KQ2-M9XD-4PTA-WR3C"


@pytest.fixture(scope="module")
def case_site(browser, sqlite_template, tmp_path_factory):
    """A report in Urdu with a code the person holds and a message from the centre."""
    path = tmp_path_factory.mktemp("case-messages") / "reporting.sqlite3"
    shutil.copy(sqlite_template, path)
    app = make_app(f"sqlite:///{path}")
    with app.app_context():
        centre = factories.centre(phone="0161 912 3013", opening_hours="Mon-Fri 09:30-17:00")
        lead = factories.user("lead@example.org", "centre_lead", centre)
        report = factories.report(centre, language="ur", police_consent="anonymous")
        report.check_code_hash = check_codes.code_hash(app.config["SECRET_KEY"], report.reference, CODE)
        db.session.add(CaseMessage(report_id=report.id, direction="to_person", kind="message", author_id=lead.id,
                                   body="We have received your report and will call the housing office."))  # fmt: skip
        db.session.commit()
        reference = report.reference
        db.engine.dispose()
    with serve(app) as base_url:
        yield Site(base_url, Seeded("", "", "", factories.PASSWORD, ""), app), reference


def _open_report(open_page, site: Site, reference: str):
    page = open_page(site.at("/check?lang=ur"))
    page.fill("#reference", reference)
    page.fill("#code", CODE)
    page.click("main #submit")
    page.wait_for_url(re.compile(r".*/check/report(\?.*)?$"))
    return page


def _tab_to(page, selector: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}; focus is on {focused(page)}")


def test_the_persons_pages_in_urdu_pass_axe_at_every_size(open_page, case_site):
    site, reference = case_site
    page = _open_report(open_page, site, reference)
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert "will call the housing office" in page.inner_text("main")
    assert "lead@example.org" not in page.content()
    assert check_every_size(page, VIEWPORTS) == []
    for path in ("/check/reply", "/check/add-evidence", "/check/contact-details", "/check/police-consent",
                 "/check/erase"):  # fmt: skip
        page.goto(site.at(path + "?lang=ur"))
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert check_every_size(page, VIEWPORTS) == [], path


def test_a_reply_is_written_and_sent_with_the_keyboard(open_page, case_site):
    site, reference = case_site
    page = _open_report(open_page, site, reference)
    _tab_to(page, "a[href^='/check/reply']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/check/reply(\?.*)?$"))
    _tab_to(page, "textarea#text")
    page.keyboard.type("Thank you. It happened again on Monday.")
    _tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/check/report(\?.*)?$"))
    assert "Thank you. It happened again on Monday." in page.inner_text("main")
    assert page.locator(".govuk-notification-banner--success").count() == 1
