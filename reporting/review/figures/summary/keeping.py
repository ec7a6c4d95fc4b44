"""Keeping the review summary current: counting rows from the reports, and recounting what changed.

Database triggers put the (UTC month, centre) of every report that is added, changed or deleted into
`review_summary_queue`; `bring_up_to_date` claims the queue and recounts those months and centres.
"""

from collections import defaultdict
from collections.abc import Collection
from datetime import UTC, datetime

from sqlalchemy import and_, case, delete, exists, func, insert, literal_column, or_, select
from sqlalchemy.sql.elements import ColumnElement

from ....domain.outcomes import NO_OUTCOME
from ....domain.periods import Period, add_months, month_bounds, month_key, month_start
from ....domain.places import NO_AREA, NO_CENTRE
from ....domain.satisfaction import RECOMMEND, RECOMMEND_ANSWERS, SCALE_QUESTIONS, SCORES
from ....domain.statuses import CLOSED
from ....domain.ukdates import UK
from ....models import Report, ReportCategory, ReportIncidentType, ReportOutcome, SurveyResponse
from ..models import ANY_KIND, ReviewSummaryQueue
from .rows import (
    ACKNOWLEDGE_MARGIN,
    ALL_PARTS,
    AWAITING_ACKNOWLEDGEMENT,
    EXPECTED_FIELDS,
    SATISFACTION_PARTS,
    SUMMARY_TABLES,
    TABLE_OF,
    TO_ACKNOWLEDGE,
    TO_CLOSE,
    TO_REFERRAL,
    TO_REPORT,
    AnswerRow,
    AreaRow,
    CodeRow,
    DelayRow,
    RespondingRow,
    SummaryRows,
)

# Plain text columns, where an empty string is no answer; the encrypted ones hold NULL when left out.
TEXT_FIELDS = {"occurred_time", "postcode_district"}
PG_LOCK_KEY = 7_203_114  # serialises recounts on PostgreSQL; any constant unique to this use


def _filled(name: str) -> ColumnElement[int]:
    column = getattr(Report, name)
    present = and_(column.is_not(None), column != "") if name in TEXT_FIELDS else column.is_not(None)
    return case((present, 1), else_=0)


def _centre_key_column():
    # Literal constants, so that PostgreSQL sees the grouped expression and the selected one as the same.
    return func.coalesce(Report.centre_id, literal_column(str(NO_CENTRE)))


def _area_key_column():
    return func.coalesce(Report.area_id, literal_column(str(NO_AREA)))


def _range_condition(start: datetime, end: datetime, centre_keys: Collection[int] | None) -> ColumnElement[bool]:
    """Counted reports made in [start, end), at the given centres (key 0: online) or all of them."""
    condition = and_(Report.submitted, Report.reported_at >= start, Report.reported_at < end)
    if centre_keys is None:
        return condition
    centres = [key for key in centre_keys if key != NO_CENTRE]
    places = [Report.centre_id.in_(centres)] if centres else []
    if NO_CENTRE in centre_keys:
        places.append(Report.centre_id.is_(None))
    return and_(condition, or_(*places))


def _area_rows(session, month: str, condition) -> list[AreaRow]:
    """Counts by centre and area, with how many expected fields were filled, consent recorded and referrals made."""
    expected = sum((_filled(name) for name in EXPECTED_FIELDS[1:]), _filled(EXPECTED_FIELDS[0]))
    consent = case((Report.police_consent.is_not(None), 1), else_=0)
    referred = case((Report.referred_at.is_not(None), 1), else_=0)
    centre_column, area_column = _centre_key_column(), _area_key_column()
    query = (
        select(centre_column, area_column, func.count(), func.sum(expected), func.sum(consent), func.sum(referred))
        .where(condition)
        .group_by(centre_column, area_column)
    )
    return [AreaRow(month, *(int(value) for value in row)) for row in session.execute(query)]


CASE_COLUMNS = (Report.status, Report.received_at, Report.acknowledged_at, Report.acknowledge_by, Report.closed_at)


