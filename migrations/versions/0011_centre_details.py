"""centre details: where a centre is, how to reach it, its hours, what it offers, and every change kept

- `centres` gains the fields the public list and the centre's page show (postcode, coordinates, phone, email,
  directions, what it offers, access, languages spoken, closed on bank holidays, listed publicly) and two that
  staff alone see (contact person, notes). `kind` becomes a code; the old free text is mapped to the nearest
  code. The old free-text `opening_hours` is kept as `hours_note`, shown beside the structured hours.
- `centre_hours`: the structured opening hours, one row per opening (weekday, opens, closes).
- `centre_changes`: every change to a centre, who, when, old and new.
- `postcode_districts`: coordinates of postcode districts, for ordering centres by distance.

Revision ID: 0011_centre_details
Revises: 0010_self_report_held
Create Date: 2026-12-06 08:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0011_centre_details"
down_revision = "0010_self_report_held"
branch_labels = None
depends_on = None

# The old free text, matched in this order, to the nearest kind code.
KIND_PATTERNS = (
    ("library", ("%librar%",)),
    ("housing_office", ("%housing%",)),
    ("carers_centre", ("%carer%",)),
    ("place_of_worship", ("%mosque%", "%church%", "%temple%", "%gurdwara%", "%synagogue%", "%mandir%")),
    ("council_office", ("%council%",)),
    ("charity", ("%charity%", "%forum%", "%trust%")),
    ("community_venue", ("%community%", "%centre%", "%hub%", "%hall%")),
)
KIND_CODES = tuple(code for code, _ in KIND_PATTERNS) + ("other",)


def _map_kinds():
    cases = " ".join(
        f"WHEN {' OR '.join(f'lower(kind) LIKE {pattern!r}' for pattern in patterns)} THEN '{code}'"
        for code, patterns in KIND_PATTERNS
    )
    op.execute(f"UPDATE centres SET kind = CASE {cases} ELSE 'other' END WHERE kind IS NOT NULL")


# Added one by one with ADD COLUMN (SQLite rebuilding `centres` in a batch would trip the foreign keys that point
# at it). `kind` keeps its length: a code is shorter than the text it replaces.
NEW_COLUMNS = (
    ("postcode", sa.String(10), {}),
    ("latitude", sa.Float(), {}),
    ("longitude", sa.Float(), {}),
    ("phone", sa.String(40), {}),
    ("email", sa.String(320), {}),
    ("directions", sa.Text(), {}),
    ("closed_on_bank_holidays", sa.Boolean(), {"nullable": False, "server_default": sa.true()}),
    ("offers", sa.JSON(), {"nullable": False, "server_default": sa.text("'[]'")}),
    ("access", sa.JSON(), {"nullable": False, "server_default": sa.text("'[]'")}),
    ("languages", sa.JSON(), {"nullable": False, "server_default": sa.text("'[]'")}),
    ("contact_person", sa.String(200), {}),
    ("notes", sa.Text(), {}),
    ("listed_publicly", sa.Boolean(), {"nullable": False, "server_default": sa.true()}),
)


def upgrade():
    _map_kinds()
    op.execute("ALTER TABLE centres RENAME COLUMN opening_hours TO hours_note")
    for name, type_, options in NEW_COLUMNS:
        op.add_column("centres", sa.Column(name, type_, **options))

    op.create_table(
        "centre_hours",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("centre_id", sa.Integer(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("opens", sa.Time(), nullable=False),
        sa.Column("closes", sa.Time(), nullable=False),
        sa.CheckConstraint("weekday BETWEEN 0 AND 6", name=op.f("ck_centre_hours_weekday")),
        sa.CheckConstraint("closes > opens", name=op.f("ck_centre_hours_closes_after_opening")),
        sa.ForeignKeyConstraint(
            ["centre_id"], ["centres.id"], name=op.f("fk_centre_hours_centre_id_centres"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_centre_hours")),
    )
    op.create_index(op.f("ix_centre_hours_centre_id"), "centre_hours", ["centre_id"], unique=False)

    op.create_table(
        "centre_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("centre_id", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(10), nullable=False),
        sa.Column("field", sa.String(40), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["centre_id"], ["centres.id"], name=op.f("fk_centre_changes_centre_id_centres"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["changed_by_id"], ["users.id"], name=op.f("fk_centre_changes_changed_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_centre_changes")),
    )
    op.create_index(op.f("ix_centre_changes_centre_id"), "centre_changes", ["centre_id"], unique=False)

    op.create_table(
        "postcode_districts",
        sa.Column("district", sa.String(4), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=False),
        sa.Column("longitude", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("district", name=op.f("pk_postcode_districts")),
    )


def downgrade():
    op.drop_table("postcode_districts")
    op.drop_index(op.f("ix_centre_changes_centre_id"), table_name="centre_changes")
    op.drop_table("centre_changes")
    op.drop_index(op.f("ix_centre_hours_centre_id"), table_name="centre_hours")
    op.drop_table("centre_hours")
    for name, _, _ in reversed(NEW_COLUMNS):
        op.execute(f"ALTER TABLE centres DROP COLUMN {name}")
    op.execute("ALTER TABLE centres RENAME COLUMN hours_note TO opening_hours")
