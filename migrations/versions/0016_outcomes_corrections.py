"""outcomes and corrections

- `report_outcomes`: the outcome codes of a closed case (reporting/cases/outcome_models.py); changes to it queue
  the report's (UTC month, centre) for the review summary, like categories and incident types do.
- `report_status_changes.outcomes`: the outcomes recorded by the change that closed a case, kept after reopening.
- `report_corrections`: corrections of a submitted report's coded answers, with the old and new values, the
  reason (encrypted), who and when.
- The review summary now also counts statuses and outcomes, and the days to acknowledge and to close: every
  month with reports is queued, so the first reader counts them.

Revision ID: 0016_outcomes_corrections
Revises: 0015_case_work
Create Date: 2026-12-06 09:30:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0016_outcomes_corrections"
down_revision = "0015_case_work"
branch_labels = None
depends_on = None

QUEUE = "review_summary_queue"
COUNTED = "status <> 'draft' AND reported_at IS NOT NULL"
TABLE = "report_outcomes"
EVENTS = ("insert", "update", "delete")
TRANSITION = {"insert": "NEW TABLE AS new_rows", "update": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
              "delete": "OLD TABLE AS old_rows"}  # fmt: skip


def _sqlite_trigger(event: str) -> str:
    rows = {"insert": ("NEW",), "update": ("OLD", "NEW"), "delete": ("OLD",)}[event]
    body = "".join(
        f"INSERT OR IGNORE INTO {QUEUE} (month, centre_key) SELECT strftime('%Y-%m', reported_at), "
        f"coalesce(centre_id, 0) FROM reports WHERE id = {row}.report_id AND {COUNTED}; "
        for row in rows
    )
    return f"CREATE TRIGGER review_queue_{TABLE}_{event} AFTER {event.upper()} ON {TABLE} BEGIN {body}END"


def _create_tables() -> None:
    op.create_table(
        TABLE,
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_report_outcomes_report_id_reports"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("report_id", "code", name=op.f("pk_report_outcomes")),
    )
    op.create_index("ix_report_outcomes_code_report", TABLE, ["code", "report_id"], unique=False)
    op.create_table(
        "report_corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("corrected_by_id", sa.Integer(), nullable=True),
        sa.Column("corrected_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_report_corrections_report_id_reports"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["corrected_by_id"], ["users.id"], name=op.f("fk_report_corrections_corrected_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_corrections")),
    )
    op.create_index(op.f("ix_report_corrections_report_id"), "report_corrections", ["report_id"], unique=False)


def _create_triggers() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for event in EVENTS:
        if postgres:  # the function revision 0007 made for the tables that hang off reports
            op.execute(
                f"CREATE TRIGGER review_queue_{TABLE}_{event} AFTER {event.upper()} ON {TABLE} "
                f"REFERENCING {TRANSITION[event]} FOR EACH STATEMENT EXECUTE FUNCTION review_queue_report_codes()"
            )
        else:
            op.execute(_sqlite_trigger(event))


def _queue_every_month() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    month = "to_char(reported_at, 'YYYY-MM')" if postgres else "strftime('%Y-%m', reported_at)"
    verb, conflict = ("INSERT", " ON CONFLICT DO NOTHING") if postgres else ("INSERT OR IGNORE", "")
    op.execute(
        f"{verb} INTO {QUEUE} (month, centre_key) SELECT DISTINCT {month}, coalesce(centre_id, 0) FROM reports "
        f"WHERE {COUNTED}{conflict}"
    )


def upgrade():
    op.add_column("report_status_changes", sa.Column("outcomes", sa.JSON(), nullable=True))
    _create_tables()
    _create_triggers()
    _queue_every_month()


def downgrade():
    postgres = op.get_bind().dialect.name == "postgresql"
    for event in EVENTS:
        op.execute(f"DROP TRIGGER IF EXISTS review_queue_{TABLE}_{event}" + (f" ON {TABLE}" if postgres else ""))
    op.drop_index(op.f("ix_report_corrections_report_id"), table_name="report_corrections")
    op.drop_table("report_corrections")
    op.drop_index("ix_report_outcomes_code_report", table_name=TABLE)
    op.drop_table(TABLE)
    op.execute("ALTER TABLE report_status_changes DROP COLUMN outcomes")
    _queue_every_month()
