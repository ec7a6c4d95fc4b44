"""case work: caseworkers and deadlines

- `reports.assigned_to_id`: the caseworker (a user of the case's centre).
- `reports.acknowledged_at`: when the case was acknowledged.
- `reports.acknowledge_by`, `reports.review_by`: working-day deadlines counted from receipt (England and Wales
  bank holidays excluded); indexed for the overdue lists.

Revision ID: 0015_case_work
Revises: 0014_identifying_evidence
Create Date: 2026-12-06 09:30:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0015_case_work"
down_revision = "0014_identifying_evidence"
branch_labels = None
depends_on = None


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
    op.create_index(op.f("ix_reports_acknowledge_by"), "reports", ["acknowledge_by"], unique=False)
    op.create_index(op.f("ix_reports_review_by"), "reports", ["review_by"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_reports_review_by"), table_name="reports")
    op.drop_index(op.f("ix_reports_acknowledge_by"), table_name="reports")
    op.drop_index(op.f("ix_reports_assigned_to_id"), table_name="reports")
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(op.f("fk_reports_assigned_to_id_users"), "reports", type_="foreignkey")
    for name in ("review_by", "acknowledge_by", "acknowledged_at", "assigned_to_id"):
        op.execute(f"ALTER TABLE reports DROP COLUMN {name}")
