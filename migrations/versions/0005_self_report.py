"""self-report: the draft token of a report made online, and the centre a self-report is assigned to

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 12:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


FOREIGN_KEY = "fk_reports_assigned_centre_id_centres"


def upgrade():
    # Columns are added in place, never by copying the table, so the review triggers on `reports` stay.
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE reports ADD COLUMN assigned_centre_id INTEGER "
            f"CONSTRAINT {FOREIGN_KEY} REFERENCES centres (id)"
        )
    else:
        op.add_column("reports", sa.Column("assigned_centre_id", sa.Integer(), nullable=True))
        op.create_foreign_key(FOREIGN_KEY, "reports", "centres", ["assigned_centre_id"], ["id"])
    op.add_column("reports", sa.Column("draft_token_hash", sa.String(length=64), nullable=True))
    op.create_index("ix_reports_assigned_centre_id", "reports", ["assigned_centre_id"], unique=False)
    op.create_index("ix_reports_draft_token_hash", "reports", ["draft_token_hash"], unique=True)


def downgrade():
    op.drop_index("ix_reports_draft_token_hash", table_name="reports")
    op.drop_index("ix_reports_assigned_centre_id", table_name="reports")
    op.drop_column("reports", "draft_token_hash")
    if op.get_bind().dialect.name == "sqlite":
        op.drop_column("reports", "assigned_centre_id")  # SQLite 3.35+ drops a column in place
    else:
        op.drop_constraint(FOREIGN_KEY, "reports", type_="foreignkey")
        op.drop_column("reports", "assigned_centre_id")
