"""PostgreSQL COPY of rows given as for a Core insert, in the session's transaction.

COPY streams a table's rows to the server in one statement, which takes them in several times
faster than INSERTs of the same rows. The rows go through the same steps a Core insert would
take: columns left out get their Python-side default, and every value is bound as its column type
binds it, so encrypted columns are encrypted with the app's keyring and times are stored as naive
UTC. Triggers fire as for an INSERT.
"""

from collections.abc import Callable

from sqlalchemy import Column, Table, text

from ..extensions import db

RESERVE_IDS = "SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :count)"


def reserve_ids(table: Table, count: int) -> list[int]:
    """`count` new ids from the table's id sequence, ascending, for rows written with explicit ids."""
    found = db.session.execute(text(RESERVE_IDS), {"table": table.name, "count": count}).scalars()
    return sorted(found)


def copy_rows(table: Table, rows: list[dict]) -> None:
    """COPY `rows` (dicts with the same keys) into `table`, on the session's connection and in its transaction."""
    if not rows:
        return
    connection = db.session.connection()
    given = list(rows[0])
    defaulted = [column for column in table.columns if column.default is not None and column.name not in given]
    columns = [table.c[name] for name in given] + defaulted
    binds = _bind_processors(columns, connection.dialect)
    statement = _copy_statement(table, columns, connection.dialect)
    cursor = connection.connection.driver_connection.cursor()
    with cursor, cursor.copy(statement) as copy:
        for row in rows:
            values = [row[name] for name in given] + [_default(column) for column in defaulted]
            for index, bind in binds:
                values[index] = bind(values[index])
            copy.write_row(values)


def _bind_processors(columns: list[Column], dialect) -> list[tuple[int, Callable]]:
    """(position, processor) for each column whose type changes a value before it is sent."""
    found = [(index, column.type.dialect_impl(dialect).bind_processor(dialect)) for index, column in enumerate(columns)]
    return [(index, bind) for index, bind in found if bind is not None]


def _copy_statement(table: Table, columns: list[Column], dialect) -> str:
    quote = dialect.identifier_preparer
    names = ", ".join(quote.quote(column.name) for column in columns)
    return f"COPY {quote.format_table(table)} ({names}) FROM STDIN"


def _default(column):
    default = column.default
    if default.is_scalar:
        return default.arg
    if default.is_callable:
        return default.arg(None)
    raise ValueError(f"{column.name}: only plain and callable defaults can be copied")
