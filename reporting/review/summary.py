"""The review summary: exact monthly counts per centre, kept current from the reports themselves.

Why: the dashboard reads six months of a million reports several ways at once. Scanning the
reports for each figure takes seconds; the summary holds one row per month, centre and area (or
category, incident type, or delay in days), a few thousand rows in all, and answers in milliseconds.

How it stays exact: database triggers (created by the migration that made these tables) put the
(UTC month, centre) of every report that is added, changed or deleted, and of every change to its
categories or incident types, into `review_summary_queue`, whatever wrote it. `bring_up_to_date`
claims the queue and recounts those months and centres from the reports, so the summary never
drifts; every reader calls it first. Writers of many reports (imports, the demo data) may call it
after their commit so the next reader does not pay for the recount.

Periods that start or end part-way through a month are answered from the summary for the whole
months and from the reports for the part months, with the same counting code.
"""

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import NamedTuple

from sqlalchemy import and_, case, delete, func, insert, literal_column, null, or_, select
from sqlalchemy.sql.elements import ColumnElement

from ..domain import vocabulary
from ..domain.ukdates import UK
from ..models import Area, Centre, Report, ReportCategory, ReportIncidentType, SurveyResponse
from .counting import ONLINE, UNKNOWN, CountRow, check_dimensions, counted_status
from .models import (
    ANY_KIND,
    NO_AREA,
    NO_CENTRE,
    ReviewMonthCentreAnswer,
    ReviewMonthCentreArea,
    ReviewMonthCentreCode,
    ReviewMonthCentreDelay,
    ReviewMonthCentreResponding,
    ReviewSummaryQueue,
)
from .periods import Period, add_months, month_bounds, month_key, month_start

# Answers a centre is expected to record although the form lets them be left out.
EXPECTED_FIELDS = (
    "occurred_time",
    "area_id",
    "postcode_district",  # plain, and kept after retention: the full postcode is encrypted
    "location_description",
    "perpetrator_description",
    "support_wanted",
)
# Plain text columns, where an empty string is no answer; the encrypted ones hold NULL when left out.
TEXT_FIELDS = {"occurred_time", "postcode_district"}
TO_REPORT = "to_report"
TO_REFERRAL = "to_referral"
PG_LOCK_KEY = 7_203_114  # serialises recounts on PostgreSQL; any constant unique to this use
# The satisfaction answers the summary counts: a score of 1 to 5 to a scale question, or a coded
# answer to "would you recommend reporting here?". Anything else (comments) only makes a report responding.
SCALE_QUESTIONS = frozenset(vocabulary.codes("satisfaction_questions"))
SCORES = frozenset(range(1, 6))
RECOMMEND = "recommend"
RECOMMEND_ANSWERS = frozenset(("yes", "no", "not_sure"))


class AreaRow(NamedTuple):
    month: str
    centre_key: int
    area_key: int
    reports: int
    expected_filled: int
    consent_recorded: int
    referred: int


class CodeRow(NamedTuple):
    month: str
    centre_key: int
    dimension: str
    code: str
    reports: int


class DelayRow(NamedTuple):
    month: str
    centre_key: int
    measure: str
    days: int
    reports: int


class AnswerRow(NamedTuple):
    month: str
    centre_key: int
    kind: str
    question: str
    answer: str
    answers: int


class RespondingRow(NamedTuple):
    month: str
    centre_key: int
    kind: str
    reports: int


@dataclass
class SummaryRows:
    """Summary rows for a period: what every dashboard figure and the satisfaction results are built from."""

    areas: list[AreaRow] = field(default_factory=list)
    codes: list[CodeRow] = field(default_factory=list)
    delays: list[DelayRow] = field(default_factory=list)
    answers: list[AnswerRow] = field(default_factory=list)
    responding: list[RespondingRow] = field(default_factory=list)

    def of_months(self, months: Collection[str]) -> "SummaryRows":
        """The rows of these months only (for periods of whole months read together)."""
        wanted = set(months)
        return SummaryRows(*([row for row in getattr(self, part) if row.month in wanted] for part in ROW_TYPES))


# Counting from the reports


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
    condition = and_(counted_status(), Report.reported_at >= start, Report.reported_at < end)
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


