"""personal data: file names, equality answers, review notes and full postcodes encrypted; postcode district

Evidence file names, equality answers, dip-sample notes and centre visit notes are encrypted in place
with the app's keyring, like the contact details. The full postcode is encrypted too and the plain
district (`M33`) moves to `reports.postcode_district`, which the review counts; a report given only a
district keeps no full postcode. Audit events of anonymous actions lose the address they recorded.

Revision ID: 0008_personal_data
Revises: 0007
Create Date: 2026-12-02 09:30:00

"""

import sqlalchemy as sa
from alembic import op

from reporting.crypto import PREFIX, decrypt_text, encrypt_text
from reporting.domain.postcodes import split_postcode

# revision identifiers, used by Alembic.
revision = "0008_personal_data"
down_revision = "0007"
branch_labels = None
depends_on = None

BATCH = 2000
EQUALITY = ("age_band", "sex", "gender_same_as_birth", "sexual_orientation", "ethnicity", "religion", "disability")
# (table, column, plain type before this revision, nullable) of the values encrypted in place.
ENCRYPTED = (
    ("evidence_files", "original_name", sa.String(length=255), False),
    *(("equality_answers", column, sa.String(length=40), True) for column in EQUALITY),
    ("dip_sample_items", "notes", sa.Text(), True),
    ("centre_visits", "notes", sa.Text(), True),
)


def _postgres() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def _rows(table: str, columns: str):
    """Every row's id and `columns`, a page at a time, so a large table is never held in memory."""
    last = 0
    while True:
        page = op.get_bind().execute(
            sa.text(f"SELECT id, {columns} FROM {table} WHERE id > :last ORDER BY id LIMIT {BATCH}"), {"last": last}
        ).all()
        if not page:
            return
        yield from page
        last = page[-1][0]


def _rewrite(table: str, column: str, change) -> None:
    """Set `column` to `change(value)` on every row whose value is not NULL and changes."""
    pending = []
    for row_id, value in _rows(table, column):
        new = change(value) if value is not None else None
        if new != value:
            pending.append({"id": row_id, "value": new})
        if len(pending) >= BATCH:
            _write(table, column, pending)
            pending = []
    _write(table, column, pending)


def _write(table: str, column: str, pending: list[dict]) -> None:
    if pending:
        op.get_bind().execute(sa.text(f"UPDATE {table} SET {column} = :value WHERE id = :id"), pending)


def _encrypted(value: str) -> str:
    return value if value.startswith(PREFIX) else encrypt_text(value)


def _decrypted(value: str) -> str:
    return decrypt_text(value) if value.startswith(PREFIX) else value


def _retype(table: str, column: str, new_type, nullable: bool) -> None:
    """Change a column's declared type; on SQLite through a copy of the table (which has no triggers)."""
    if _postgres():
        op.alter_column(table, column, type_=new_type, existing_nullable=nullable)
        return
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.alter_column(column, type_=new_type, existing_nullable=nullable)


def _retype_report_postcode(new_type, using: str = "postcode") -> None:
    """`reports` has triggers that a copy of the table would lose: SQLite adds, fills, drops and renames."""
    if _postgres():
        op.alter_column("reports", "postcode", type_=new_type, existing_nullable=True, postgresql_using=using)
        return
    op.add_column("reports", sa.Column("postcode_retyped", new_type, nullable=True))
    op.execute("UPDATE reports SET postcode_retyped = postcode WHERE postcode IS NOT NULL")
    op.execute("ALTER TABLE reports DROP COLUMN postcode")
    op.execute("ALTER TABLE reports RENAME COLUMN postcode_retyped TO postcode")


def _split_postcodes() -> None:
    """Plain district beside the full postcode, which is encrypted (or cleared when only a district was kept)."""
    pending = []
    for row_id, postcode in _rows("reports", "postcode"):
        if postcode is None or postcode.startswith(PREFIX):
            continue
        full, district = split_postcode(postcode)
        pending.append({"id": row_id, "full": encrypt_text(full) if full else None, "district": district})
        if len(pending) >= BATCH:
            _write_postcodes(pending)
            pending = []
    _write_postcodes(pending)


def _write_postcodes(pending: list[dict]) -> None:
    if pending:
        op.get_bind().execute(
            sa.text("UPDATE reports SET postcode = :full, postcode_district = :district WHERE id = :id"), pending
        )


def upgrade():
    op.add_column("reports", sa.Column("postcode_district", sa.String(length=8), nullable=True))
    _retype_report_postcode(sa.Text())
    _split_postcodes()
    for table, column, _plain_type, nullable in ENCRYPTED:
        _retype(table, column, sa.Text(), nullable)
        _rewrite(table, column, _encrypted)
    # Anonymous people's addresses are no longer kept; what abuse control needs lives in the rate limiter.
    op.execute("UPDATE audit_events SET ip_address = NULL WHERE user_id IS NULL AND ip_address IS NOT NULL")


def downgrade():
    for table, column, plain_type, nullable in ENCRYPTED:
        _rewrite(table, column, _decrypted)
        _retype(table, column, plain_type, nullable)
    _rewrite("reports", "postcode", _decrypted)
    op.execute("UPDATE reports SET postcode = postcode_district WHERE postcode IS NULL")
    _retype_report_postcode(sa.String(length=10), using="left(postcode, 10)")
    op.execute("ALTER TABLE reports DROP COLUMN postcode_district")  # in place: a copy would lose the triggers
