"""Parsing pages in tests, with the checks every page must pass."""

from collections import Counter

from bs4 import BeautifulSoup


def parse_page(response) -> BeautifulSoup:
    """Parse an HTML response and check what every page must have: a title, unique ids, real form actions."""
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert page.title and page.title.string.strip(), "page has no title"
    ids = Counter(tag["id"] for tag in page.find_all(id=True))
    duplicates = [name for name, count in ids.items() if count > 1]
    assert not duplicates, f"duplicate ids: {duplicates}"
    for form in page.find_all("form"):
        if form.get("method", "get").lower() == "post":
            assert form.find("input", attrs={"name": "csrf_token"}), "a POST form without a CSRF token"
    return page


def text_of(page: BeautifulSoup, selector: str) -> str:
    element = page.select_one(selector)
    assert element is not None, f"nothing matches {selector}"
    return " ".join(element.get_text(" ").split())


def error_summary(page: BeautifulSoup) -> list[str]:
    return [" ".join(link.get_text().split()) for link in page.select(".govuk-error-summary__list a")]
