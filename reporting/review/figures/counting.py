"""Counting reports for the review, by the counting rules every review output follows.

- A report belongs to the period by the UK local date it was reported (`reported_at`); the
  first and last days are both included.
- A report with several categories (or incident types) counts once in each of them; counts by
  anything else, and totals, are counted from reports, never by adding category rows.
- Drafts never count.
- `centre` is where the report was made (`online` for self-reports with no centre); `area` is
  where the incident happened (`unknown` when not given). Other missing codes count as `unknown`.

These are plain functions over a SQLAlchemy `Session` or `Connection`; they return codes, never labels.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Select, and_, case, func, literal, select
from sqlalchemy.sql.elements import ColumnElement

from ...domain.periods import Period, month_bounds
from ...domain.places import ONLINE, UNKNOWN
from ...models import Area, Centre, Report, ReportCategory, ReportIncidentType

DIMENSIONS = (
    "centre",
    "area",
    "category",
    "incident_type",
    "month",
    "channel",
    "reporter_role",
    "language",
    "police_consent",
)


class UnknownDimension(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(f"unknown dimension {name!r}: choose from {', '.join(DIMENSIONS)}")
        self.name = name


@dataclass(frozen=True)
class CountRow:
    """One combination of codes (in the order of the dimensions asked for) and its count."""

    codes: tuple[str, ...]
    count: int


def counted_reports(period: Period) -> ColumnElement[bool]:
    """The condition every count starts from: submitted reports reported within the period."""
    start, end = period.bounds()
    return and_(Report.submitted, Report.reported_at >= start, Report.reported_at < end)


def uk_month_of_reported_at(period: Period) -> ColumnElement[str]:
    """`YYYY-MM` of `reported_at` in UK time, for reports within `period`, on any database.

    A CASE over the UTC instants where each UK month of the period ends, worked out with the time
    zone database in Python, so neither SQLite (which has no time zones) nor PostgreSQL needs one.
    """
    months = period.months()
    whens = [(Report.reported_at < month_bounds(key)[1], literal(key)) for key in months[:-1]]
    if not whens:
        return literal(months[-1])
    return case(*whens, else_=literal(months[-1]))


def _coded(column, missing: str = UNKNOWN) -> ColumnElement[str]:
    return func.coalesce(column, missing)


def _dimension(name: str, period: Period) -> tuple[ColumnElement, tuple]:
    """The SQL expression for a dimension and the joins it needs (as (target, on) pairs)."""
    if name == "centre":
        return _coded(Centre.code, ONLINE), ((Centre, Centre.id == Report.centre_id),)
    if name == "area":
        return _coded(Area.code), ((Area, Area.id == Report.area_id),)
    if name == "category":
        return ReportCategory.code, ((ReportCategory, ReportCategory.report_id == Report.id),)
    if name == "incident_type":
        return ReportIncidentType.code, ((ReportIncidentType, ReportIncidentType.report_id == Report.id),)
    if name == "month":
        return uk_month_of_reported_at(period), ()
    if name in ("channel", "reporter_role", "language", "police_consent"):
        return _coded(getattr(Report, name)), ()
    raise UnknownDimension(name)


def check_dimensions(by: Sequence[str]) -> tuple[str, ...]:
    """The dimensions, checked: known names, each once. Raises UnknownDimension or ValueError."""
    names = tuple(name.strip() for name in by)
    for name in names:
        if name not in DIMENSIONS:
            raise UnknownDimension(name)
    if len(set(names)) != len(names):
        raise ValueError("each dimension can be given only once")
    return names


def _centre_filter(centre_code: str | None) -> ColumnElement[bool] | None:
    if centre_code is None:
        return None
    if centre_code == ONLINE:
        return Report.centre_id.is_(None)
    return Report.centre_id == select(Centre.id).where(Centre.code == centre_code).scalar_subquery()


def count_query(period: Period, by: Sequence[str], centre_code: str | None = None) -> Select:
    """The SELECT behind `count_reports`: one row per combination of codes, with its count."""
    names = check_dimensions(by)
    expressions, joined = [], []
    query = select().select_from(Report)
    for name in names:
        expression, joins = _dimension(name, period)
        expressions.append(expression.label(name))
        for target, on in joins:
            if target not in joined:
                outer = target in (Centre, Area)
                query = query.join(target, on, isouter=outer)
                joined.append(target)
    query = query.add_columns(*expressions, func.count().label("count")).where(counted_reports(period))
    condition = _centre_filter(centre_code)
    if condition is not None:
        query = query.where(condition)
    return query.group_by(*expressions) if expressions else query


def count_reports(connection, period: Period, by: Sequence[str], centre_code: str | None = None) -> list[CountRow]:
    """Counts by the dimensions `by` (codes, sorted by the dimensions in the order given).

    Only combinations that have reports are returned. With no dimensions, one row: the total.
    """
    rows = connection.execute(count_query(period, by, centre_code)).all()
    counted = [CountRow(tuple(row[:-1]), row[-1]) for row in rows]
    if not by:
        return counted
    return sorted((row for row in counted if row.count), key=lambda row: row.codes)


def total_reports(connection, period: Period, centre_code: str | None = None) -> int:
    """How many reports were made in the period (each report once)."""
    return count_reports(connection, period, (), centre_code)[0].count
