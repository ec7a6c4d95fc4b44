"""Filters on the reports list, on SQLite and PostgreSQL: each narrows the list and its count, they combine, they
stay in the page links, and a bad value is explained on the form (never a 500) while the list is still shown."""

from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select

from reporting.extensions import db
from reporting.models import Report
from tests.conftest import Auth
from tests.support import factories
from tests.support.client import ClientRequest
from tests.support.html import error_summary, text_of

LIST = "reports.list_reports"


def _at(day: int, hour: int = 12, minute: int = 0, month: int = 4) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def world(any_app):
    """Reports at two centres and online, each differing from the first in one way."""
    library = factories.centre("sale-library", "Sale Library")
    housing = factories.centre("stretford-housing", "Stretford Housing Office", "stretford")
    made = {
        "plain": factories.report(library, reported_at=_at(10)),
        "religion": factories.report(library, reported_at=_at(11), categories=["religion", "race"]),
        "threats": factories.report(library, reported_at=_at(12), incident_types=["threats"]),
        "closed": factories.report(library, reported_at=_at(13), status="closed"),
        "urdu": factories.report(library, reported_at=_at(14), language="ur"),
        "support": factories.report(library, reported_at=_at(15), support_wanted=True),
        "declined": factories.report(library, reported_at=_at(15, 13), support_wanted=False),
        # 23:30 UTC on 31 March is 00:30 on 1 April in the UK (summer time): it belongs to 1 April.
        "late": factories.report(library, reported_at=_at(31, 23, 30, month=3)),
        "early": factories.report(library, reported_at=_at(31, 22, 30, month=3)),
        "housing": factories.report(housing, reported_at=_at(16)),
        "online": factories.report(None, reported_at=_at(17), categories=["disability"], language="pl"),
    }
    factories.report(library, status="draft", reported_at=None)
    db.session.commit()
    return library, housing, {name: report.reference for name, report in made.items()}


def _signed_in(app, role, centre=None) -> ClientRequest:
    client = app.test_client()
    staff = ClientRequest(client, Auth(client))
    staff.login_as(role, centre)
    return staff


def _listed(page) -> set[str]:
    table = page.select_one("main table")
    return {link.get_text(strip=True) for link in table.select("tbody a")} if table else set()


def _names(refs: dict, listed: set[str]) -> set[str]:
    return {name for name, reference in refs.items() if reference in listed}


EVERY = {"plain", "religion", "threats", "closed", "urdu", "support", "declined", "late", "early", "housing", "online"}

FILTERS = [
    ({"category": "religion"}, {"religion"}),
    ({"category": "race"}, EVERY - {"online"}),
    ({"incident_type": "threats"}, {"threats"}),
    ({"status": "closed"}, {"closed"}),
    ({"channel": "self"}, {"online"}),
    ({"channel": "assisted"}, EVERY - {"online"}),
    ({"language": "ur"}, {"urdu"}),
    ({"support": "yes"}, {"support"}),
    ({"support": "no"}, EVERY - {"support"}),
    ({"centre": "stretford-housing"}, {"housing"}),
    ({"reported_from": "1/4/2026"}, EVERY - {"early"}),
    ({"reported_to": "31/03/2026"}, {"early"}),
    ({"reported_from": "2026-04-11", "reported_to": "13 4 2026"}, {"religion", "threats", "closed"}),
    ({"reported_from": "15/4/2026", "reported_to": "15/4/2026"}, {"support", "declined"}),
    (
        {"category": "race", "reported_from": "12/4/2026", "status": "received"},
        {"threats", "urdu", "support", "declined", "housing"},
    ),
    ({"category": "race", "centre": "sale-library", "support": "no", "reported_to": "1/4/2026"}, {"late", "early"}),
    ({"category": "religion", "status": "closed"}, set()),
]


@pytest.mark.parametrize(("query", "expected"), FILTERS, ids=[str(query) for query, _ in FILTERS])
def test_each_filter_and_combination_narrows_the_list_and_its_count(any_app, world, query, expected):
    _library, _housing, refs = world
    page = _signed_in(any_app, "partnership").get(LIST, **query)
    assert _names(refs, _listed(page)) == expected
    count = text_of(page, "#report-count")
    assert count == (f"{len(expected)} report matches." if len(expected) == 1 else f"{len(expected)} reports match.")
    if not expected:
        assert "No reports match these filters." in text_of(page, "main")
    for name, value in query.items():
        if name not in ("reported_from", "reported_to"):
            assert page.select_one(f"#{name} option[selected]")["value"] == value


def test_with_no_filter_every_report_is_counted(any_app, world):
    page = _signed_in(any_app, "partnership").get(LIST)
    assert text_of(page, "#report-count") == f"{len(EVERY)} reports."


