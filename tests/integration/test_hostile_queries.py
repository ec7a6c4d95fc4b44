"""Page numbers and dates in the address, however large, small or malformed, never give a 500: a page number is
taken to the nearest page there is, and a date out of range or unreadable is explained on the form (or refused
with a 400 where there is no form), on SQLite and PostgreSQL."""

import pytest

from reporting import audit
from reporting.extensions import db
from tests.conftest import Auth
from tests.support import factories
from tests.support.client import ClientRequest
from tests.support.html import error_summary

HUGE = "9" * 20
ENORMOUS = "9" * 5000  # beyond the digits Python turns into an int by default

AUDIT, REPORTS = "admin.audit_trail", "reports.list_reports"
SATISFACTION, REVIEW = "satisfaction.results", "review.dashboard"

NEAREST_PAGE = [
    (AUDIT, {"page": HUGE}, "last"),
    (AUDIT, {"page": ENORMOUS}, "last"),
    (AUDIT, {"page": "-" + HUGE}, "first"),
    (AUDIT, {"page": "0"}, "first"),
    (AUDIT, {"page": "abc"}, "first"),
    (AUDIT, {"page": "2.5"}, "first"),
    (AUDIT, {"page": "\uff12"}, "first"),  # a full-width digit two
    (REPORTS, {"page": HUGE}, "last"),
    (REPORTS, {"page": ENORMOUS}, "last"),
    (REPORTS, {"page": "-1"}, "first"),
    (REPORTS, {"page": "0"}, "first"),
    (REPORTS, {"page": ""}, "first"),
    (REPORTS, {"page": "two"}, "first"),
    (REPORTS, {"status": "received", "page": HUGE}, "last"),
]

BAD_DATES_ON_A_FORM = [
    (AUDIT, {"date_to": "9999-12-31"}, "Enter a date from 2000-01-01 to 2999-12-31"),
    (AUDIT, {"date_from": "0001-01-01"}, "Enter a date from 2000-01-01 to 2999-12-31"),
    (AUDIT, {"date_from": "1999-12-31", "date_to": "3000-01-01"}, "Enter a date from 2000-01-01 to 2999-12-31"),
    (AUDIT, {"date_from": "2026-02-30"}, "Enter the date as year, month and day, like 2026-03-27"),
    (AUDIT, {"date_from": ENORMOUS}, "Enter the date as year, month and day, like 2026-03-27"),
    (AUDIT, {"date_from": "2026-01-01", "page": HUGE}, None),
    (SATISFACTION, {"date_from": "0001-01-01", "date_to": "9999-12-31"}, None),
    (SATISFACTION, {"date_from": "9999-12-31", "date_to": "9999-12-31"}, None),
    (SATISFACTION, {"date_from": ENORMOUS, "date_to": "2026-01"}, None),
    (REVIEW, {"date_from": "9999-12", "date_to": "9999-12"}, None),
    (REVIEW, {"date_from": "0001-01", "date_to": "0001-01"}, None),
    (REVIEW, {"date_from": HUGE, "date_to": ENORMOUS}, None),
]

REFUSED = [
    ("admin.audit_trail_csv", {"date_to": "9999-12-31"}),
    ("admin.audit_trail_csv", {"date_from": "0001-01-01"}),
    ("admin.audit_trail_csv", {"date_from": "nonsense"}),
    ("satisfaction.results_csv", {"date_from": "0001-01-01", "date_to": "9999-12-31"}),
    ("review.download_pack", {"date_from": "9999-12", "date_to": "9999-12"}),
    ("review.download_bundle", {"date_from": "0001-01", "date_to": HUGE}),
]


def _name(case) -> str:
    """A readable test id: the endpoint and its query, long numbers cut short."""
    endpoint, values = case[0], case[1]
    query = "&".join(f"{key}={value[:12]}" for key, value in values.items())
    return f"{endpoint}?{query}"


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
    unit = ClientRequest(client, Auth(client))
    unit.login_as("partnership")
    return unit


def _page_shown(page) -> str:
    return " ".join(page.get_text(" ").split())


@pytest.mark.parametrize(("endpoint", "query", "nearest"), NEAREST_PAGE, ids=map(_name, NEAREST_PAGE))
def test_a_page_number_out_of_range_or_unreadable_shows_the_nearest_page(partnership, endpoint, query, nearest):
    page = partnership.get(endpoint, **query, _expected_status=200)
    assert ("Page 3 of 3" if nearest == "last" else "Page 1 of 3") in _page_shown(page)


@pytest.mark.parametrize(("endpoint", "query", "message"), BAD_DATES_ON_A_FORM, ids=map(_name, BAD_DATES_ON_A_FORM))
def test_a_date_out_of_range_or_unreadable_is_explained_on_the_filter_form(partnership, endpoint, query, message):
    page = partnership.get(endpoint, **query, _expected_status=(200, 400))
    if message:
        assert message in error_summary(page)


@pytest.mark.parametrize(("endpoint", "query"), REFUSED, ids=map(_name, REFUSED))
def test_a_download_with_a_date_out_of_range_or_unreadable_is_refused(partnership, endpoint, query):
    partnership.get_response(endpoint, **query, _expected_status=400)
