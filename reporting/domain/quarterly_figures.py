"""The public quarterly figures: which cells a quarter has, the small-number rule across all its tables
together, which tables a revision changed, and what changed since the previous quarter.

A quarter's figures are four one-way tables (by category, incident type, area and how people reported)
and the quarter's total of reports, all keyed `(dimension, code)`, the total under `("total", "all")`.
Every table shares the one published total, so suppression treats each table as a line whose total is
that cell: hiding the total (or a cell) in one table makes the others hide a second cell where they
would otherwise give it away. A report with several categories counts once in each, so the category
and incident type tables add up to more than the total; treating them as lines of the total anyway
hides more, never less.

Published values are counts, or None where the rule hides the count (shown as `<5`). Everything
after publishing (revisions, what changed) reads only published values, so it can reveal nothing
the rule hid.
"""

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

from .places import UNKNOWN
from .suppression import Line, hidden_cells

DIMENSIONS = ("category", "incident_type", "area", "channel")
TOTAL = "total"
ALL = "all"
TOTAL_KEY = (TOTAL, ALL)
# The dimensions a revision note can name: the four tables, and the total of reports.
TABLES = (*DIMENSIONS, TOTAL)
# Dimensions whose codes come from the vocabulary file, by the vocabulary's name.
VOCABULARY_OF = {"category": "categories", "incident_type": "incident_types"}

Key = tuple[str, str]
Published = Mapping[Key, int | None]


def quarter_lines(keys: Iterable[Key]) -> list[Line]:
    """One line per table: its cells, with the quarter's total as the total every table shares."""
    members: dict[str, list[Key]] = {}
    for key in keys:
        if key != TOTAL_KEY:
            members.setdefault(key[0], []).append(key)
    return [Line(tuple(cells), TOTAL_KEY) for cells in members.values()]


def suppress_quarter(cells: Mapping[Key, int]) -> dict[Key, int | None]:
    """The quarter's cells as published: the count, or None where the small-number rule hides it."""
    hidden: set[Hashable] = hidden_cells(cells, quarter_lines(cells))
    return {key: None if key in hidden else count for key, count in cells.items()}


def changed_tables(before: Published, after: Published) -> tuple[str, ...]:
    """The tables (in `TABLES` order) where any published value differs, a cell added or gone included."""
    changed = {key[0] for key in set(before) | set(after) if before.get(key, -1) != after.get(key, -1)}
    return tuple(table for table in TABLES if table in changed)


def table_of(published: Published, dimension: str) -> dict[str, int | None]:
    """One table of a quarter: code to published value."""
    return {code: value for (table, code), value in published.items() if table == dimension}


# ---------------------------------------------------------------- what changed since the previous quarter


@dataclass(frozen=True)
class TotalChange:
    """The total of reports against the previous quarter's; `direction` None when either is hidden."""

    current: int | None
    previous: int | None

    @property
    def direction(self) -> str | None:
        if self.current is None or self.previous is None:
            return None
        return "up" if self.current > self.previous else "down" if self.current < self.previous else "same"

    @property
    def difference(self) -> int:
        return abs((self.current or 0) - (self.previous or 0))

    @property
    def share(self) -> float | None:
        """The change as a share of the previous total (0.08 for 8%), when there is one to divide by."""
        if self.direction is None or not self.previous:
            return None
        return self.difference / self.previous


@dataclass(frozen=True)
class MostReported:
    """The code with the most reports in a table, and whether it was also the previous quarter's."""

    dimension: str
    code: str
    count: int
    previous_code: str | None

    @property
    def same_as_before(self) -> bool:
        return self.code == self.previous_code


@dataclass(frozen=True)
class LargestRise:
    dimension: str
    code: str
    previous: int
    current: int


@dataclass(frozen=True)
class Changes:
    total: TotalChange
    most_reported: tuple[MostReported, ...]
    rises: tuple[LargestRise, ...]


def most_reported(table: Mapping[str, int | None]) -> tuple[str, int] | None:
    """The one code with more published reports than any other (never `unknown`), or None if there is no one."""
    shown = sorted(
        ((count, code) for code, count in table.items() if count is not None and code != UNKNOWN), reverse=True
    )
    if not shown or shown[0][0] == 0 or (len(shown) > 1 and shown[1][0] == shown[0][0]):
        return None
    return shown[0][1], shown[0][0]


def largest_rise(dimension: str, current: Mapping, previous: Mapping) -> LargestRise | None:
    """The code whose published count rose most, both counts published (never `unknown`); None if none rose."""
    rises = [
        (current[code] - previous[code], code)
        for code in current
        if code != UNKNOWN and current[code] is not None and previous.get(code) is not None
    ]
    rises = sorted((rise for rise in rises if rise[0] > 0), key=lambda rise: (-rise[0], rise[1]))
    if not rises:
        return None
    code = rises[0][1]
    return LargestRise(dimension, code, previous[code], current[code])


def what_changed(current: Published, previous: Published) -> Changes:
    """What changed from the previous published quarter to this one, from published values alone."""
    total = TotalChange(current.get(TOTAL_KEY), previous.get(TOTAL_KEY))
    tops, rises = [], []
    for dimension in DIMENSIONS:
        now, before = table_of(current, dimension), table_of(previous, dimension)
        top = most_reported(now)
        if top is not None:
            earlier = most_reported(before)
            tops.append(MostReported(dimension, top[0], top[1], earlier[0] if earlier else None))
        if dimension != "channel":
            rise = largest_rise(dimension, now, before)
            if rise is not None:
                rises.append(rise)
    return Changes(total, tuple(tops), tuple(rises))