def _delay_rows(session, month: str, condition) -> list[DelayRow]:
    """Days from incident to report and from report to referral, by UK dates (worked out here, for any database),
    and the case work measures (`_case_delays`)."""
    query = select(
        _centre_key_column(), Report.reported_at, Report.occurred_on, Report.referred_at, *CASE_COLUMNS
    ).where(
        condition,
        or_(
            Report.occurred_on.is_not(None),
            Report.referred_at.is_not(None),
            Report.acknowledge_by.is_not(None),
            and_(
                Report.received_at.is_not(None),
                or_(Report.acknowledged_at.is_not(None), Report.closed_at.is_not(None)),
            ),
        ),
    )
    delays: dict[tuple[int, str, int], int] = defaultdict(int)
    for centre_key, reported_at, occurred_on, referred_at, *case_work in session.execute(query):
        reported_on = reported_at.astimezone(UK).date()
        if occurred_on is not None:
            delays[(centre_key, TO_REPORT, (reported_on - occurred_on).days)] += 1
        if referred_at is not None:
            delays[(centre_key, TO_REFERRAL, (referred_at.astimezone(UK).date() - reported_on).days)] += 1
        for measure, days in _case_delays(*case_work):
            delays[(centre_key, measure, days)] += 1
    return [DelayRow(month, *key, count) for key, count in delays.items()]


def _case_delays(status, received_at, acknowledged_at, acknowledge_by, closed_at) -> list[tuple[str, int]]:
    """(measure, days) of one case: to acknowledgement and to closing from receipt, and its acknowledgement deadline
    met or missed by so many days, or (not yet acknowledged) the deadline's day number."""
    found = []
    received_on = received_at.astimezone(UK).date() if received_at is not None else None
    acknowledged_on = acknowledged_at.astimezone(UK).date() if acknowledged_at is not None else None
    if received_on is not None and acknowledged_on is not None:
        found.append((TO_ACKNOWLEDGE, (acknowledged_on - received_on).days))
    if received_on is not None and closed_at is not None and status == CLOSED:
        found.append((TO_CLOSE, (closed_at.astimezone(UK).date() - received_on).days))
    if acknowledge_by is not None:
        if acknowledged_on is not None:
            found.append((ACKNOWLEDGE_MARGIN, (acknowledge_by - acknowledged_on).days))
        else:
            found.append((AWAITING_ACKNOWLEDGEMENT, acknowledge_by.toordinal()))
    return found


def _code_rows(session, month: str, condition) -> list[CodeRow]:
    """Counts by category, incident type and outcome: answered from the status, date and centre index alone; and
    by status, with the closed cases that have no outcome recorded."""
    rows = []
    centre_column = _centre_key_column()
    for dimension, model in (("category", ReportCategory), ("incident_type", ReportIncidentType),
                             ("outcome", ReportOutcome)):  # fmt: skip
        query = (
            select(centre_column, model.code, func.count())
            .join(model, model.report_id == Report.id)
            .where(condition)
            .group_by(centre_column, model.code)
        )
        rows += [
            CodeRow(month, centre_key, dimension, code, count) for centre_key, code, count in session.execute(query)
        ]
    by_status = (
        select(centre_column, Report.status, func.count()).where(condition).group_by(centre_column, Report.status)
    )
    rows += [CodeRow(month, key, "status", code, count) for key, code, count in session.execute(by_status)]
    no_outcome = (
        select(centre_column, func.count())
        .where(condition, Report.status == CLOSED, ~exists().where(ReportOutcome.report_id == Report.id))
        .group_by(centre_column)
    )
    rows += [CodeRow(month, key, "outcome", NO_OUTCOME, count) for key, count in session.execute(no_outcome)]
    return rows


def _counted_answer(question: str, score: int | None, answer: str | None) -> str | None:
    """What the summary counts of an answer: a score of 1 to 5 to a scale question, or a coded answer to
    "would you recommend reporting here?". Anything else (comments) only makes a report responding."""
    if question in SCALE_QUESTIONS:
        return str(score) if score in SCORES else None
    return answer if question == RECOMMEND and answer in RECOMMEND_ANSWERS else None


