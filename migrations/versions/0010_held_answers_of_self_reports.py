"""held answers of reports made online: `held_answers.user_id` may be empty

A report made online has no user. Answers its page posted after the person's session had closed are
kept in `held_answers` like a volunteer's, with no user: they stay with their draft (encrypted) until the
draft is purged, since that browser can no longer open it.

Revision ID: 0010_self_report_held
Revises: 0009_sessions_held
Create Date: 2026-12-06 06:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0010_self_report_held"
down_revision = "0009_sessions_held"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("held_answers") as batch:
        batch.alter_column("user_id", existing_type=sa.Integer(), nullable=True)


def downgrade():
    op.execute("DELETE FROM held_answers WHERE user_id IS NULL")
    with op.batch_alter_table("held_answers") as batch:
        batch.alter_column("user_id", existing_type=sa.Integer(), nullable=False)
