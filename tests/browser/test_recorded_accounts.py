"""An account recorded in the browser, as a video (for BSL) or with the voice, on a phone with the keyboard alone, in
English and Urdu: Chromium's fake camera and microphone record on "Tell us what happened", the report is sent, the
stored copy has no metadata (FFprobe), and staff of the partnership play it on the report page. axe-core checks the
recorder before and after recording."""

import re
import shutil
import time

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from reporting.extensions import db
from reporting.models import Report
from reporting.recordings import chunks, services, storage
from reporting.recordings.models import Recording
from tests.browser.conftest import Site, sign_in
from tests.browser.helpers import axe_check
from tests.browser.test_self_report_journey import EASY_READ_ANSWERS, PHONE, PLAIN_ANSWERS, PhoneKeyboard
from tests.conftest import make_app
from tests.support import media_files
from tests.support.live_server import CHROMIUM, CHROMIUM_ARGS, seed, serve

pytestmark = pytest.mark.browser

FAKE_MEDIA = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]


@pytest.fixture(scope="module")
def media_browser(browser):
    """Chromium with a fake camera and microphone that it may use without asking (these tests only)."""
    launched = browser.browser_type.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS + FAKE_MEDIA)
    yield launched
    launched.close()


@pytest.fixture(scope="module")
def recording_site(media_browser, sqlite_template, tmp_path_factory):
    folder = tmp_path_factory.mktemp("recordings-browser")
    shutil.copy(sqlite_template, folder / "reporting.sqlite3")
    app = make_app(f"sqlite:///{folder / 'reporting.sqlite3'}", EVIDENCE_DIR=str(folder / "evidence"),
                   RECORDING_PROCESSING="thread")  # fmt: skip
    seeded = seed(app)
    with serve(app) as base_url:
        yield base_url, app, seeded
    with app.app_context():
        db.engine.dispose()


def _record(keys: PhoneKeyboard, kind: str) -> None:
    """Record about two seconds with the keyboard: the record button, then Stop (which has the focus)."""
    page = keys.page
    keys.focus(f"button[data-recorder='{kind}']")
    page.keyboard.press("Enter")
    stop = page.locator("button[data-recorder='stop']")
    expect(stop).to_be_focused()
    expect(page.locator("[data-recorder='timer']")).to_have_text(re.compile(r"0:0[2-9]"), timeout=10_000)
    axe_check(page)  # while recording
    page.keyboard.press("Enter")
    play = page.locator("button[data-recorder='play']")
    expect(play).to_be_focused()
    expect(page.locator("[data-recorder='status']")).not_to_be_empty()
    if keys.language == "en":
        expect(page.locator("[data-recorder='status']")).to_contain_text("Your recording is ready to send")
    player = page.locator(f"[data-recorder='{kind}-player']")
    expect(player).to_be_visible()
    page.keyboard.press("Enter")  # play it back
    axe_check(page)  # with the recording ready
    assert page.locator("#recording").evaluate("input => input.files.length") == 1


def _wait_until_ready(app, reference: str) -> Recording:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with app.app_context():
            report = db.session.scalar(select(Report).where(Report.reference == reference))
            recording = services.recording_of(report)
            if recording is not None and recording.status != "pending":
                db.session.expunge(recording)
                return recording
        time.sleep(0.25)
    raise AssertionError("the recording was never processed")


@pytest.mark.parametrize(
    ("language", "flow", "kind"),
    [("en", "questions", "video"), ("en", "easy-read", "audio"), ("ur", "questions", "audio"),
     ("ur", "easy-read", "video")],
)  # fmt: skip
def test_an_account_recorded_with_the_keyboard_is_sent_cleaned_and_played_to_staff(
    media_browser, recording_site, tmp_path, language, flow, kind
):
    base_url, app, seeded = recording_site
    context = media_browser.new_context(**PHONE)
    keys = PhoneKeyboard(context.new_page(), base_url)
    keys.language = language
    start = "/report/" if flow == "questions" else "/report/easy-read"
    keys.page.goto(f"{base_url}{start}?lang={language}")
    keys.check_page()
    keys.press("main form button.govuk-button--start")
    answers = dict(PLAIN_ANSWERS if flow == "questions" else EASY_READ_ANSWERS)
    recording_page = "tell-us-what-happened" if flow == "questions" else "tell-us-more"
    seen = []
    while "/check-answers" not in keys.page.url:
        slug = re.search(rf"/report/{flow}/([a-z-]+)", keys.page.url).group(1)
        assert slug not in seen, keys.page.locator(".govuk-error-summary").all_inner_texts()
        seen.append(slug)
        if slug == recording_page:
            _record(keys, kind)
            keys.press("main form > button[type=submit]")  # Continue, past the recorder's own buttons
            continue
        if slug in answers:
            answers[slug](keys)
        keys.continue_()
    keys.press("main form button.govuk-button")  # send, with the keyboard
    reference = keys.page.locator(".app-reference").inner_text().strip()
    context.close()

    recording = _wait_until_ready(app, reference)
    assert (recording.status, recording.kind, recording.source) == ("ready", kind, "recorded")
    assert recording.media_format == f"webm-{kind}" and recording.duration_seconds >= 1.5
    with app.app_context():
        path = storage.path_of(services.folder(), recording.stored_name)
    clean = tmp_path / "clean.webm"
    chunks.decrypt_to(path, clean)
    found = media_files.probe(clean)
    assert media_files.metadata_left(found) == {}
    expected = {"video", "audio"} if kind == "video" else {"audio"}
    assert {stream["codec_type"] for stream in found["streams"]} == expected

    staff = media_browser.new_context(**PHONE)
    page = staff.new_page()
    sign_in(page, Site(base_url, seeded, app), seeded.partnership_email)
    page.goto(f"{base_url}/reports/{reference}")
    player = page.locator(f"main {kind}.app-recording-player")
    expect(player).to_be_visible()
    deadline = time.monotonic() + 15
    while player.evaluate("media => media.readyState") < 1 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert player.evaluate("media => media.readyState") >= 1, "the browser read the recording through the staff route"
    axe_check(page)
    staff.close()


def test_without_a_camera_the_person_is_told_and_can_choose_a_file(browser, recording_site):
    """The ordinary browser has no fake devices: recording fails politely, and the file input is there."""
    base_url, _app, _seeded = recording_site
    context = browser.new_context(**PHONE)
    keys = PhoneKeyboard(context.new_page(), base_url)
    keys.page.goto(f"{base_url}/report/?lang=en")
    keys.press("main form button.govuk-button--start")
    PLAIN_ANSWERS["who-is-reporting"](keys)
    keys.continue_()
    PLAIN_ANSWERS["what-happened"](keys)
    keys.continue_()
    keys.focus("button[data-recorder='audio']")
    keys.page.keyboard.press("Enter")
    expect(keys.page.locator("[data-recorder='status']")).to_contain_text("We could not use a camera or microphone")
    expect(keys.page.locator("#recording")).to_be_focused()
    context.close()
