"""Parsing pages in tests, with the checks every page must pass.

`parse_page` (and so every page `client_request` gets) checks: a title; exactly one `h1`; unique ids;
every link in the error summary points at something on the page, and inside a form at a field itself;
every form goes to a route that takes its method, and a POST form carries a CSRF token; and, on a page
not in English, no text that is an English message the app's catalogue translates into the page's
language. The app is the one given, or the current one; without either the form targets go unchecked.
"""

from collections import Counter
from functools import cache
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from babel.messages.pofile import read_po
from bs4 import BeautifulSoup, NavigableString
from flask import Flask, current_app, has_app_context
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import RequestRedirect

TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"
FIELDS = ("input", "select", "textarea")
# Attributes a person reads or hears, so they are in the page's language too.
READ_ATTRIBUTES = ("alt", "title", "placeholder", "aria-label")
NOT_TEXT = ("script", "style", "template")


def parse_page(response, app: Flask | None = None) -> BeautifulSoup:
    """Parse an HTML response from `app` (or the current app) and check what every page must have."""
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    app = app or (current_app._get_current_object() if has_app_context() else None)
    check_page(page, app, getattr(response, "request", None))
    return page


def check_page(page: BeautifulSoup, app: Flask | None = None, request=None) -> None:
    """Every page's checks; `request` (the test request that got the page) locates forms without an action."""
    assert page.title and page.title.string and page.title.string.strip(), "page has no title"
    headings = page.find_all("h1")
    assert len(headings) == 1, f"one h1 on a page, not {len(headings)}: {[h.get_text() for h in headings]}"
    ids = Counter(tag["id"] for tag in page.find_all(id=True))
    duplicates = [name for name, count in ids.items() if count > 1]
    assert not duplicates, f"duplicate ids: {duplicates}"
    _check_error_summary(page)
    _check_forms(page, app, request)
    _check_translated(page, _catalogue_directories(app))


def _check_error_summary(page: BeautifulSoup) -> None:
    for link in page.select(".govuk-error-summary__list a"):
        href = link.get("href", "")
        if not href.startswith("#"):
            continue
        target = page.find(id=href[1:])
        assert target is not None, f"the error summary links to {href}, which is not on the page"
        if target.find_parent("form"):
            assert target.name in FIELDS, f"the error summary links to {href}, a <{target.name}>, not a field"


def _check_forms(page: BeautifulSoup, app: Flask | None, request) -> None:
    for form in page.find_all("form"):
        method = form.get("method", "get").upper()
        if method == "POST":
            assert form.find("input", attrs={"name": "csrf_token"}), "a POST form without a CSRF token"
        if app is not None and request is not None:
            _check_form_target(app, urljoin(request.url, form.get("action", "")), method)


def _check_form_target(app: Flask, url: str, method: str) -> None:
    """The address a form goes to is a route of the app that takes the form's method."""
    path = urlsplit(url).path
    adapter = app.url_map.bind("localhost")
    try:
        adapter.match(path, method=method)
    except RequestRedirect:
        pass  # a route with a trailing slash: the browser is sent on, and that route matched
    except MethodNotAllowed:
        raise AssertionError(f"a form sends {method} to {path}, which does not take {method}") from None
    except NotFound:
        raise AssertionError(f"a form goes to {path}, which is not a route of the app") from None


def _catalogue_directories(app: Flask | None) -> tuple[Path, ...]:
    if app is None:
        return (TRANSLATIONS,)
    named = app.config.get("BABEL_TRANSLATION_DIRECTORIES", "translations").split(";")
    return tuple(Path(app.root_path, directory) for directory in named)  # an absolute one stays as it is


def _check_translated(page: BeautifulSoup, directories: tuple[Path, ...]) -> None:
    language = _language(page.html.get("lang", "") if page.html else "")
    english = translated_messages(directories, language) if language != "en" else frozenset()
    if not english:
        return
    untranslated = sorted({text for text in _texts_in(page, language) if text in english})
    assert not untranslated, f"English on a page in {language}: {untranslated[:5]}"


def _language(tag: str) -> str:
    return tag.replace("-", "_").split("_")[0].lower() if tag else ""


@cache
def translated_messages(directories: tuple[Path, ...], language: str) -> frozenset[str]:
    """English messages the language's catalogue translates differently; placeholders and plurals left out."""
    found = [path for directory in directories for path in sorted(directory.glob(f"{language}*/LC_MESSAGES/*.po"))]
    if not found:
        return frozenset()
    with found[0].open("rb") as po:
        catalogue = read_po(po)
    return frozenset(
        message.id
        for message in catalogue
        if isinstance(message.id, str) and message.id and message.string and message.string != message.id
        and "%(" not in message.id and not message.fuzzy
    )  # fmt: skip


def _texts_in(page: BeautifulSoup, language: str):
    """Each text and read attribute on the page that is meant to be in `language` (not marked `lang` otherwise)."""
    for node in page.find_all(string=True):
        if type(node) is NavigableString and node.parent.name not in NOT_TEXT and _in(node.parent, language):
            yield " ".join(node.split())
    for tag in page.find_all(True):
        if _in(tag, language):
            yield from (" ".join(tag[name].split()) for name in READ_ATTRIBUTES if isinstance(tag.get(name), str))


def _in(tag, language: str) -> bool:
    marked = tag if tag.has_attr("lang") else tag.find_parent(lang=True)
    return marked is None or _language(marked["lang"]) == language


def text_of(page: BeautifulSoup, selector: str) -> str:
    element = page.select_one(selector)
    assert element is not None, f"nothing matches {selector}"
    return " ".join(element.get_text(" ").split())


def error_summary(page: BeautifulSoup) -> list[str]:
    return [" ".join(link.get_text().split()) for link in page.select(".govuk-error-summary__list a")]
