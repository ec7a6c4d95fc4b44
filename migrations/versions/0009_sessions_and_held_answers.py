"""sessions: answers held when a session ended mid-step; failed sign-ins no longer counted on the account

`held_answers` keeps, encrypted, what a volunteer posted on a step of an assisted report after their
session had ended, for that volunteer and that draft, until they sign in again. Failed sign-ins are now
counted per email and address in the rate limiter's storage, so `users.failed_sign_ins` and
`users.last_failed_sign_in_at` go; they are dropped in place (SQLite 3.35+ and PostgreSQL both can),
without copying `users`, which other tables refer to.

Revision ID: 0009_sessions_held
Revises: 0008_personal_data
Create Date: 2026-12-02 11:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0009_sessions_held"
down_revision = "0008_personal_data"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "held_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(length=60), nullable=False),
        sa.Column("form_data", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_held_answers_report_id_reports"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_held_answers_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_held_answers")),
        sa.UniqueConstraint("user_id", "report_id", "step", name=op.f("uq_held_answers_user_id")),
    )
    op.create_index(op.f("ix_held_answers_report_id"), "held_answers", ["report_id"], unique=False)
    op.create_index(op.f("ix_held_answers_user_id"), "held_answers", ["user_id"], unique=False)
    op.execute("ALTER TABLE users DROP COLUMN failed_sign_ins")
    op.execute("ALTER TABLE users DROP COLUMN last_failed_sign_in_at")


def downgrade():
    op.add_column("users", sa.Column("last_failed_sign_in_at", sa.DateTime(), nullable=True))
    op.add_column("users", sa.Column("failed_sign_ins", sa.Integer(), nullable=False, server_default="0"))
    op.drop_index(op.f("ix_held_answers_user_id"), table_name="held_answers")
    op.drop_index(op.f("ix_held_answers_report_id"), table_name="held_answers")
    op.drop_table("held_answers")
