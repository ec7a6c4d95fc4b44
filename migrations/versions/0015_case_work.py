"""case work: caseworkers and deadlines

- `reports.assigned_to_id`: the caseworker (a user of the case's centre).
- `reports.acknowledged_at`: when the case was acknowledged.
- `reports.acknowledge_by`, `reports.review_by`: working-day deadlines counted from receipt (England and Wales
  bank holidays excluded). Filled here for every submitted report (2 and 10 working days after the UK date it was
  received), in batches, by the same rule the app uses; then indexed with the status and the acknowledgement
  after the case's centre (made there, or given to it), so that a centre's overdue cases are found and counted
  from an index.
- `case_reminders`: one row per user per UK day a digest of overdue cases was sent (`cases remind`), so that
  running it twice in a day sends one email.

Revision ID: 0015_case_work
Revises: 0014_identifying_evidence
Create Date: 2026-12-06 09:30:00

"""

from datetime import UTC

import sqlalchemy as sa
from alembic import op

from reporting.domain.working_days import deadlines

# revision identifiers, used by Alembic.
revision = "0015_case_work"
down_revision = "0014_identifying_evidence"
branch_labels = None
depends_on = None


CASE_DEADLINES = ["status", "review_by", "acknowledge_by", "acknowledged_at"]


def upgrade():
    if op.get_bind().dialect.name == "sqlite":  # the reference is given with the column: SQLite alters no constraint
        op.execute("ALTER TABLE reports ADD COLUMN assigned_to_id INTEGER REFERENCES users (id)")
    else:
        op.add_column("reports", sa.Column("assigned_to_id", sa.Integer(), nullable=True))
        op.create_foreign_key(op.f("fk_reports_assigned_to_id_users"), "reports", "users", ["assigned_to_id"], ["id"])
    op.add_column("reports", sa.Column("acknowledged_at", sa.DateTime(), nullable=True))
    op.add_column("reports", sa.Column("acknowledge_by", sa.Date(), nullable=True))
    op.add_column("reports", sa.Column("review_by", sa.Date(), nullable=True))
    op.create_index(op.f("ix_reports_assigned_to_id"), "reports", ["assigned_to_id"], unique=False)
    _fill_deadlines()
    for name, centre in (("centre", "centre_id"), ("assigned_centre", "assigned_centre_id")):
        op.create_index(f"ix_reports_{name}_case_deadlines", "reports", [centre, *CASE_DEADLINES], unique=False)
    op.create_table(
        "case_reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=False),
        sa.Column("cases", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_case_reminders_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_reminders")),
        sa.UniqueConstraint("user_id", "sent_on", name=op.f("uq_case_reminders_user_id")),
    )


BATCH = 5000
REPORTS = sa.table(
    "reports",
    sa.column("id", sa.Integer()),
    sa.column("status", sa.String()),
    sa.column("received_at", sa.DateTime()),
    sa.column("reported_at", sa.DateTime()),
    sa.column("acknowledge_by", sa.Date()),
    sa.column("review_by", sa.Date()),
)


def _fill_deadlines():
    """Deadlines for the reports already submitted, from the UK date each was received (stored as naive UTC)."""
    connection = op.get_bind()
    received = sa.func.coalesce(REPORTS.c.received_at, REPORTS.c.reported_at)
    pending = (
        sa.select(REPORTS.c.id, received)
        .where(REPORTS.c.status != "draft", REPORTS.c.acknowledge_by.is_(None), received.is_not(None))
        .order_by(REPORTS.c.id)
    )
    update = (
        sa.update(REPORTS)
        .where(REPORTS.c.id == sa.bindparam("report_id"))
        .values(acknowledge_by=sa.bindparam("acknowledge"), review_by=sa.bindparam("review"))
    )
    last_id = 0
    while rows := connection.execute(pending.where(REPORTS.c.id > last_id).limit(BATCH)).all():
        values = []
        for report_id, received_at in rows:
            acknowledge, review = deadlines(received_at.replace(tzinfo=UTC))
            values.append({"report_id": report_id, "acknowledge": acknowledge, "review": review})
        connection.execute(update, values)
        last_id = rows[-1][0]


def downgrade():
    op.drop_table("case_reminders")
    op.drop_index("ix_reports_assigned_centre_case_deadlines", table_name="reports")
    op.drop_index("ix_reports_centre_case_deadlines", table_name="reports")
    op.drop_index(op.f("ix_reports_assigned_to_id"), table_name="reports")
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(op.f("fk_reports_assigned_to_id_users"), "reports", type_="foreignkey")
    for name in ("review_by", "acknowledge_by", "acknowledged_at", "assigned_to_id"):
        op.execute(f"ALTER TABLE reports DROP COLUMN {name}")
