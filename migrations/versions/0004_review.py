"""review: the monthly review summary kept current by triggers, dip samples and centre visits

The summary tables hold exact counts per UK month and centre; triggers on reports and their
categories and incident types queue the (UTC month, centre) of every change, whatever wrote it,
and the app recounts what is queued before reading (reporting/review/summary.py). Existing
reports are queued here, so the first reader builds the summary.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 07:52:25.043291

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

QUEUE = "review_summary_queue"
COUNTED = "status <> 'draft' AND reported_at IS NOT NULL"
CHILD_TABLES = ("report_categories", "report_incident_types")
EVENTS = ("insert", "update", "delete")


def _sqlite_key(prefix: str) -> str:
    return f"strftime('%Y-%m', {prefix}reported_at), coalesce({prefix}centre_id, 0)"


def _sqlite_report_trigger(event: str) -> str:
    rows = {"insert": ("NEW",), "update": ("OLD", "NEW"), "delete": ("OLD",)}[event]
    when = " OR ".join(f"({row}.status <> 'draft' AND {row}.reported_at IS NOT NULL)" for row in rows)
    body = "".join(
        f"INSERT OR IGNORE INTO {QUEUE} (month, centre_key) SELECT {_sqlite_key(row + '.')} "
        f"WHERE {row}.status <> 'draft' AND {row}.reported_at IS NOT NULL; "
        for row in rows
    )
    return f"CREATE TRIGGER review_queue_reports_{event} AFTER {event.upper()} ON reports WHEN {when} BEGIN {body}END"


def _sqlite_child_trigger(table: str, event: str) -> str:
    rows = {"insert": ("NEW",), "update": ("OLD", "NEW"), "delete": ("OLD",)}[event]
    body = "".join(
        f"INSERT OR IGNORE INTO {QUEUE} (month, centre_key) SELECT {_sqlite_key('')} FROM reports "
        f"WHERE id = {row}.report_id AND {COUNTED}; "
        for row in rows
    )
    return f"CREATE TRIGGER review_queue_{table}_{event} AFTER {event.upper()} ON {table} BEGIN {body}END"


def _postgres_functions() -> list[str]:
    def queue_from(source: str) -> str:
        return (
            f"INSERT INTO {QUEUE} (month, centre_key) SELECT DISTINCT to_char(r.reported_at, 'YYYY-MM'), "
            f"coalesce(r.centre_id, 0) FROM {source} WHERE r.status <> 'draft' AND r.reported_at IS NOT NULL "
            "ORDER BY 1, 2 ON CONFLICT DO NOTHING;"
        )

    def function(name: str, new_source: str, old_source: str) -> str:
        return (
            f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"IF TG_OP <> 'DELETE' THEN {queue_from(new_source)} END IF; "
            f"IF TG_OP <> 'INSERT' THEN {queue_from(old_source)} END IF; "
            "RETURN NULL; END $$"
        )

    return [
        function("review_queue_reports", "new_rows r", "old_rows r"),
        function(
            "review_queue_report_codes",
            "new_rows n JOIN reports r ON r.id = n.report_id",
            "old_rows o JOIN reports r ON r.id = o.report_id",
        ),
    ]


def _postgres_trigger(table: str, event: str, function: str) -> str:
    tables = {"insert": "NEW TABLE AS new_rows", "update": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
              "delete": "OLD TABLE AS old_rows"}[event]  # fmt: skip
    return (
        f"CREATE TRIGGER review_queue_{table}_{event} AFTER {event.upper()} ON {table} "
        f"REFERENCING {tables} FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
    )


def _create_triggers() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for statement in _postgres_functions():
            op.execute(statement)
        for event in EVENTS:
            op.execute(_postgres_trigger("reports", event, "review_queue_reports"))
            for table in CHILD_TABLES:
                op.execute(_postgres_trigger(table, event, "review_queue_report_codes"))
        op.execute(
            f"INSERT INTO {QUEUE} (month, centre_key) SELECT DISTINCT to_char(reported_at, 'YYYY-MM'), "
            f"coalesce(centre_id, 0) FROM reports WHERE {COUNTED}"
        )
        return
    for event in EVENTS:
        op.execute(_sqlite_report_trigger(event))
        for table in CHILD_TABLES:
            op.execute(_sqlite_child_trigger(table, event))
    op.execute(f"INSERT OR IGNORE INTO {QUEUE} (month, centre_key) SELECT DISTINCT {_sqlite_key('')} FROM reports "
               f"WHERE {COUNTED}")  # fmt: skip


def _drop_triggers() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for event in EVENTS:
        for table in ("reports", *CHILD_TABLES):
            op.execute(f"DROP TRIGGER IF EXISTS review_queue_{table}_{event}" + (f" ON {table}" if postgres else ""))
    if postgres:
        op.execute("DROP FUNCTION IF EXISTS review_queue_reports()")
        op.execute("DROP FUNCTION IF EXISTS review_queue_report_codes()")


def _create_summary_tables() -> None:
    op.create_table(
        "review_month_centre_area",
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("centre_key", sa.Integer(), nullable=False),
        sa.Column("area_key", sa.Integer(), nullable=False),
        sa.Column("reports", sa.Integer(), nullable=False),
        sa.Column("expected_filled", sa.Integer(), nullable=False),
        sa.Column("consent_recorded", sa.Integer(), nullable=False),
        sa.Column("referred", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("month", "centre_key", "area_key", name=op.f("pk_review_month_centre_area")),
    )
    op.create_table(
        "review_month_centre_code",
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("centre_key", sa.Integer(), nullable=False),
        sa.Column("dimension", sa.String(length=20), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("reports", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("month", "centre_key", "dimension", "code", name=op.f("pk_review_month_centre_code")),
    )
    op.create_table(
        "review_month_centre_delay",
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("centre_key", sa.Integer(), nullable=False),
        sa.Column("measure", sa.String(length=20), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("reports", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("month", "centre_key", "measure", "days", name=op.f("pk_review_month_centre_delay")),
    )
    op.create_table(
        QUEUE,
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("centre_key", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("month", "centre_key", name=op.f("pk_review_summary_queue")),
    )


def _create_centre_visits() -> None:
    op.create_table(
        "centre_visits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("centre_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("visited_on", sa.Date(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["centre_id"], ["centres.id"], name=op.f("fk_centre_visits_centre_id_centres")),
        sa.ForeignKeyConstraint(["recorded_by_id"], ["users.id"], name=op.f("fk_centre_visits_recorded_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_centre_visits")),
    )
    with op.batch_alter_table("centre_visits", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_centre_visits_centre_id"), ["centre_id"], unique=False)


def _create_dip_samples() -> None:
    op.create_table(
        "dip_samples",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("seed", sa.String(length=64), nullable=False),
        sa.Column("population", sa.Integer(), nullable=False),
        sa.Column("drawn_at", sa.DateTime(), nullable=False),
        sa.Column("drawn_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["drawn_by_id"], ["users.id"], name=op.f("fk_dip_samples_drawn_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dip_samples")),
        sa.UniqueConstraint("month", name=op.f("uq_dip_samples_month")),
    )
    op.create_table(
        "dip_sample_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sample_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=True),
        sa.Column("centre_key", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(), nullable=True),
        sa.Column("reviewed_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_dip_sample_items_report_id_reports"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["reviewed_by_id"], ["users.id"], name=op.f("fk_dip_sample_items_reviewed_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["sample_id"],
            ["dip_samples.id"],
            name=op.f("fk_dip_sample_items_sample_id_dip_samples"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dip_sample_items")),
        sa.UniqueConstraint("sample_id", "position", name="uq_dip_sample_items_sample_position"),
    )
    with op.batch_alter_table("dip_sample_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dip_sample_items_report_id"), ["report_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_dip_sample_items_sample_id"), ["sample_id"], unique=False)
    op.create_table(
        "dip_findings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("checklist_item", sa.String(length=40), nullable=False),
        sa.Column("result", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["dip_sample_items.id"],
            name=op.f("fk_dip_findings_item_id_dip_sample_items"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dip_findings")),
        sa.UniqueConstraint("item_id", "checklist_item", name="uq_dip_findings_item_checklist_item"),
    )
    with op.batch_alter_table("dip_findings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dip_findings_item_id"), ["item_id"], unique=False)


def upgrade():
    _create_summary_tables()
    _create_centre_visits()
    _create_dip_samples()
    _create_triggers()


def downgrade():
    _drop_triggers()
    for table, indexes in (
        ("dip_findings", ("ix_dip_findings_item_id",)),
        ("dip_sample_items", ("ix_dip_sample_items_sample_id", "ix_dip_sample_items_report_id")),
        ("dip_samples", ()),
        ("centre_visits", ("ix_centre_visits_centre_id",)),
    ):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for index in indexes:
                batch_op.drop_index(index)
        op.drop_table(table)
    for table in (QUEUE, "review_month_centre_delay", "review_month_centre_code", "review_month_centre_area"):
        op.drop_table(table)
