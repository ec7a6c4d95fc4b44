"""satisfaction in the review summary; survey answers queue their month; PostgreSQL triggers look reports up by id

Two summary tables hold the satisfaction answers and the responding reports per UK month, centre
and survey kind, so the dashboard, the pack and the results page no longer read every answer.
Triggers on survey_responses queue the (UTC month, centre) of the report answered, like those on
categories and incident types. On PostgreSQL the function those child tables share looked reports
up by joining the transition table, which the planner answered by scanning `reports` on every
statement; it now looks them up by id. Existing reports are queued so the first reader counts
their answers.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27 10:45:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

QUEUE = "review_summary_queue"
COUNTED = "status <> 'draft' AND reported_at IS NOT NULL"
EVENTS = ("insert", "update", "delete")
TABLE = "survey_responses"
TRANSITION = {"insert": "NEW TABLE AS new_rows", "update": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
              "delete": "OLD TABLE AS old_rows"}  # fmt: skip


# How the shared function finds the reports of the changed rows (`{rows}`); both end where the
# condition on the report follows. By id, so that PostgreSQL fetches each report through its primary key.
BY_ID = "reports r WHERE r.id = ANY (ARRAY(SELECT DISTINCT report_id FROM {rows})) AND"
# As revision 0004 made it.
JOINED = "{rows} n JOIN reports r ON r.id = n.report_id WHERE"


def _postgres_function(lookup: str) -> str:
    """The trigger function shared by the tables that hang off reports, finding reports by `lookup`."""

    def queue_from(rows: str) -> str:
        return (
            f"INSERT INTO {QUEUE} (month, centre_key) SELECT DISTINCT to_char(r.reported_at, 'YYYY-MM'), "
            f"coalesce(r.centre_id, 0) FROM {lookup.format(rows=rows)} r.status <> 'draft' "
            "AND r.reported_at IS NOT NULL ORDER BY 1, 2 ON CONFLICT DO NOTHING;"
        )

    return (
        "CREATE OR REPLACE FUNCTION review_queue_report_codes() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"IF TG_OP <> 'DELETE' THEN {queue_from('new_rows')} END IF; "
        f"IF TG_OP <> 'INSERT' THEN {queue_from('old_rows')} END IF; "
        "RETURN NULL; END $$"
    )


def _sqlite_trigger(event: str) -> str:
    rows = {"insert": ("NEW",), "update": ("OLD", "NEW"), "delete": ("OLD",)}[event]
    body = "".join(
        f"INSERT OR IGNORE INTO {QUEUE} (month, centre_key) SELECT strftime('%Y-%m', reported_at), "
        f"coalesce(centre_id, 0) FROM reports WHERE id = {row}.report_id AND {COUNTED}; "
        for row in rows
    )
    return f"CREATE TRIGGER review_queue_{TABLE}_{event} AFTER {event.upper()} ON {TABLE} BEGIN {body}END"


def _create_summary_tables() -> None:
    op.create_table(
        "review_month_centre_answer",
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("centre_key", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("question", sa.String(length=40), nullable=False),
        sa.Column("answer", sa.String(length=20), nullable=False),
        sa.Column("answers", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "month", "centre_key", "kind", "question", "answer", name=op.f("pk_review_month_centre_answer")
        ),
    )
    op.create_table(
        "review_month_centre_responding",
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("centre_key", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("reports", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("month", "centre_key", "kind", name=op.f("pk_review_month_centre_responding")),
    )


def _queue_every_month() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    month = "to_char(reported_at, 'YYYY-MM')" if postgres else "strftime('%Y-%m', reported_at)"
    verb, conflict = ("INSERT", " ON CONFLICT DO NOTHING") if postgres else ("INSERT OR IGNORE", "")
    op.execute(
        f"{verb} INTO {QUEUE} (month, centre_key) SELECT DISTINCT {month}, coalesce(centre_id, 0) FROM reports "
        f"WHERE {COUNTED}{conflict}"
    )


def upgrade():
    _create_summary_tables()
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_postgres_function(BY_ID))
        for event in EVENTS:
            op.execute(
                f"CREATE TRIGGER review_queue_{TABLE}_{event} AFTER {event.upper()} ON {TABLE} "
                f"REFERENCING {TRANSITION[event]} FOR EACH STATEMENT EXECUTE FUNCTION review_queue_report_codes()"
            )
    else:
        for event in EVENTS:
            op.execute(_sqlite_trigger(event))
    _queue_every_month()


def downgrade():
    postgres = op.get_bind().dialect.name == "postgresql"
    for event in EVENTS:
        op.execute(f"DROP TRIGGER IF EXISTS review_queue_{TABLE}_{event}" + (f" ON {TABLE}" if postgres else ""))
    if postgres:
        op.execute(_postgres_function(JOINED))
    op.drop_table("review_month_centre_responding")
    op.drop_table("review_month_centre_answer")