def _delay_rows(session, month: str, condition) -> list[DelayRow]:
    """Days from incident to report and from report to referral, by UK dates (worked out here, for any database)."""
    query = select(_centre_key_column(), Report.reported_at, Report.occurred_on, Report.referred_at).where(
        condition, or_(Report.occurred_on.is_not(None), Report.referred_at.is_not(None))
    )
    delays: dict[tuple[int, str, int], int] = defaultdict(int)
    for centre_key, reported_at, occurred_on, referred_at in session.execute(query):
        reported_on = reported_at.astimezone(UK).date()
        if occurred_on is not None:
            delays[(centre_key, TO_REPORT, (reported_on - occurred_on).days)] += 1
        if referred_at is not None:
            delays[(centre_key, TO_REFERRAL, (referred_at.astimezone(UK).date() - reported_on).days)] += 1
    return [DelayRow(month, *key, count) for key, count in delays.items()]


def _code_rows(session, month: str, condition) -> list[CodeRow]:
    """Counts by category and incident type: answered from the status, date and centre index alone."""
    rows = []
    for dimension, model in (("category", ReportCategory), ("incident_type", ReportIncidentType)):
        centre_column = _centre_key_column()
        query = (
            select(centre_column, model.code, func.count())
            .join(model, model.report_id == Report.id)
            .where(condition)
            .group_by(centre_column, model.code)
        )
        rows += [
            CodeRow(month, centre_key, dimension, code, count) for centre_key, code, count in session.execute(query)
        ]
    return rows


def _counted_answer(question: str, score: int | None, answer: str | None) -> str | None:
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


ALL_PARTS = ("areas", "codes", "delays", "answers", "responding")
SATISFACTION_PARTS = {"answers", "responding"}


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


# Keeping the summary current

ROW_TYPES = {
    "areas": AreaRow,
    "codes": CodeRow,
    "delays": DelayRow,
    "answers": AnswerRow,
    "responding": RespondingRow,
}
TABLE_OF = {
    "areas": ReviewMonthCentreArea,
    "codes": ReviewMonthCentreCode,
    "delays": ReviewMonthCentreDelay,
    "answers": ReviewMonthCentreAnswer,
    "responding": ReviewMonthCentreResponding,
}
SUMMARY_TABLES = tuple(TABLE_OF.values())


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
        select(func.min(Report.reported_at), func.max(Report.reported_at)).where(Report.status != "draft")
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


# Reading


# The counts of each part, summed when rows are read with some of their keys left out.
COUNT_FIELDS = {
    "areas": ("reports", "expected_filled", "consent_recorded", "referred"),
    "codes": ("reports",),
    "delays": ("reports",),
    "answers": ("answers",),
    "responding": ("reports",),
}


def _whole_month_rows(
    session, months: list[str], centre_key: int | None, parts: tuple[str, ...], keep: Collection[str] | None
) -> SummaryRows:
    found = SummaryRows()
    for part in parts:
        table = TABLE_OF[part].__table__
        counts = COUNT_FIELDS[part]
        query = select(*table.c) if keep is None else _summed_query(table, ROW_TYPES[part]._fields, counts, keep)
        query = query.where(table.c.month.in_(months), table.c[counts[0]] > 0)
        if centre_key is not None:
            query = query.where(table.c.centre_key == centre_key)
        rows = session.execute(query).all()
        getattr(found, part).extend(map(ROW_TYPES[part]._make, (row for row in rows if row[-1] is not None)))
    return found


def _summed_query(table, fields: tuple[str, ...], counts: tuple[str, ...], keep: Collection[str]):
    """The table's rows added up over every key not in `keep` (those come back as None)."""
    kept = [table.c[name] for name in fields if name in keep and name not in counts]
    columns = [
        func.sum(table.c[name]).label(name) if name in counts else table.c[name] if name in keep else null().label(name)
        for name in fields
    ]
    return select(*columns).group_by(*kept)


def _summed_rows(rows: list, counts: tuple[str, ...], keep: Collection[str]) -> list:
    """`rows` added up over every key not in `keep`, as `_summed_query` does in the database."""
    if not rows:
        return rows
    row_type = type(rows[0])
    totals: dict[tuple, list[int]] = {}
    for row in rows:
        key = tuple(
            value if name in keep else None for name, value in zip(row._fields, row, strict=True) if name not in counts
        )
        sums = totals.setdefault(key, [0] * len(counts))
        for index, name in enumerate(counts):
            sums[index] += getattr(row, name)
    return [row_type(*key, *sums) for key, sums in totals.items()]


