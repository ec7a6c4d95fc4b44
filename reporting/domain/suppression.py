"""The small-number rule for figures that leave the partnership unit.

Counts from 1 to 4 are shown as `<5` (primary suppression). A hidden count could still be worked
out by subtraction when it is the only hidden figure in a line of figures whose total is known,
so in every such line one more figure is hidden: the smallest visible non-zero one, or failing
that the printed total, or failing that a zero (secondary suppression). Hiding one figure can
leave another line with a single hidden figure, so the rule is applied until nothing changes.

A *line* is a group of cells that add up to a total the reader knows: a column with its total
row, a row of months, or every row of a one-way table (the total of reports is published too).
Zero is shown as it is: "no reports" is a finding, and zero cannot identify anyone.
"""

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

SUPPRESSED = "<5"
THRESHOLD = 5


def is_small(count: int) -> bool:
    """True for the counts the rule hides on their own: 1 to 4."""
    return 0 < count < THRESHOLD


@dataclass(frozen=True)
class Line:
    """Cells that add up to a known total; `total` is the key of the printed total cell, if any."""

    members: tuple[Hashable, ...]
    total: Hashable | None = None

    def terms(self) -> tuple[Hashable, ...]:
        return self.members if self.total is None else (*self.members, self.total)


def hidden_cells(cells: Mapping[Hashable, int], lines: Iterable[Line]) -> set[Hashable]:
    """The keys of the cells to hide: primary suppression, then secondary until no line gives one away."""
    lines = [line for line in lines if line.terms()]
    hidden = {key for key, count in cells.items() if is_small(count)}
    changed = True
    while changed:
        changed = False
        for line in lines:
            extra = _second_cell(cells, line, hidden)
            if extra is not None:
                hidden.add(extra)
                changed = True
    return hidden


def _second_cell(cells: Mapping[Hashable, int], line: Line, hidden: set) -> Hashable | None:
    """The cell to hide so that the one hidden cell of `line` cannot be worked out, or None."""
    terms = [key for key in line.terms() if key in cells]
    if sum(1 for key in terms if key in hidden) != 1:
        return None
    visible = [key for key in line.members if key in cells and key not in hidden]
    non_zero = [key for key in visible if cells[key] > 0]
    if non_zero:
        return min(non_zero, key=lambda key: (cells[key], visible.index(key)))
    if line.total is not None and line.total in cells and line.total not in hidden:
        return line.total
    return visible[0] if visible else None


def shown(count: int, hidden: bool) -> str:
    """A count as printed: `<5` when hidden, else the number."""
    return SUPPRESSED if hidden else str(count)


def suppress(cells: Mapping[Hashable, int], lines: Iterable[Line]) -> dict[Hashable, str]:
    """Every cell as printed after primary and secondary suppression."""
    hidden = hidden_cells(cells, lines)
    return {key: shown(count, key in hidden) for key, count in cells.items()}


def lines_of_cross_table(keys: Iterable[Sequence[Hashable]]) -> list[Line]:
    """The lines of a table whose cells are keyed by tuples of codes, one per dimension.

    For each dimension, the cells that agree on every other dimension form a line (a row or a
    column of the cross table, whose total can be published). A one-dimension table is one line.
    """
    keys = [tuple(key) for key in keys]
    if not keys:
        return []
    lines: dict[tuple, list] = {}
    for dimension in range(len(keys[0])):
        for key in keys:
            rest = (dimension, key[:dimension] + key[dimension + 1 :])
            lines.setdefault(rest, []).append(key)
    return [Line(tuple(members)) for members in lines.values()]
