"""The review's tables: one structure for the dashboard, the pack (suppressed) and the CSV bundle (not).

A `Table` has rows (each with a code and a label) and columns (each with a kind). Counts are
suppressed by the small-number rule along the table's lines; rates, means and medians worked
out from a small count are withheld with them, as they could give the count away.
"""

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

from ...domain.suppression import Line, hidden_cells, is_small

COUNT, SHARE, DAYS, MEAN, TEXT, DATE, CHANGE = "count", "share", "days", "mean", "text", "date", "change"
# A number of things that are not reports (such as centres in an area): never suppressed.
NUMBER = "number"
WITHHELD = _l("withheld")


@dataclass(frozen=True)
class Column:
    key: str
    heading: object
    kind: str = COUNT
    # For derived figures: the value in the row (shown or not) that they were worked out from.
    base: str | None = None
    # For a change between two counts: the counts it is the difference of.
    of: tuple[str, ...] = ()
    # For a heading that names a figure of something (`Answers: <question>`): the something, and the figure's
    # name alone, so that a cell holding several figures of it can name it once (the pack's headings).
    subject: object = None
    short: object = None


@dataclass(frozen=True)
class Row:
    code: str
    label: object
    values: dict
    note: object = None


@dataclass
class Table:
    name: str
    caption: object
    row_heading: object
    columns: list[Column]
    rows: list[Row]
    total: Row | None = None
    # A column that holds each row's total of the other count columns (a cross table).
    row_total_column: str | None = None
    notes: list = field(default_factory=list)

    def all_rows(self) -> list[Row]:
        return self.rows + ([self.total] if self.total else [])

    def count_columns(self) -> list[Column]:
        return [column for column in self.columns if column.kind == COUNT]

    def cells(self) -> dict[tuple[str, str], int]:
        return {
            (row.code, column.key): int(row.values.get(column.key) or 0)
            for row in self.all_rows()
            for column in self.count_columns()
        }

    def lines(self) -> list[Line]:
        lines = []
        total_code = self.total.code if self.total else None
        for column in self.count_columns():
            members = tuple((row.code, column.key) for row in self.rows)
            lines.append(Line(members, None if total_code is None else (total_code, column.key)))
        if self.row_total_column:
            members = [column.key for column in self.count_columns() if column.key != self.row_total_column]
            for row in self.all_rows():
                lines.append(Line(tuple((row.code, key) for key in members), (row.code, self.row_total_column)))
        return lines

    def hidden(self) -> set[tuple[str, str]]:
        return hidden_cells(self.cells(), self.lines())

    def withheld(self, row: Row, column: Column, hidden: set) -> bool:
        """True when a derived figure must not be shown beside suppressed counts."""
        if column.kind == CHANGE:
            return any((row.code, key) in hidden for key in column.of)
        if column.base is None:
            return False
        base = row.values.get(column.base) or 0
        return (row.code, column.base) in hidden or is_small(base)

    def is_empty(self) -> bool:
        return not self.rows


def count_of(table: Table, row_code: str, column_key: str) -> int:
    for row in table.all_rows():
        if row.code == row_code:
            return int(row.values.get(column_key) or 0)
    raise KeyError(row_code)
