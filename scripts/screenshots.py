"""Screenshots for the README: serves the app with sample data, as the browser tests do, and saves PNGs.

Run from the repository root: `.venv/bin/python scripts/screenshots.py [--out docs/screenshots]`.
Needs Chromium at /usr/bin/chromium and a built stylesheet (`bash scripts/build-assets.sh`).
"""

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from reporting import create_app  # noqa: E402
from reporting.extensions import db  # noqa: E402
from tests.support.live_server import BILINGUAL, CHROMIUM, CHROMIUM_ARGS, seed, serve  # noqa: E402

DESKTOP = {"width": 1280, "height": 800}
TABLET = {"width": 768, "height": 1024}


def build_app(database: Path):
    app = create_app(
        {
            "REPORTING_ENV": "test",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}",
            "LANGUAGES": BILINGUAL,
        }
    )
    with app.app_context():
        upgrade()
    return app


def save(page, path: Path, full_page: bool = False) -> Path:
    page.screenshot(path=path, full_page=full_page)
    page.close()
    return path


def start_page(browser, base_url: str, out: Path) -> Path:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{base_url}/")
    return save(page, out / "start-desktop.png", full_page=True)


def sign_in_errors(browser, base_url: str, out: Path) -> Path:
    page = browser.new_page(viewport=TABLET)
    page.goto(f"{base_url}/sign-in")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_selector(".govuk-error-summary")
    return save(page, out / "sign-in-errors-tablet.png")


def report_list(browser, base_url: str, seeded, out: Path) -> Path:
    page = browser.new_page(viewport=TABLET)
    page.goto(f"{base_url}/sign-in")
    page.fill("#email", seeded.partnership_email)
    page.fill("#password", seeded.password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base_url}/reports/")
    return save(page, out / "reports-tablet.png")


def start_page_right_to_left(browser, base_url: str, out: Path) -> Path:
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{base_url}/?lang=ar")
    return save(page, out / "start-right-to-left.png", full_page=True)


PHONE = {"width": 375, "height": 812}


def self_report_in_arabic(browser, base_url: str, out: Path) -> Path:
    page = browser.new_page(viewport=PHONE)
    page.goto(f"{base_url}/report/?lang=ar")
    return save(page, out / "selfreport-start-ar.png", full_page=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        app = build_app(Path(scratch) / "reporting.sqlite3")
        seeded = seed(app)
        with serve(app) as base_url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            saved = [
                start_page(browser, base_url, out),
                sign_in_errors(browser, base_url, out),
                report_list(browser, base_url, seeded, out),
                start_page_right_to_left(browser, base_url, out),
                self_report_in_arabic(browser, base_url, out),
            ]
            browser.close()
        with app.app_context():
            db.engine.dispose()
    for path in saved:
        sys.stdout.write(f"{path}  {path.stat().st_size // 1024} KB\n")


if __name__ == "__main__":
    main()
