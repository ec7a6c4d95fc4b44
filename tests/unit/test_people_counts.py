"""Counting people from confirmed links: distinct people, repeat victims in the 12 months up to the end of the period,
repeats, series, and totals that count a person once."""

from datetime import UTC, datetime

from reporting.domain.people_counts import TOTAL, CountedReport, a_year_before, count_people, recount_people

END = datetime(2026, 7, 1, tzinfo=UTC)
YEAR_START = a_year_before(END)


def _report(report_id, person, centre, month, year=2026, categories=("race",)):
    return CountedReport(report_id, person, centre, categories, datetime(year, month, 10, tzinfo=UTC))


def test_people_repeat_victims_and_repeats_by_centre():
    in_period = [_report(1, 7, 1, 2), _report(2, 7, 2, 5, categories=("religion",)), _report(3, ("report", 3), 1, 3),
                 _report(4, 8, 1, 6)]  # fmt: skip
    history = [_report(9, 8, 1, 11, year=2025), _report(10, 9, 1, 1, year=2025)]
    counts = count_people(in_period, history, YEAR_START, {1: {50}, 2: {50, 51}})
    assert counts.reports == {1: 3, 2: 1, TOTAL: 4}
    assert counts.people == {1: 3, 2: 1, TOTAL: 3}  # person 7 reported at both centres: once in the total
    assert counts.repeat_victims == {1: 2, 2: 1, TOTAL: 2}
    assert counts.repeat_incidents == {1: 1, 2: 1, TOTAL: 2}  # 2 follows 1; 4 follows 9 (November 2025)
    assert counts.repeat_victims_by_category == {"race": 2, "religion": 1}
    assert counts.series == {1: 1, 2: 2, TOTAL: 2}


def test_a_report_older_than_twelve_months_before_the_end_makes_no_repeat_victim():
    in_period = [_report(1, 7, 1, 6)]
    history = [_report(2, 7, 1, 6, year=2025)]  # 10 June 2025: before 1 July 2025
    counts = count_people(in_period, history, YEAR_START)
    assert counts.repeat_victims[TOTAL] == 0 and counts.repeat_incidents[TOTAL] == 1


def test_a_year_before_a_leap_day():
    assert a_year_before(datetime(2028, 2, 29, tzinfo=UTC)) == datetime(2027, 2, 28, tzinfo=UTC)


def test_recount_from_links():
    assert recount_people([(1, 2), (2, 3), (5, 6)], [1, 2, 3, 4, 5, 6]) == 3
