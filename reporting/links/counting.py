"""The review's counts of people, read from the reports and their confirmed links (`domain/people_counts.py`)."""

from collections import defaultdict

from sqlalchemy import func, select

from ..domain.people_counts import CountedReport, PeopleCounts, a_year_before, count_people
from ..domain.periods import Period
from ..models import Report, ReportCategory
from .models import ReportPerson, SeriesReport

NO_CENTRE = 0  # reports made online, as the review keys them
CENTRE_KEY = func.coalesce(Report.centre_id, NO_CENTRE)


def people_counts(session, period: Period, centre_key: int | None = None) -> PeopleCounts:
    """People who reported in `period` (at one centre, or all), with repeat victims, repeats and series."""
    start, end = period.bounds()
    wanted = [Report.submitted, Report.reported_at >= start, Report.reported_at < end]
    if centre_key is not None:
        wanted.append(CENTRE_KEY == centre_key)
    in_period = _reports(session, wanted, with_categories=True)
    history = _reports(session, [Report.submitted, Report.reported_at >= a_year_before(start),
                                 Report.reported_at < end, ReportPerson.person_id.is_not(None)])  # fmt: skip
    return count_people(in_period, history, a_year_before(end), _series(session, wanted))


def _reports(session, conditions: list, with_categories: bool = False) -> list[CountedReport]:
    query = (
        select(Report.id, ReportPerson.person_id, CENTRE_KEY, Report.reported_at)
        .outerjoin(ReportPerson, ReportPerson.report_id == Report.id)
        .where(*conditions)
    )
    rows = session.execute(query).all()
    categories: dict[int, list[str]] = defaultdict(list)
    if with_categories:
        joined = select(ReportCategory.report_id, ReportCategory.code).join(
            Report, Report.id == ReportCategory.report_id
        )
        for report_id, code in session.execute(joined.where(*conditions)):
            categories[report_id].append(code)
    return [
        CountedReport(
            report_id, person if person is not None else ("report", report_id), centre, tuple(categories[report_id]), at
        )
        for report_id, person, centre, at in rows
    ]


def _series(session, conditions: list) -> dict[int, set[int]]:
    query = select(SeriesReport.report_id, SeriesReport.series_id).join(Report, Report.id == SeriesReport.report_id)
    found: dict[int, set[int]] = defaultdict(set)
    for report_id, series_id in session.execute(query.where(*conditions)):
        found[report_id].add(series_id)
    return found