def test_centre_staff_filter_within_their_own_reports_and_have_no_centre_filter(any_app, world):
    library, _housing, refs = world
    volunteer = _signed_in(any_app, "volunteer", library)
    page = volunteer.get(LIST, category="race")
    assert page.select_one("#centre") is None
    assert _names(refs, _listed(page)) == EVERY - {"online", "housing"}
    page = volunteer.get(LIST, centre="stretford-housing", status="received", reported_from="16/4/2026")
    assert _listed(page) == set(), "a centre in the address never widens what centre staff see"
    assert text_of(page, "#report-count") == "0 reports match."


def test_the_page_links_keep_the_filters(any_app, world):
    library, _housing, _refs = world
    for day in range(1, 29):
        factories.report(library, reported_at=_at(day, 9, month=2), categories=["age"])
    db.session.commit()
    unit = _signed_in(any_app, "partnership")
    query = {"category": "age", "reported_from": "1/2/2026", "reported_to": "28/2/2026", "channel": "assisted"}
    first = unit.get(LIST, **query)
    assert text_of(first, "#report-count") == "28 reports match."
    assert "Page 1 of 2" in text_of(first, ".govuk-pagination")
    link = first.select_one(".govuk-pagination__next a")["href"]
    asked = {name: values[0] for name, values in parse_qs(urlsplit(link).query).items()}
    assert asked == {"category": "age", "reported_from": "2026-02-01", "reported_to": "2026-02-28",
                     "channel": "assisted", "page": "2"}  # fmt: skip
    second = unit.get_url(link)
    assert len(_listed(second)) == 3 and "Page 2 of 2" in text_of(second, ".govuk-pagination")
    back = second.select_one(".govuk-pagination__prev a")["href"]
    assert "category=age" in back and "reported_from=2026-02-01" in back


BAD = [
    ({"category": "nonsense"}, ["Select a category from the list"]),
    ({"incident_type": "x"}, ["Select a type of incident from the list"]),
    ({"status": "draft"}, ["Select a status from the list"]),
    ({"status": "nonsense"}, ["Select a status from the list"]),
    ({"channel": "post"}, ["Select how it was reported from the list"]),
    ({"language": "xx"}, ["Select a language from the list"]),
    ({"support": "maybe"}, ["Select whether support was asked for from the list"]),
    ({"centre": "no-such-centre"}, ["Select a centre from the list"]),
    ({"reported_from": "30/2/2026"}, ["Enter a real date as day, month and year, like 27/3/2026"]),
    ({"reported_from": "yesterday"}, ["Enter a real date as day, month and year, like 27/3/2026"]),
    ({"reported_to": "9" * 5000}, ["Enter a real date as day, month and year, like 27/3/2026"]),
    ({"reported_to": "1/1/0001"}, ["Enter a date from 1/1/2000 to 31/12/2999"]),
    (
        {"reported_from": "12/4/2026", "reported_to": "11/4/2026"},
        ["The date reported to must be the same as or after the date reported from"],
    ),
    (
        {"category": "\u0000", "page": "9" * 30, "reported_from": "\uff11/4/2026"},
        ["Enter a real date as day, month and year, like 27/3/2026", "Select a category from the list"],
    ),
]


@pytest.mark.parametrize(("query", "messages"), BAD, ids=[str(query)[:60] for query, _ in BAD])
def test_a_bad_value_is_explained_on_the_form_and_the_list_still_shows(any_app, world, query, messages):
    page = _signed_in(any_app, "partnership").get(LIST, **query, _expected_status=400)
    assert sorted(error_summary(page)) == sorted(messages)
    assert page.select_one("main table") is not None, "the list is still shown"
    assert page.title.get_text().startswith("Error:")


def test_a_bad_filter_is_left_out_and_the_good_ones_still_apply(any_app, world):
    _library, _housing, refs = world
    page = _signed_in(any_app, "partnership").get(LIST, category="religion", status="nonsense", _expected_status=400)
    assert _names(refs, _listed(page)) == {"religion"}


def test_the_caseworker_filter_finds_a_persons_cases_and_the_unassigned(any_app, world):
    library, _housing, refs = world
    worker = factories.user("worker@example.org", "volunteer", library)
    other = factories.user("other@example.org", "volunteer", factories.centre("far-hall", "Far Hall", "altrincham"))
    for name in ("plain", "threats"):
        db.session.scalar(select(Report).where(Report.reference == refs[name])).assigned_to = worker
    db.session.commit()
    unit = _signed_in(any_app, "partnership")
    assert _names(refs, _listed(unit.get(LIST, assignee=str(worker.id)))) == {"plain", "threats"}
    assert _names(refs, _listed(unit.get(LIST, assignee="none"))) == EVERY - {"plain", "threats"}
    lead = _signed_in(any_app, "centre_lead", library)
    offered = [option["value"] for option in lead.get(LIST).select("#assignee option")]
    assert str(worker.id) in offered and str(other.id) not in offered, "only the lead's own centre's staff"
    page = lead.get(LIST, assignee=str(other.id), _expected_status=400)
    assert error_summary(page) == ["Select a caseworker from the list"]
