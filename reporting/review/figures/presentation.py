"""How the review's figures are written out: numbers in the reader's language, suppressed or not.

The dashboard (for the partnership unit only) shows every count; the review pack, which is shared
with partners, is built with `Display(suppressed=True)`, so its tables, charts and sentences all
go through the small-number rule in the same way.
"""

from datetime import date
from functools import lru_cache

from flask_babel import format_date, format_decimal, format_percent, get_locale

from ...charts import Value
from ...domain.suppression import SUPPRESSED
from .tables import CHANGE, COUNT, DATE, DAYS, MEAN, NUMBER, SHARE, TEXT, WITHHELD, Column, Row, Table


class Display:
    """Writes out cells of tables; with `suppressed`, hides small counts and what they could reveal."""

    def __init__(self, suppressed: bool) -> None:
        self.suppressed = suppressed
        self._hidden: dict[int, set] = {}
        self.locale = str(get_locale())  # one look-up for the many cells of a page

    def hidden(self, table: Table) -> set:
        if not self.suppressed:
            return set()
        if id(table) not in self._hidden:
            self._hidden[id(table)] = table.hidden()
        return self._hidden[id(table)]

    def is_hidden(self, table: Table, row: Row, column: Column) -> bool:
        hidden = self.hidden(table)
        if column.kind == COUNT:
            return (row.code, column.key) in hidden
        return self.suppressed and table.withheld(row, column, hidden)

    def cell(self, table: Table, row: Row, column: Column) -> str:
        if self.is_hidden(table, row, column):
            return SUPPRESSED if column.kind == COUNT else str(WITHHELD)
        return format_value(row.values.get(column.key), column.kind, self.locale)

    def value(self, table: Table, row: Row, column: Column) -> Value:
        """The cell as a chart draws it: no number when hidden, and the text that stands for it."""
        number = row.values.get(column.key)
        if self.is_hidden(table, row, column) or number is None:
            return Value(None, self.cell(table, row, column))
        return Value(float(number), self.cell(table, row, column))

    def count(self, table: Table, row_code: str, column_key: str) -> str:
        row = next(row for row in table.all_rows() if row.code == row_code)
        column = next(column for column in table.columns if column.key == column_key)
        return self.cell(table, row, column)


def format_value(value, kind: str, locale: str | None = None) -> str:
    """A figure written out in the reader's language (cached: tables repeat the same small numbers)."""
    if isinstance(value, (int, float, date, str)) or value is None:
        return _format_cached(value, kind, locale or str(get_locale()))
    return _format(value, kind)


@lru_cache(maxsize=4096)
def _format_cached(value, kind: str, locale: str) -> str:
    return _format(value, kind)


def _format(value, kind: str) -> str:
    if value is None or value == "":
        return "–" if kind not in (TEXT, DATE) else ""
    if kind == SHARE:
        return format_percent(value, "#,##0%")
    if kind in (DAYS, MEAN):
        return format_decimal(value, "#,##0.#")
    if kind == CHANGE:
        return ("+" if value > 0 else "") + format_decimal(value, "#,##0")
    if kind == DATE:
        return format_date(value, "d MMM y")
    if kind in (COUNT, NUMBER):
        return format_decimal(value, "#,##0")
    return str(value)
