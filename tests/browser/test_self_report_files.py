"""Pictures, screenshots or files in a report made online, on a phone with the keyboard, in English and in Urdu
(right to left): the limits are read before choosing, files are added with the plain form (several at once),
a renamed file gets a message, a file is removed, and the draft keeps the files left. axe-core checks every
page on the way (with the files listed, and with the error), with 44 px targets and no sideways scrolling."""

import shutil

import pytest
from sqlalchemy import select

from reporting.extensions import db
from reporting.models import Report
from tests.browser.test_self_report_journey import _open
from tests.conftest import make_app
from tests.support.evidence_files import heic_photo, jpeg_with_gps
from tests.support.live_server import seed, serve

pytestmark = pytest.mark.browser

PAGE = "pictures-and-files"


@pytest.fixture(scope="module")
def files_site(browser, sqlite_template, tmp_path_factory):
    folder = tmp_path_factory.mktemp("self-report-files")
    shutil.copy(sqlite_template, folder / "reporting.sqlite3")
    app = make_app(f"sqlite:///{folder / 'reporting.sqlite3'}", EVIDENCE_DIR=str(folder / "evidence"))
    seed(app)
    with serve(app) as base_url:
        yield base_url, app
    with app.app_context():
        db.engine.dispose()


def _file(name: str, mime: str, content: bytes) -> dict:
    return {"name": name, "mimeType": mime, "buffer": content}


def _go_to_the_files_page(keys, flow: str, language: str) -> None:
    """The page applies whatever was answered before it, so the draft opens it straight away."""
    keys.page.goto(f"{keys.base_url}/report/{flow}/{PAGE}?lang={language}")
    keys.check_page()


def _stored_names(app) -> list[str]:
    """The files of the newest report, read in the server's database."""
    with app.app_context():
        report = db.session.scalar(select(Report).order_by(Report.id.desc()))
        return [stored.original_name for stored in report.evidence_files]


@pytest.mark.parametrize("language", ["en", "ur"])
def test_adding_and_removing_files_on_a_phone_with_the_keyboard(browser, files_site, language):
    base_url, app = files_site
    keys = _open(browser, base_url, "/report/", language)
    keys.press("main form button.govuk-button--start")
    keys.radio("reporter_role", "victim")
    keys.continue_()
    _go_to_the_files_page(keys, "questions", language)
    page = keys.page
    limits = page.locator("#file-limits")
    if language == "en":
        assert "Up to 5 files, 20 MB in total." in limits.inner_text()
    assert page.locator("#file-limits").bounding_box()["y"] < page.locator("input[type=file]").bounding_box()["y"]

    page.locator("input[type=file]").set_input_files(
        [_file("IMG_0042.JPG", "image/jpeg", jpeg_with_gps()), _file("IMG_1234.HEIC", "image/heic", heic_photo())]
    )
    keys.press("main form button[value=upload]")  # checks the page with the files listed
    assert page.locator(".app-file-name").all_inner_texts() == ["IMG_0042.jpg", "IMG_1234.jpg"]

    page.locator("input[type=file]").set_input_files(_file("holiday.jpg", "image/jpeg", b"not a photo at all"))
    keys.press("main form button[value=upload]")  # checks the page with the error
    summary = page.locator(".govuk-error-summary")
    if language == "en":
        assert "holiday.jpg must be a JPG, PNG, HEIC or PDF" in summary.inner_text()
    assert page.locator(".app-file-name").count() == 2, "the files added before are kept"

    keys.press("main form button[name=remove]")  # the first file's Remove
    assert page.locator(".app-file-name").all_inner_texts() == ["IMG_1234.jpg"]
    keys.press("main form button[value=continue]")
    assert page.url.split("?")[0].endswith("/report/questions/why")
    assert _stored_names(app) == ["IMG_1234.jpg"]
    keys.page.context.close()


def test_the_easy_read_page_has_its_picture_and_passes_axe(browser, files_site):
    base_url, _app = files_site
    keys = _open(browser, base_url, "/report/easy-read", "en")
    keys.press("main form button.govuk-button--start")
    keys.radio("reporter_role", "victim")
    keys.continue_()
    _go_to_the_files_page(keys, "easy-read", "en")
    assert keys.page.locator("main .app-easy-read__picture svg").get_attribute("aria-hidden") == "true"
    assert keys.page.locator("h1").inner_text() == "Do you want to show us pictures?"
    keys.press("main form button[value=continue]")
    assert keys.page.url.split("?")[0].endswith("/report/easy-read/why")
    keys.page.context.close()
