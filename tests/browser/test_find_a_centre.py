"""Find a reporting centre in a real browser: every page passes axe-core with no sideways scrolling at every size,
in English and in Urdu (right to left), and a search by postcode or by area works with the keyboard alone."""

import re
import shutil

import pytest

from reporting.centres.models import PostcodeDistrict
from reporting.extensions import db
from tests.browser.conftest import VIEWPORTS, Site
from tests.browser.helpers import check_every_size, focused
from tests.conftest import make_app
from tests.support import factories
from tests.support.live_server import Seeded, serve

pytestmark = pytest.mark.browser

PAGES = [
    "/centres",
    "/centres?postcode=M33+7ZF",
    "/centres?postcode=E1",
    "/centres?postcode=not+a+postcode",
    "/centres?area=urmston",
    "/centres/sale-library",
]


def _seed(app) -> None:
    """Two districts and three centres with every public detail, one of them without coordinates."""
    with app.app_context():
        factories.area("sale_central", "Sale Central")
        factories.area("urmston", "Urmston")
        db.session.add_all([PostcodeDistrict(district="M33", latitude=53.4240, longitude=-2.3220),
                            PostcodeDistrict(district="M41", latitude=53.4500, longitude=-2.3620)])  # fmt: skip
        common = {"kind": "library", "phone": "0161 912 3013", "email": "centre@example.org",
                  "offers": ["assisted_reporting", "support", "interpreters", "private_room"],
                  "access": ["step_free", "hearing_loop", "bsl"], "languages": ["en", "ur", "pl"],
                  "directions": "Buses 263 and 264 stop outside. The entrance is step-free."}  # fmt: skip
        factories.centre("sale-library", "Sale Library", "sale_central", address="Sale Waterside, Sale",
                         postcode="M33 7ZF", latitude=53.4246, longitude=-2.3186,
                         opening_hours="Mon-Fri 09:30-17:00; Sat 10:00-13:00", **common)  # fmt: skip
        factories.centre("urmston-library", "Urmston Library", "urmston", address="Eden Square, Urmston",
                         postcode="M41 0NA", latitude=53.4480, longitude=-2.3540, opening_hours="Mon-Sat 09:00-17:00",
                         hours_note="Late opening on Thursdays", **common)  # fmt: skip
        factories.centre("carers-centre", "Trafford Carers Centre", "urmston", address="Crofts Bank Road",
                         opening_hours="Mon-Thu 10:00-16:00", **common)  # fmt: skip
        db.session.commit()
        db.engine.dispose()


@pytest.fixture(scope="module")
def centres_site(browser, sqlite_template, tmp_path_factory):
    path = tmp_path_factory.mktemp("find-a-centre") / "reporting.sqlite3"
    shutil.copy(sqlite_template, path)
    app = make_app(f"sqlite:///{path}")
    _seed(app)
    with serve(app) as base_url:
        yield Site(base_url, Seeded("", "", "", factories.PASSWORD, ""), app)
    with app.app_context():
        db.engine.dispose()


@pytest.mark.parametrize("language", ["en", "ur"])
@pytest.mark.parametrize("path", PAGES)
def test_every_page_passes_axe_at_every_size(open_page, centres_site, path, language):
    page = open_page(centres_site.at(path + ("&" if "?" in path else "?") + f"lang={language}"))
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ur" else "ltr")
    assert page.locator(".govuk-exit-this-page").count() == 1
    assert check_every_size(page, VIEWPORTS) == []


def _tab_to(page, selector: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}; focus is on {focused(page)}")


def _names(page) -> list[str]:
    return page.locator("ol.app-centre-list h3").all_inner_texts()


def test_a_search_by_postcode_with_the_keyboard_alone(open_page, centres_site):
    page = open_page(centres_site.at("/centres"), "tablet")
    _tab_to(page, "input#postcode")
    page.keyboard.type("m41 0na")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert re.search(r"postcode=m41\+0na", page.url)
    assert _names(page) == ["Urmston Library", "Sale Library", "Trafford Carers Centre"]
    assert page.locator("main h2.govuk-heading-l").inner_text() == "Centres nearest to M41"

    _tab_to(page, "ol.app-centre-list h3 a")
    assert "Urmston Library" in focused(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Urmston Library"


def test_a_search_by_area_with_the_keyboard_alone(open_page, centres_site):
    page = open_page(centres_site.at("/centres"), "tablet")
    _tab_to(page, "select#area")
    for _ in range(10):
        if page.evaluate("() => document.activeElement.value") == "urmston":
            break
        page.keyboard.press("ArrowDown")
    _tab_to(page, "button#show")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert _names(page) == ["Trafford Carers Centre", "Urmston Library", "Sale Library"]


def test_a_wrong_postcode_moves_focus_to_the_error_summary_which_links_to_the_field(open_page, centres_site):
    page = open_page(centres_site.at("/centres"))
    _tab_to(page, "input#postcode")
    page.keyboard.type("Sale")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.classList.contains('govuk-error-summary')")
    _tab_to(page, ".govuk-error-summary a", limit=3)
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.id === 'postcode'")
    assert page.locator("#postcode").input_value() == "Sale"
    assert len(_names(page)) == 3