def _satisfaction_rows(session, month: str, condition) -> tuple[list[AnswerRow], list[RespondingRow]]:
    """Answers by centre, kind, question and answer, and the reports answered by kind and in either kind."""
    centre_column = _centre_key_column()
    columns = (centre_column, SurveyResponse.kind, SurveyResponse.question, SurveyResponse.score)
    answers: dict[tuple[int, str, str, str], int] = defaultdict(int)
    query = (
        select(*columns, SurveyResponse.answer, func.count())
        .join(Report, SurveyResponse.report_id == Report.id)
        .where(condition)
        .group_by(*columns, SurveyResponse.answer)
    )
    for centre_key, kind, question, score, answer, count in session.execute(query):
        counted = _counted_answer(question, score, answer)
        if counted is not None:
            answers[(centre_key, kind, question, counted)] += count
    responding = []
    for by_kind in (True, False):
        grouping = (centre_column, SurveyResponse.kind) if by_kind else (centre_column,)
        query = (
            select(*grouping, func.count(func.distinct(SurveyResponse.report_id)))
            .join(Report, SurveyResponse.report_id == Report.id)
            .where(condition)
            .group_by(*grouping)
        )
        for row in session.execute(query):
            centre_key, kind, reports = row if by_kind else (row[0], ANY_KIND, row[1])
            responding.append(RespondingRow(month, centre_key, kind, reports))
    return [AnswerRow(month, *key, count) for key, count in answers.items()], responding


def count_range(
    session,
    month: str,
    start: datetime,
    end: datetime,
    centre_keys: Collection[int] | None = None,
    parts: Collection[str] = ALL_PARTS,
) -> SummaryRows:
    """Summary rows (of the `parts` asked for) counted from the reports made in [start, end), labelled `month`."""
    condition = _range_condition(start, end, centre_keys)
    rows = SummaryRows()
    if "areas" in parts:
        rows.areas = _area_rows(session, month, condition)
    if "codes" in parts:
        rows.codes = _code_rows(session, month, condition)
    if "delays" in parts:
        rows.delays = _delay_rows(session, month, condition)
    if SATISFACTION_PARTS & set(parts):
        rows.answers, rows.responding = _satisfaction_rows(session, month, condition)
    return rows


def _recount(session, month: str, centre_keys: set[int]) -> None:
    """Count the month again for these centres (one read of the month's reports for all of them)."""
    for model in SUMMARY_TABLES:
        session.execute(delete(model).where(model.month == month, model.centre_key.in_(centre_keys)))
    start, end = month_bounds(month)
    rows = count_range(session, month, start, end, centre_keys)
    for part, model in TABLE_OF.items():
        found = getattr(rows, part)
        if found:
            session.execute(insert(model), [row._asdict() for row in found])


def uk_months_of_utc_month(key: str) -> tuple[str, ...]:
    """The UK months that instants of the UTC month `key` fall in: itself, and the next one when
    the UK month starts before UTC midnight (in summer time, the last hour of the UTC month)."""
    following = month_key(add_months(month_start(key), 1))
    next_uk_start = month_bounds(following)[0]
    next_utc_start = datetime.combine(month_start(following), datetime.min.time(), tzinfo=UTC)
    return (key, following) if next_uk_start < next_utc_start else (key,)


def _lock(session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(PG_LOCK_KEY)))


def bring_up_to_date(session) -> int:
    """Recount every month and centre whose reports changed since the last call, and commit.

    Safe to call at any time, from any number of processes; returns how many (month, centre)
    pairs were recounted. Call it after writing reports in bulk; readers of the summary call it
    before reading.
    """
    _lock(session)
    queue = ReviewSummaryQueue.__table__
    claimed = session.execute(delete(queue).returning(queue.c.month, queue.c.centre_key)).all()
    by_month: dict[str, set[int]] = defaultdict(set)
    for utc_month, centre_key in claimed:
        for uk_month in uk_months_of_utc_month(utc_month):
            by_month[uk_month].add(centre_key)
    for month in sorted(by_month):
        _recount(session, month, by_month[month])
    session.commit()
    return sum(len(centres) for centres in by_month.values())


def mark_all_for_recount(session) -> int:
    """Queue every month and centre that has reports (after restoring a backup without the summary, say)."""
    first, last = session.execute(
        select(func.min(Report.reported_at), func.max(Report.reported_at)).where(Report.submitted)
    ).one()
    if first is None:
        return 0
    centre_keys = {key for (key,) in session.execute(select(_centre_key_column()).distinct())}
    months = Period(first.date(), last.date()).months()
    existing = {(row.month, row.centre_key) for row in session.scalars(select(ReviewSummaryQueue))}
    wanted = [{"month": m, "centre_key": c} for m in months for c in centre_keys if (m, c) not in existing]
    if wanted:
        session.execute(insert(ReviewSummaryQueue), wanted)
    session.commit()
    return len(wanted)


def queued(session) -> int:
    """How many (UTC month, centre) pairs wait to be recounted."""
    return session.scalar(select(func.count()).select_from(ReviewSummaryQueue))
