"""The reports list's filters read from the address, and how long a self-report has waited: plain rules."""

from datetime import UTC, date, datetime, timedelta

import pytest

from reporting.domain import report_filters as rules
from reporting.domain.waiting import Waited, time_waited

CHOICES = rules.FilterChoices(
    categories=frozenset({"race", "religion"}),
    incident_types=frozenset({"threats"}),
    statuses=frozenset({"received", "closed"}),
    channels=frozenset({"assisted", "self"}),
    languages=frozenset({"en", "ur", "zh-Hans"}),
    centres=frozenset({"sale-library"}),
)


@pytest.mark.parametrize("text", ["27/3/2026", "27/03/2026", " 27 3 2026 ", "27-3-2026", "27.03.2026", "2026-03-27"])
def test_uk_dates_and_the_lists_own_format_are_read(text):
    assert rules.parse_uk_date(text) == date(2026, 3, 27)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("30/2/2026", rules.UNREADABLE_DATE),
        ("2026/03/27", rules.UNREADABLE_DATE),
        ("27/3/26", rules.UNREADABLE_DATE),
        ("\uff12\uff17/3/2026", rules.UNREADABLE_DATE),
        ("9" * 5000, rules.UNREADABLE_DATE),
        ("31/12/1999", rules.DATE_OUT_OF_RANGE),
        ("0001-01-01", rules.DATE_OUT_OF_RANGE),
    ],
)
def test_an_impossible_or_unreadable_date_is_a_problem(text, problem):
    with pytest.raises(ValueError, match=problem):
        rules.parse_uk_date(text)


def test_every_filter_combines_and_goes_back_into_the_address():
    args = {"reported_from": "1/3/2026", "reported_to": "2026-03-31", "category": "race"}
    args |= {"incident_type": "threats", "status": "closed", "channel": "self", "language": "zh-Hans"}
    args |= {"support": "no", "centre": "sale-library"}
    filters, problems = rules.parse_filters(args, CHOICES)
    assert problems == {}
    assert filters == rules.ReportFilters(date(2026, 3, 1), date(2026, 3, 31), "sale-library", "race", "threats",
                                          "closed", "self", "zh-Hans", False)  # fmt: skip
    assert filters.query_args() == {**args, "reported_from": "2026-03-01"}


def test_problems_are_named_by_filter_and_the_rest_still_apply():
    args = {"category": "nope", "support": "maybe", "status": "closed", "reported_from": "2/3/2026",
            "reported_to": "1/3/2026"}  # fmt: skip
    filters, problems = rules.parse_filters(args, CHOICES)
    assert problems == {"category": rules.UNKNOWN, "support": rules.UNKNOWN, "reported_to": rules.DATES_IN_WRONG_ORDER}
    assert filters == rules.ReportFilters(status="closed")


def test_a_centre_is_ignored_where_the_centre_filter_is_not_offered():
    without_centres = rules.FilterChoices(**{**CHOICES.__dict__, "centres": None})
    assert rules.parse_filters({"centre": "anywhere"}, without_centres) == (rules.ReportFilters(), {})


def test_time_waited_in_whole_days_and_hours():
    now = datetime(2026, 3, 20, 12, tzinfo=UTC)
    assert time_waited(now - timedelta(days=2, hours=3, minutes=59), now) == Waited(2, 3)
    assert time_waited(now - timedelta(minutes=59), now) == Waited(0, 0)
    assert time_waited(now + timedelta(hours=1), now) == Waited(0, 0)
