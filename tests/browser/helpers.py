"""Checks the browser tests share: axe-core accessibility rules, horizontal scrolling, target sizes."""

from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import Axe

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
MIN_TARGET = 44


class _AxeOncePerDocument(Axe):
    """axe-core is injected once per loaded document, so checking one page at several sizes parses it once."""

    def run(self, page, context=None, options=AXE_OPTIONS) -> AxeResults:
        if page.evaluate("typeof window.axe === 'undefined'"):
            page.evaluate(self.axe_script)
        script = "([context, options]) => axe.run(context || document, options)"
        return AxeResults(page.evaluate(script, [context, options]))


_axe = _AxeOncePerDocument()


def axe_violations(page, exclude: tuple[str, ...] = ()) -> list[str]:
    """One line per failing element: rule id, what the rule asks for, and the element's selector.

    `exclude` lists CSS selectors of elements to leave out of the check.
    """
    context = {"include": [["html"]], "exclude": [[selector] for selector in exclude]} if exclude else None
    results = _axe.run(page, context).response
    return [
        f"{violation['id']}: {violation['help']} -> {' '.join(map(str, node['target']))}"
        for violation in results["violations"]
        for node in violation["nodes"]
    ]


def axe_check(page) -> None:
    """Fail with a readable list when axe-core finds any WCAG 2.2 AA or best-practice violation."""
    violations = axe_violations(page)
    assert not violations, f"axe-core found {len(violations)} problem(s) on {page.url}:\n" + "\n".join(violations)


def horizontal_overflow(page) -> int:
    """How many CSS pixels the page is wider than the window (0 when there is no horizontal scrolling)."""
    return page.evaluate("Math.max(0, document.scrollingElement.scrollWidth - window.innerWidth)")


def small_targets(page, selector: str) -> list[str]:
    """Visible elements matching `selector` smaller than 44 by 44 CSS pixels, described with their size.

    Measured in the page in one call: asking for each element's box separately cost a round trip per element,
    about a tenth of a second a page, on every page of every journey in every language.
    """
    return page.evaluate(
        """([selector, minimum]) => [...document.querySelectorAll(selector)]
            .filter(e => e.getClientRects().length > 0)
            .map(e => [e, e.getBoundingClientRect()])
            .filter(([e, box]) => box.width < minimum || box.height < minimum)
            .map(([e, box]) => {
                const name = ((e.id ? '#' + e.id : e.tagName.toLowerCase()) + ' ' + (e.innerText || '')).trim();
                return `${name} is ${box.width.toFixed(0)}x${box.height.toFixed(0)}`;
            })""",
        [selector, MIN_TARGET],
    )


def focused(page) -> str:
    """The focused element, as `tag#id.classes "text"`, for readable keyboard assertions."""
    return page.evaluate(
        """() => {
            const e = document.activeElement;
            const classes = [...e.classList].map(c => '.' + c).join('');
            return `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${classes} "${(e.innerText || '').trim()}"`;
        }"""
    )


def check_every_size(page, viewports: dict) -> list[str]:
    """axe's violations and any sideways scrolling of the page as it stands, at the desktop, tablet and narrow
    sizes of `viewports` (the browser conftest's VIEWPORTS)."""
    problems = []
    for viewport in ("desktop", "tablet", "narrow"):
        page.set_viewport_size(viewports[viewport]["viewport"])
        problems += [f"{viewport}: {violation}" for violation in axe_violations(page)]
        if horizontal_overflow(page):
            problems.append(f"{viewport}: the page scrolls sideways by {horizontal_overflow(page)} px")
    return problems
