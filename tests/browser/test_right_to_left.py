"""Right-to-left languages: `dir="rtl"`, a mirrored layout, and every GOV.UK component we use mirrored too.

GOV.UK Frontend only lays out left to right, so scss/_rtl.scss mirrors it. The component gallery
test renders each component inside the real layout, measures every element with the document
set to right-to-left and then to left-to-right, and checks each box is the mirror image of the other.
"""

from pathlib import Path

import pytest
from flask import render_template_string

from tests.browser.conftest import VIEWPORTS, sign_in
from tests.browser.helpers import axe_check, axe_violations, horizontal_overflow

pytestmark = pytest.mark.browser

GALLERY = Path(__file__).with_name("component-gallery.html")
SIZES = ["desktop", "tablet", "narrow"]
TOLERANCE = 1.5

# Boxes, text extents and absolutely positioned ::before/::after of every visible element under <body>.
MEASURE = """() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  const describe = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
    [...e.classList].map(c => '.' + c).join('');
  const textExtent = e => {
    const rects = [...e.childNodes].filter(n => n.nodeType === 3 && n.textContent.trim()).map(n => {
      const range = document.createRange();
      range.selectNode(n);
      return range.getBoundingClientRect();
    }).filter(r => r.width > 0);
    if (!rects.length) return null;
    const left = Math.min(...rects.map(r => r.left));
    return [left, Math.max(...rects.map(r => r.right)) - left];
  };
  const pseudo = (e, which) => {
    const style = getComputedStyle(e, which);
    if (style.content === 'none' || style.content === 'normal' || style.position !== 'absolute') return null;
    return [parseFloat(style.left), parseFloat(style.right)];
  };
  const walk = (e, path) => {
    const style = getComputedStyle(e);
    if (style.display === 'none' || style.visibility === 'hidden' || e.tagName === 'SCRIPT') return;
    const r = e.getBoundingClientRect();
    if (r.width > 1 && r.height > 1) {
      found.push({path, name: describe(e), box: [r.left, r.width], top: r.top, text: textExtent(e),
                  before: pseudo(e, '::before'), after: pseudo(e, '::after')});
    }
    if (e instanceof SVGElement) return;
    [...e.children].forEach((child, i) => walk(child, path + '/' + i));
  };
  walk(document.body, 'body');
  return {width, found};
}"""


def right_edge(box: dict) -> float:
    return box["x"] + box["width"]


def _mirrored(ltr: list | None, rtl: list | None, width: float) -> bool:
    if ltr is None or rtl is None:
        return ltr is rtl
    left, size = ltr
    return abs(rtl[0] - (width - left - size)) <= TOLERANCE and abs(rtl[1] - size) <= TOLERANCE


def _swapped(ltr: list | None, rtl: list | None) -> bool:
    if ltr is None or rtl is None:
        return ltr is rtl
    return abs(rtl[0] - ltr[1]) <= TOLERANCE and abs(rtl[1] - ltr[0]) <= TOLERANCE


def _differences(ltr_entry: dict, rtl_entry: dict, width: float) -> list[str]:
    problems = []
    if abs(ltr_entry["top"] - rtl_entry["top"]) > TOLERANCE:
        problems.append(f"top {rtl_entry['top']:.0f}, left to right {ltr_entry['top']:.0f}")
    for part in ("box", "text"):
        if not _mirrored(ltr_entry[part], rtl_entry[part], width):
            problems.append(f"{part} {rtl_entry[part]}, left to right {ltr_entry[part]}")
    for part in ("before", "after"):
        if not _swapped(ltr_entry[part], rtl_entry[part]):
            problems.append(f"::{part} left/right {rtl_entry[part]}, left to right {ltr_entry[part]}")
    return problems


def mirror_problems(page) -> list[str]:
    """Elements whose right-to-left position is not the mirror image of their left-to-right one.

    Only the outermost element of each broken part is reported, so one missing rule gives one line.
    """
    rtl = page.evaluate(MEASURE)
    page.evaluate("document.documentElement.dir = 'ltr'")
    ltr = page.evaluate(MEASURE)
    page.evaluate("document.documentElement.dir = 'rtl'")
    assert rtl["width"] == ltr["width"]
    ltr_by_path = {entry["path"]: entry for entry in ltr["found"]}
    problems, broken = [], []
    for entry in rtl["found"]:
        if any(entry["path"].startswith(path + "/") for path in broken) or entry["path"] not in ltr_by_path:
            continue
        differences = _differences(ltr_by_path[entry["path"]], entry, rtl["width"])
        if differences:
            broken.append(entry["path"])
            problems.append(f"{entry['name']} ({entry['path']}): " + "; ".join(differences))
    return problems