class SummaryReader:
    """Reads summary rows for one centre (by key) or all, counting each part month from the reports once."""

    def __init__(self, session, centre_key: int | None = None):
        self.session = session
        self.centre_key = centre_key
        self._part_months: dict[tuple[Period, str], list] = {}

    def rows(
        self, period: Period, parts: tuple[str, ...] = ("areas", "codes", "delays"), keep: Collection[str] | None = None
    ) -> SummaryRows:
        """Summary rows (of the `parts` asked for) for every month the period touches.

        Whole months come from the summary; the days of part months are counted from the reports.
        With `keep`, the rows are added up over every key not named in it (`month`, `centre_key`,
        `area_key` and so on), which then reads None: one row per combination of the kept keys.
        """
        months = period.whole_months()
        rows = _whole_month_rows(self.session, months, self.centre_key, parts, keep) if months else SummaryRows()
        part_months = period.part_months()
        for part in part_months:
            for name in parts:
                getattr(rows, name).extend(self._counted(part, name, parts))
        if keep is not None and part_months:
            for name in parts:
                setattr(rows, name, _summed_rows(getattr(rows, name), COUNT_FIELDS[name], keep))
        return rows

    def _counted(self, part: Period, name: str, parts: tuple[str, ...]) -> list:
        """The rows of `name` for the part month, counted from the reports with the other `parts` not yet counted."""
        if (part, name) not in self._part_months:
            start, end = part.bounds()
            centres = None if self.centre_key is None else {self.centre_key}
            wanted = {each for each in parts if (part, each) not in self._part_months}
            if wanted & SATISFACTION_PARTS:  # counted together
                wanted |= SATISFACTION_PARTS
            counted = count_range(self.session, month_key(part.first), start, end, centres, wanted)
            for each in wanted:
                self._part_months[(part, each)] = getattr(counted, each)
        return self._part_months[(part, name)]


def rows_for_period(
    session,
    period: Period,
    centre_key: int | None = None,
    parts: tuple[str, ...] = ("areas", "codes", "delays"),
    keep: Collection[str] | None = None,
) -> SummaryRows:
    """`SummaryReader.rows` for one read."""
    return SummaryReader(session, centre_key).rows(period, parts, keep)


# Counts the summary can answer: the dimensions it keeps, each with the key it is kept under.
SUMMARY_DIMENSIONS = {
    "areas": {"centre": "centre_key", "month": "month", "area": "area_key"},
    "codes": {"centre": "centre_key", "month": "month", "category": "code", "incident_type": "code"},
}


def count_reports(session, period: Period, by: Sequence[str]) -> list[CountRow] | None:
    """`counting.count_reports` answered from the summary, or None for dimensions it does not keep.

    The same rows, in the same order: codes (`online` for no centre, `unknown` for no area), only
    combinations that have reports, sorted by the dimensions; with no dimensions, one row, the total.
    """
    names = check_dimensions(by)
    coded = [name for name in names if name in ("category", "incident_type")]
    part = "codes" if coded else "areas"
    if len(coded) > 1 or not set(names) <= set(SUMMARY_DIMENSIONS[part]):
        return None
    bring_up_to_date(session)
    fields = [SUMMARY_DIMENSIONS[part][name] for name in names]
    keep = (*fields, "dimension") if coded else tuple(fields)
    rows = getattr(SummaryReader(session).rows(period, (part,), keep), part)
    labels = _code_labels(session)
    totals: dict[tuple[str, ...], int] = defaultdict(int)
    for row in rows:
        if coded and row.dimension != coded[0]:
            continue
        codes = (
            labels.get(name, {}).get(value, value)
            for name, value in zip(names, (getattr(row, f) for f in fields), strict=True)
        )
        totals[tuple(codes)] += row.reports
    if not names:
        return [CountRow((), totals.get((), 0))]
    return [CountRow(codes, count) for codes, count in sorted(totals.items()) if count]


def _code_labels(session) -> dict:
    """Key -> code for the dimensions the summary keeps by key; the others it keeps as codes."""
    return {
        "centre": {NO_CENTRE: ONLINE, **dict(session.execute(select(Centre.id, Centre.code)).all())},
        "area": {NO_AREA: UNKNOWN, **dict(session.execute(select(Area.id, Area.code)).all())},
    }


def queued(session) -> int:
    """How many (UTC month, centre) pairs wait to be recounted."""
    return session.scalar(select(func.count()).select_from(ReviewSummaryQueue))
