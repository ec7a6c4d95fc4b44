"""Satisfaction for centre staff comes in whole months that have ended, so that no one person's answers can be
worked out by comparing two periods; the partnership unit keeps any range of days."""

import csv
import io
from datetime import UTC, datetime

import pytest

from reporting.domain.periods import add_months, last_complete_month_end, month_key
from reporting.domain.ukdates import now_utc, uk_date
from reporting.extensions import db
from reporting.models import SurveyResponse
from tests.support import factories
from tests.support.html import error_summary

# Six people answered on 4 March 2026 (overall 4); one person answered on 5 March (overall 1).
DAY_BEFORE, DAY = "2026-03-04", "2026-03-05"
PART_MONTH = (
    "Choose whole months. Figures for your centre are shown for whole calendar months only, so that "
    "nobody's answers can be worked out: choose from March 2026 to March 2026"
)


def answered(centre, day: int, overall: int) -> None:
    report = factories.report(centre, reported_at=datetime(2026, 3, day, 11, tzinfo=UTC))
    report.survey_responses.append(SurveyResponse(kind="immediate", question="overall", score=overall))


@pytest.fixture
def centre(app):
    library = factories.centre("sale-library", "Sale Library")
    for _ in range(6):
        answered(library, 4, 4)
    answered(library, 5, 1)
    db.session.commit()
    return library


def results(client_request, first: str, last: str):
    return client_request.get("satisfaction.results", date_from=first, date_to=last)


def results_csv(client_request, first: str, last: str, status: int = 200):
    period = {"date_from": first, "date_to": last}
    return client_request.get_response("satisfaction.results_csv", _expected_status=status, **period)


def figures_shown(page) -> bool:
    return "Reports made" in page.get_text(" ")


@pytest.mark.parametrize("role", ["volunteer", "centre_lead"])
def test_centre_staff_cannot_recover_one_answer_from_two_ranges_a_day_apart(client_request, centre, role):
    client_request.login_as(role, centre)
    for first, last in ((DAY_BEFORE, DAY), (DAY_BEFORE, DAY_BEFORE), (DAY, DAY)):
        page = results(client_request, first, last)
        assert error_summary(page) == [PART_MONTH], (first, last)
        assert not figures_shown(page)
        assert "Average" not in page.get_text(" ")
        # The lists are set to the whole month around the dates, ready to show.
        assert page.select_one("#date_from option[selected]")["value"] == "2026-03"
        assert page.select_one("#date_to option[selected]")["value"] == "2026-03"
        results_csv(client_request, first, last, status=400)


def test_centre_staff_see_whole_months_with_the_answers_of_all_seven(client_request, centre):
    client_request.login_as("centre_lead", centre)
    for first, last in (("2026-03", "2026-03"), ("2026-03-01", "2026-03-31"), ("2026-01", "2026-06")):
        page = results(client_request, first, last)
        assert error_summary(page) == [], (first, last)
        assert "7 answers. Average 3.6 out of 5." in page.get_text(" ")
    rows = list(csv.reader(io.StringIO(results_csv(client_request, "2026-03", "2026-03").text)))
    assert ["sale-library", "overall", "7", "3.57", "0.857", "0.487", "0.974"] in rows


def test_the_partnership_unit_keeps_any_range_of_days(client_request, centre):
    client_request.login_as("partnership")
    one_day = results(client_request, DAY, DAY)
    assert error_summary(one_day) == [] and figures_shown(one_day)
    assert "1 answer. Average 1.0 out of 5." in one_day.get_text(" ")
    two_days = results(client_request, DAY_BEFORE, DAY)
    assert "7 answers. Average 3.6 out of 5." in two_days.get_text(" ")
    results_csv(client_request, DAY, DAY, status=200)


def test_centre_staff_pick_months_that_have_ended(client_request, centre):
    client_request.login_as("volunteer", centre)
    page = client_request.get("satisfaction.results")
    today = uk_date(now_utc())
    latest, this_month = month_key(last_complete_month_end(today)), month_key(today)
    months = [option["value"] for option in page.select("#date_from option")]
    assert months[0] == latest and this_month not in months and "2026-03" in months
    assert [option["value"] for option in page.select("#date_to option")] == months
    assert page.select_one("#date_to option[selected]")["value"] == latest
    assert page.select_one("#date_from option[selected]")["value"] == month_key(add_months(today, -6))
    assert page.select("input[type=date]") == []
    assert "shown for whole months that have ended" in page.get_text(" ")


def test_this_month_is_refused_for_centre_staff_until_it_has_ended(client_request, centre):
    client_request.login_as("centre_lead", centre)
    today = uk_date(now_utc())
    for first, last in ((month_key(today), month_key(today)), (today.isoformat(), today.isoformat())):
        page = results(client_request, first, last)
        [message] = error_summary(page)
        assert message.startswith("Choose months that have ended.")
        assert not figures_shown(page)
        assert page.select_one("#date_to option[selected]")["value"] == month_key(last_complete_month_end(today))


def test_centre_staff_are_told_to_choose_months_in_order(client_request, centre):
    client_request.login_as("centre_lead", centre)
    page = results(client_request, "2026-04", "2026-03")
    assert error_summary(page) == ["The last month must be the same as or after the first month"]
    page = results(client_request, "nonsense", "2026-03")
    assert error_summary(page) == ["Select the first month of the period"]
