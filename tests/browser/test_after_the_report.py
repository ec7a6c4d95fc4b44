"""After the report, in real browsers, the whole loop: a report made online in Urdu gives its follow-up code; the
unit gives it to a centre, whose lead writes to the person; the person, in a fresh browser, reads the message,
replies with a photo and agrees to be named to the police; the lead closes the case with an outcome, which the
person then sees and the review counts. And an assisted report handed back on a receipt is checked from a fresh
browser with the code on its slip."""

import io
import re
from datetime import date

import pytest
from PIL import Image
from sqlalchemy import select

from reporting.domain.periods import Period
from reporting.extensions import db
from reporting.models import EvidenceFile, Report
from reporting.review.figures.review_figures import review_figures
from tests.browser.conftest import VIEWPORTS
from tests.browser.helpers import axe_check, check_every_size
from tests.browser.test_intake_journey import (  # noqa: F401, F811 (intake_site is a fixture)
    answer_a_whole_report,
    intake_site,
)
from tests.browser.test_self_report_journey import PLAIN_ANSWERS, _answer_every_page, _open

pytestmark = pytest.mark.browser

CODE = re.compile(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}")


@pytest.fixture(scope="module")
def loop_site(intake_site):  # noqa: F811
    """The assisted journey's server (its own database and evidence folder), as (address, app, seeded)."""
    base_url, seeded, app = intake_site
    return base_url, app, seeded


def _staff(browser, base_url: str, email: str, password: str):
    page = browser.new_context().new_page()
    page.goto(f"{base_url}/sign-in")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("main #submit")
    page.wait_for_url(re.compile(r".*/reports/?$"))
    return page


def _code_on(page) -> str:
    return CODE.search(page.locator(".app-check-code").first.inner_text().replace("\n", "")).group(0)


def _open_with_code(browser, base_url: str, reference: str, code: str, language: str = "en"):
    page = browser.new_context().new_page()
    page.goto(f"{base_url}/check?lang={language}")
    page.fill("#reference", reference.lower().replace("-", ""))
    page.fill("#code", code.replace("-", " "))
    page.click("main #submit")
    page.wait_for_url(re.compile(r".*/check/report(\?.*)?$"))
    axe_check(page)
    return page


def _photo(folder) -> str:
    path = folder / "broken-window.png"
    picture = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 40, 40)).save(picture, "PNG")
    path.write_bytes(picture.getvalue())
    return str(path)


def test_the_whole_loop_from_a_report_in_urdu_to_its_closing_outcome(browser, loop_site, tmp_path):
    base_url, app, seeded = loop_site
    keys = _open(browser, base_url, "/report/", "ur")
    keys.press("main form button.govuk-button--start")
    _answer_every_page(keys, dict(PLAIN_ANSWERS), "questions")
    keys.press("main form button.govuk-button")
    assert keys.page.url.split("?")[0].endswith("/report/questions/sent")
    reference = keys.page.locator(".app-reference").first.inner_text().strip()
    code = _code_on(keys.page)
    receipt = keys.page.goto(f"{base_url}/report/receipt?lang=ur")
    assert receipt.ok and code not in keys.page.content(), "the receipt carries no code"

    unit = _staff(browser, base_url, seeded.partnership_email, seeded.password)
    unit.goto(f"{base_url}/reports/{reference}")
    unit.select_option("form[action$='/centre'] select[name=centre]", "sale-library")
    unit.click("form[action$='/centre'] button")
    assert f"{reference} is now with Sale Library" in unit.inner_text("main")

    lead = _staff(browser, base_url, seeded.lead_email, seeded.password)
    lead.goto(f"{base_url}/reports/{reference}/write-to-person")
    lead.fill("textarea#text", "Thank you. Could you send us a photo of the damage?")
    lead.click("main form button[type=submit]")

    person = _open_with_code(browser, base_url, reference, code, "ur")
    assert person.locator("html").get_attribute("dir") == "rtl"
    assert "Could you send us a photo of the damage?" in person.inner_text("main")
    assert seeded.lead_email not in person.content()
    assert check_every_size(person, VIEWPORTS) == []
    person.goto(f"{base_url}/check/add-evidence?lang=ur")
    person.set_input_files("input[type=file]", _photo(tmp_path))
    person.fill("textarea#text", "The broken window, the morning after.")
    person.click("main form button[type=submit]")
    person.wait_for_url(re.compile(r".*/check/report(\?.*)?$"))
    person.goto(f"{base_url}/check/police-consent?lang=ur")
    person.check("input[name=police_consent][value=named]")
    person.click("main form button[type=submit]")
    person.wait_for_url(re.compile(r".*/check/report(\?.*)?$"))

    with app.app_context():
        stored = db.session.scalar(select(Report).where(Report.reference == reference))
        assert stored.police_consent == "named"
        [photo] = db.session.scalars(select(EvidenceFile).where(EvidenceFile.report_id == stored.id)).all()
        assert photo.content_type == "image/png"

    lead.goto(f"{base_url}/reports/{reference}")
    assert "The broken window, the morning after." in lead.inner_text("ol.app-case-history")
    lead.goto(f"{base_url}/reports/{reference}/close")
    lead.check("input[name=outcomes][value=support_given]")
    lead.click("main form button[type=submit]")
    lead.wait_for_url(re.compile(rf".*/reports/{reference}(#.*)?$"))

    person.goto(f"{base_url}/check/report")
    assert "You were given support" in person.inner_text("main")
    with app.app_context():
        stored = db.session.scalar(select(Report).where(Report.reference == reference))
        day = stored.reported_at.date()
        figures = review_figures(db.session, Period(day.replace(day=1), day), today=date.today())
        assert sum(row.by_outcome.get("support_given", 0) for row in figures.outcomes) == 1, "the review counts it"


def test_an_assisted_report_handed_back_is_checked_from_a_fresh_browser(browser, open_page, loop_site, tmp_path):
    base_url, app, seeded = loop_site
    keys = answer_a_whole_report(open_page, base_url, seeded, tmp_path)
    keys.press("main form button")
    reference = keys.page.locator(".app-reference").first.inner_text().strip()
    code = _code_on(keys.page)
    keys.press("main a[href$='/check-code']")
    assert code.replace("-", "") in keys.page.inner_text("main").replace("-", "").replace("\n", "")
    receipt = keys.page.request.get(f"{base_url}/reports/{reference}/receipt")
    assert receipt.ok and code.encode() not in receipt.body()

    person = _open_with_code(browser, base_url, reference, code)
    assert "Your report was made at Sale Library" in person.inner_text("main")
