"""The review's CSV bundle: a zip of one CSV per table, every count as it is (for the partnership unit only).

Each CSV starts with the row's code and label, then one column per figure, named by its key;
shares are decimals between 0 and 1, dates are ISO 8601, and an empty cell means no figure.
"""

import csv
import io
import zipfile
from datetime import date

from .services import ReviewData
from .table_builders import build_tables
from .tables import Table


def table_csv(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["code", "label", *(column.key for column in table.columns)])
    for row in table.all_rows():
        writer.writerow([row.code, str(row.label), *(_raw(row.values.get(column.key)) for column in table.columns)])
    return buffer.getvalue()


def _raw(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def csv_bundle(data: ReviewData) -> bytes:
    """The zip's bytes: `<table name>.csv` for every table of the review."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, table in build_tables(data).items():
            archive.writestr(f"{name}.csv", table_csv(table))
    return buffer.getvalue()
