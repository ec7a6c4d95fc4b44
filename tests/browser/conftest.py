"""Browser tests: the app served over HTTP from a thread, driven by the system Chromium through Playwright.

Without /usr/bin/chromium the browser tests are skipped, unless CI=true, where they fail instead.
One browser serves the whole session; each test opens its own context (cookies, viewport) and
closes it afterwards. Pages must not break the Content-Security-Policy: a refused inline style
or script fails the test that loaded it.
"""

import os
import shutil
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask

from reporting.extensions import db
from tests.conftest import make_app
from tests.support.live_server import BILINGUAL, CHROMIUM, CHROMIUM_ARGS, Seeded, seed, serve

CI = os.environ.get("CI") == "true"

VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "tablet": {"viewport": {"width": 768, "height": 1024}, "has_touch": True},
    "narrow": {"viewport": {"width": 320, "height": 640}, "has_touch": True},
    # 200% zoom of a 1280 px wide window: half the CSS pixels, each drawn twice as large.
    "zoom-200": {"viewport": {"width": 640, "height": 400}, "device_scale_factor": 2},
}


@dataclass(frozen=True)
class Site:
    """A running server and what its database holds."""

    url: str
    seeded: Seeded
    app: Flask

    def at(self, path: str) -> str:
        return self.url + path


def _require_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    message = f"browser tests need Chromium at {CHROMIUM}"
    if CI:
        pytest.fail(f"{message} (required when CI=true)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def seeded_database(sqlite_template, tmp_path_factory):
    """A copy of the migrated SQLite database with centres, staff and reports, shared by the servers."""
    path = tmp_path_factory.mktemp("browser") / "reporting.sqlite3"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    app = make_app(url)
    seeded = seed(app)
    with app.app_context():
        db.engine.dispose()
    return url, seeded


@contextmanager
def copied_app(seeded_database, tmp_path_factory, name: str, **overrides):
    """An app on a copy of the seeded database of its own, for a module that changes what the database holds;
    serve it with `serve(app)` once prepared."""
    url, _seeded = seeded_database
    copy = tmp_path_factory.mktemp(name) / "reporting.sqlite3"
    with sqlite3.connect(url.removeprefix("sqlite:///")) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    app = make_app(f"sqlite:///{copy}", **overrides)
    try:
        yield app
    finally:
        with app.app_context():
            db.engine.dispose()


def _serve_site(seeded_database, **overrides):
    url, seeded = seeded_database
    app = make_app(url, **overrides)
    with serve(app) as base_url:
        yield Site(base_url, seeded, app)
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def site(browser, seeded_database):
    """The app as shipped: English only."""
    yield from _serve_site(seeded_database)


@pytest.fixture(scope="session")
def bilingual_site(browser, seeded_database):
    """The app with a right-to-left language as well, to check the language menu and the mirrored layout."""
    yield from _serve_site(seeded_database, LANGUAGES=BILINGUAL)


def _csp_refusals(page) -> list[str]:
    """Collects what the browser refused under the Content-Security-Policy while `page` was open."""
    refusals = []

    def note(message) -> None:
        if "Content Security Policy" in message.text:
            refusals.append(message.text)

    page.on("console", note)
    return refusals


@pytest.fixture
def open_page(browser):
    """Open a page in a fresh context: `open_page(url, viewport="desktop", storage_state=None)`."""
    opened = []

    def _open(url: str | None = None, viewport: str = "desktop", **options):
        context = browser.new_context(**VIEWPORTS[viewport], **options)
        page = context.new_page()
        opened.append((context, _csp_refusals(page)))
        if url:
            page.goto(url)
        return page

    yield _open
    refused = [text for _, refusals in opened for text in refusals]
    for context, _ in opened:
        context.close()
    assert not refused, "the Content-Security-Policy refused something:\n" + "\n".join(refused)


def sign_in(page, site: Site, email: str) -> None:
    page.goto(site.at("/sign-in"))
    page.fill("#email", email)
    page.fill("#password", site.seeded.password)
    page.click("#submit")
    page.wait_for_url(site.at("/reports/"))


@pytest.fixture(scope="session")
def staff_session(browser, site):
    """The cookies of a signed-in partnership user (who sees every centre's reports), reused by each test."""
    context = browser.new_context()
    sign_in(context.new_page(), site, site.seeded.partnership_email)
    state = context.storage_state()
    context.close()
    return state
