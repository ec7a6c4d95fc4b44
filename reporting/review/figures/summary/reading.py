"""Reading the review summary: whole months from its tables, the days of part months counted from the reports."""

from collections import defaultdict
from collections.abc import Collection, Sequence

from sqlalchemy import func, null, select

from ....domain.periods import Period, month_key
from ....domain.places import NO_AREA, NO_CENTRE, ONLINE, UNKNOWN
from ....models import Area, Centre
from ..counting import CountRow, check_dimensions
from .keeping import bring_up_to_date, count_range
from .rows import COUNT_FIELDS, ROW_TYPES, SATISFACTION_PARTS, TABLE_OF, SummaryRows


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
