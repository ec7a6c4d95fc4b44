"""Counting people as well as incidents, from confirmed links: distinct people who reported, repeat victims, the
share of incidents that were repeats, and series.

- A person is the group of reports that confirmed links join (`report_people`); a report in no group is a person
  of its own.
- A repeat victim is a person with more than one report in the 12 months up to the end of the period, who reported
  in the period. By centre (and by category) they are counted where (and in what) they reported in the period.
- An incident is a repeat when its person reported another incident in the 12 months before it.
- Totals are counted from people, never by adding rows: a person who reported at two centres is one person.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

TOTAL = "total"


@dataclass(frozen=True)
class CountedReport:
    report_id: int
    person: object  # the person id, or ("report", id) for a report in no group
    centre_key: int
    categories: tuple[str, ...]
    reported_at: datetime


@dataclass
class PeopleCounts:
    """Counts by centre key (and `TOTAL`) and by category."""

    reports: dict = field(default_factory=dict)
    people: dict = field(default_factory=dict)
    repeat_victims: dict = field(default_factory=dict)
    repeat_incidents: dict = field(default_factory=dict)
    repeat_victims_by_category: dict = field(default_factory=dict)
    series: dict = field(default_factory=dict)


def person_of(report_id: int, groups: dict[int, object]) -> object:
    return groups.get(report_id, ("report", report_id))


def count_people(
    in_period: list[CountedReport],
    history: Iterable[CountedReport],
    year_start: datetime,
    series_by_report: dict[int, set[int]] | None = None,
) -> PeopleCounts:
    """Counts for the reports of the period, knowing every linked report (`history`) from 12 months before the
    period's start to its end; `year_start` is 12 months before the end of the period."""
    dates: dict[object, list[datetime]] = defaultdict(list)
    for report in {report.report_id: report for report in (*history, *in_period)}.values():
        dates[report.person].append(report.reported_at)
    repeaters = {person for person, seen in dates.items() if sum(day >= year_start for day in seen) > 1}
    counts = PeopleCounts()
    for key, reports in _by_centre(in_period).items():
        people = {report.person for report in reports}
        counts.reports[key] = len(reports)
        counts.people[key] = len(people)
        counts.repeat_victims[key] = len(people & repeaters)
        counts.repeat_incidents[key] = sum(_is_repeat(report, dates) for report in reports)
        series = series_by_report or {}
        counts.series[key] = len(set().union(*(series.get(report.report_id, set()) for report in reports)))
    by_category: dict[str, set] = defaultdict(set)
    for report in in_period:
        if report.person in repeaters:
            for code in report.categories:
                by_category[code].add(report.person)
    counts.repeat_victims_by_category = {code: len(people) for code, people in by_category.items()}
    return counts


def _by_centre(reports: list[CountedReport]) -> dict:
    grouped: dict = defaultdict(list)
    for report in reports:
        grouped[report.centre_key].append(report)
    grouped[TOTAL] = list(reports)
    return grouped


def _is_repeat(report: CountedReport, dates: dict[object, list[datetime]]) -> bool:
    """Another report of the same person in the 12 months before this one."""
    start = a_year_before(report.reported_at)
    return any(start <= other < report.reported_at for other in dates.get(report.person, ()))


def a_year_before(moment: datetime) -> datetime:
    """The same moment 12 months earlier (28 February for a 29 February)."""
    day = 28 if (moment.month, moment.day) == (2, 29) else moment.day
    return moment.replace(year=moment.year - 1, day=day)


def recount_people(pairs: Iterable[tuple[int, int]], report_ids: Iterable[int]) -> int:
    """Distinct people among reports, from confirmed links alone (a check on the stored groups)."""
    parent: dict[int, int] = {}

    def root(item: int) -> int:
        while parent.setdefault(item, item) != item:
            item = parent[item]
        return item

    for first, second in pairs:
        parent[root(first)] = root(second)
    return len({root(report_id) for report_id in report_ids})
