"""`keys new` and `keys rotate`: make a data encryption key, and re-encrypt everything under the newest key.

Rotation: put the new key first in DATA_ENCRYPTION_KEYS (keeping the old one after it), run
`flask keys rotate`, then remove the old key.
"""

import click
import sqlalchemy as sa
from flask import Flask
from flask.cli import AppGroup

from .. import audit
from ..crypto import EncryptedText, keyring, new_key, rotate_text
from ..extensions import db
from ..links import services as links

keys_cli = AppGroup("keys", help="Manage the keys that encrypt personal details at rest.")
BATCH = 500


def encrypted_columns() -> list[tuple[sa.Table, sa.Column]]:
    return [
        (table, column)
        for table in db.metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, EncryptedText)
    ]


def rotate_column(table: sa.Table, column: sa.Column) -> int:
    """Re-encrypt one column in batches, reading and writing the stored ciphertext as plain text."""
    key = table.primary_key.columns.values()[0]
    raw = sa.type_coerce(column, sa.Text)
    rows = db.session.execute(sa.select(key, raw).where(column.isnot(None))).all()
    for start in range(0, len(rows), BATCH):
        updates = [{"pk": row[0], "value": rotate_text(row[1])} for row in rows[start : start + BATCH]]
        statement = sa.update(table).where(key == sa.bindparam("pk"))
        db.session.execute(statement.values({column.name: sa.bindparam("value", type_=sa.Text)}), updates)
    return len(rows)


def rotate_all() -> int:
    from ..intake.evidence import rotate_all as rotate_evidence_files
    from ..intake.services import evidence_dir
    from ..recordings import services as recordings
    from ..recordings import storage as recording_files

    total = sum(rotate_column(table, column) for table, column in encrypted_columns())
    return total + rotate_evidence_files(evidence_dir()) + recording_files.rotate_all(recordings.folder())


@keys_cli.command("new")
def make_key() -> None:
    """Print a new key to put first in DATA_ENCRYPTION_KEYS."""
    click.echo(new_key())


@keys_cli.command("rotate")
def rotate() -> None:
    """Re-encrypt every encrypted value and evidence file under the first key."""
    if len(keyring.keys) < 2:
        click.echo("Only one key is configured: values are re-encrypted under it (nothing to retire).")
    count = rotate_all()
    fingerprinted, _suggested = links.rebuild()  # the links key is derived from the newest key
    audit.record("keys_rotated", detail=f"values={count} fingerprinted={fingerprinted}")
    db.session.commit()
    click.echo(f"re-encrypted {count} values under the newest key")


def register(app: Flask) -> None:
    app.cli.add_command(keys_cli)