def open_gallery(open_page, site, lang: str = "ar"):
    with site.app.test_request_context(f"/?lang={lang}"):
        site.app.preprocess_request()
        html = render_template_string(GALLERY.read_text(encoding="utf-8"))
    page = open_page()
    address = site.at("/component-gallery")
    page.route(address, lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8"))
    page.goto(address)
    return page


def test_every_component_is_mirrored_right_to_left(open_page, bilingual_site):
    page = open_gallery(open_page, bilingual_site)
    assert page.get_attribute("html", "dir") == "rtl"
    problems = []
    for size in SIZES:
        page.set_viewport_size(VIEWPORTS[size]["viewport"])
        problems += [f"{size}: {problem}" for problem in mirror_problems(page)]
        overflow = horizontal_overflow(page)
        if overflow:
            problems.append(f"{size}: the page scrolls sideways by {overflow} px")
    assert not problems, "not mirrored:\n" + "\n".join(problems)


def test_arrows_point_the_other_way_right_to_left(open_page, bilingual_site):
    page = open_gallery(open_page, bilingual_site)
    back = "getComputedStyle(document.querySelector('.govuk-back-link'), '::before').transform"
    previous = "getComputedStyle(document.querySelector('.govuk-pagination__icon--prev')).transform"
    rtl = page.evaluate(f"[{back}, {previous}]")
    page.evaluate("document.documentElement.dir = 'ltr'")
    ltr = page.evaluate(f"[{back}, {previous}]")
    assert rtl[0] != ltr[0], "the back link's chevron must point right in right-to-left pages"
    assert rtl[1] == "matrix(-1, 0, 0, 1, 0, 0)", "the previous page arrow must point right"


def test_component_gallery_passes_axe_right_to_left(open_page, bilingual_site):
    # GOV.UK Frontend puts aria-expanded on radios that reveal a follow-up question, on purpose
    # (alphagov/govuk-frontend#979); axe-core reports it, so the gallery leaves that one radio out.
    page = open_gallery(open_page, bilingual_site)
    violations = axe_violations(page, exclude=(".govuk-radios__input[aria-controls]",))
    assert not violations, "\n".join(violations)


def test_right_to_left_start_page_is_mirrored_at_every_size(open_page, bilingual_site):
    page = open_page(bilingual_site.at("/?lang=ar"))
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.get_attribute("html", "lang") == "ar"
    assert page.locator(".app-language-menu__name--current").inner_text() == "العربية"
    for viewport in SIZES:
        page.set_viewport_size(VIEWPORTS[viewport]["viewport"])
        header = page.locator(".app-header__container").bounding_box()
        name = page.locator(".app-header__service-name").bounding_box()
        assert abs(right_edge(name) - right_edge(header)) <= 2, f"service name is not on the right at {viewport}"
        content = page.locator("main").bounding_box()
        heading = page.locator("h1").bounding_box()
        assert abs(right_edge(heading) - right_edge(content)) <= 2, f"heading is not on the right at {viewport}"
        exit_button = page.locator(".govuk-exit-this-page__button").bounding_box()
        assert abs(exit_button["x"] - content["x"]) <= 2, f"exit this page is not on the left at {viewport}"
        assert mirror_problems(page) == []
        axe_check(page)
        assert horizontal_overflow(page) == 0, f"the page scrolls sideways at {viewport}"


def test_right_to_left_public_pages_pass_axe_and_are_mirrored_at_320_px(open_page, bilingual_site):
    page = open_page(bilingual_site.at("/sign-in?lang=ar"), "narrow")
    page.locator("button[type=submit]").click()
    page.wait_for_selector(".govuk-error-summary")
    assert page.get_attribute("html", "dir") == "rtl"
    for path in [None, "/privacy?lang=ar", "/no-such-page?lang=ar"]:
        if path:
            page.goto(bilingual_site.at(path))
        axe_check(page)
        assert mirror_problems(page) == [], page.url
        assert horizontal_overflow(page) == 0, page.url


def test_right_to_left_staff_pages_pass_axe_and_are_mirrored(open_page, bilingual_site):
    page = open_page(viewport="tablet")
    sign_in(page, bilingual_site, bilingual_site.seeded.lead_email)
    # Staff pages are in the language the staff member chose in the menu (kept in a cookie), never an address's.
    page.goto(bilingual_site.at("/language/ar?next=/reports/"))
    assert page.get_attribute("html", "dir") == "rtl"
    axe_check(page)
    assert mirror_problems(page) == []
    page.goto(bilingual_site.at(f"/reports/{bilingual_site.seeded.referred_report}?lang=ar"))
    back_link = page.locator(".govuk-back-link").bounding_box()
    content = page.locator("main").bounding_box()
    assert abs(right_edge(back_link) - right_edge(content)) <= 2, "the back link is not on the right"
    axe_check(page)
    assert mirror_problems(page) == []
    assert horizontal_overflow(page) == 0
