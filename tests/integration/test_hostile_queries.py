"""Page numbers and dates in the address, however large, small or malformed, never give a 500: a page number is
taken to the nearest page there is, and a date out of range or unreadable is explained on the form (or refused
with a 400 where there is no form), on SQLite and PostgreSQL."""

import pytest

from reporting import audit
from reporting.extensions import db
from tests.conftest import Auth
from tests.support import factories
from tests.support.html import error_summary, parse_page

HUGE = "9" * 20
ENORMOUS = "9" * 5000  # beyond the digits Python turns into an int by default

NEAREST_PAGE = [
    ("/audit?page=" + HUGE, "last"),
    ("/audit?page=" + ENORMOUS, "last"),
    ("/audit?page=-" + HUGE, "first"),
    ("/audit?page=0", "first"),
    ("/audit?page=abc", "first"),
    ("/audit?page=2.5", "first"),
    ("/audit?page=%EF%BC%92", "first"),  # a full-width digit two
    ("/reports/?page=" + HUGE, "last"),
    ("/reports/?page=" + ENORMOUS, "last"),
    ("/reports/?page=-1", "first"),
    ("/reports/?page=0", "first"),
    ("/reports/?page=", "first"),
    ("/reports/?page=two", "first"),
    ("/reports/?status=received&page=" + HUGE, "last"),
]

BAD_DATES_ON_A_FORM = [
    ("/audit?date_to=9999-12-31", "Enter a date from 2000-01-01 to 2999-12-31"),
    ("/audit?date_from=0001-01-01", "Enter a date from 2000-01-01 to 2999-12-31"),
    ("/audit?date_from=1999-12-31&date_to=3000-01-01", "Enter a date from 2000-01-01 to 2999-12-31"),
    ("/audit?date_from=2026-02-30", "Enter the date as year, month and day, like 2026-03-27"),
    ("/audit?date_from=" + ENORMOUS, "Enter the date as year, month and day, like 2026-03-27"),
    ("/audit?date_from=2026-01-01&page=" + HUGE, None),
    ("/satisfaction/?date_from=0001-01-01&date_to=9999-12-31", None),
    ("/satisfaction/?date_from=9999-12-31&date_to=9999-12-31", None),
    ("/satisfaction/?date_from=" + ENORMOUS + "&date_to=2026-01", None),
    ("/review/?date_from=9999-12&date_to=9999-12", None),
    ("/review/?date_from=0001-01&date_to=0001-01", None),
    ("/review/?date_from=" + HUGE + "&date_to=" + ENORMOUS, None),
]

REFUSED = [
    "/audit.csv?date_to=9999-12-31",
    "/audit.csv?date_from=0001-01-01",
    "/audit.csv?date_from=nonsense",
    "/satisfaction/results.csv?date_from=0001-01-01&date_to=9999-12-31",
    "/review/review-pack.pdf?date_from=9999-12&date_to=9999-12",
    "/review/review-figures.zip?date_from=0001-01&date_to=" + HUGE,
]


@pytest.fixture
def partnership(any_app):
    """The partnership unit signed in, with three pages of the report list and three of the audit trail."""
    centre = factories.centre()
    for _ in range(60):
        report = factories.report(centre)
        audit.record("report_viewed", "report", report.reference)
        audit.record("report_viewed", "report", report.reference)
    db.session.commit()
    client = any_app.test_client()
    Auth(client).login_as("partnership")
    return client


def _page_shown(page) -> str:
    return " ".join(page.get_text(" ").split())


@pytest.mark.parametrize(("url", "nearest"), NEAREST_PAGE)
def test_a_page_number_out_of_range_or_unreadable_shows_the_nearest_page(partnership, url, nearest):
    response = partnership.get(url)
    assert response.status_code == 200
    assert ("Page 3 of 3" if nearest == "last" else "Page 1 of 3") in _page_shown(parse_page(response))


@pytest.mark.parametrize(("url", "message"), BAD_DATES_ON_A_FORM)
def test_a_date_out_of_range_or_unreadable_is_explained_on_the_filter_form(partnership, url, message):
    response = partnership.get(url)
    assert response.status_code in (200, 400)
    if message:
        assert message in error_summary(parse_page(response))


@pytest.mark.parametrize("url", REFUSED)
def test_a_download_with_a_date_out_of_range_or_unreadable_is_refused(partnership, url):
    assert partnership.get(url).status_code == 400
