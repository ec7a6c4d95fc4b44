"""case messages: the conversation with the person

- `case_messages`: messages from the centre to the person and from the person to the centre (replies,
  information and evidence added later, contact details given, police consent changed, erasure asked for or
  cancelled); the words encrypted (`body`), who wrote from the centre, when the centre read what the person
  sent, the evidence file added, and whether an email notice went out.
- `erasure_requests`: erasures the person asked for, taking effect after a cooling-off period unless cancelled.

Revision ID: 0017_case_messages
Revises: 0016_outcomes_corrections
Create Date: 2026-12-06 09:30:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0017_case_messages"
down_revision = "0016_outcomes_corrections"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "case_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("detail", sa.String(length=40), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("read_at", sa.DateTime(), nullable=True),
        sa.Column("read_by_id", sa.Integer(), nullable=True),
        sa.Column("evidence_file_id", sa.Integer(), nullable=True),
        sa.Column("email_notice", sa.String(length=20), nullable=True),
        sa.CheckConstraint("direction IN ('to_person', 'from_person')", name=op.f("ck_case_messages_direction")),
        sa.CheckConstraint(
            "kind IN ('message', 'information', 'evidence', 'contact', 'consent', 'erasure')",
            name=op.f("ck_case_messages_kind"),
        ),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], name=op.f("fk_case_messages_author_id_users")),
        sa.ForeignKeyConstraint(
            ["evidence_file_id"],
            ["evidence_files.id"],
            name=op.f("fk_case_messages_evidence_file_id_evidence_files"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(["read_by_id"], ["users.id"], name=op.f("fk_case_messages_read_by_id_users")),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_case_messages_report_id_reports"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_messages")),
    )
    op.create_index(op.f("ix_case_messages_report_id"), "case_messages", ["report_id"], unique=False)
    op.create_table(
        "erasure_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("asked_at", sa.DateTime(), nullable=False),
        sa.Column("erase_after", sa.DateTime(), nullable=False),
        sa.Column("cancelled_at", sa.DateTime(), nullable=True),
        sa.Column("erased_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_erasure_requests_report_id_reports"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_erasure_requests")),
    )
    op.create_index(op.f("ix_erasure_requests_report_id"), "erasure_requests", ["report_id"], unique=False)
    op.create_index(op.f("ix_erasure_requests_erase_after"), "erasure_requests", ["erase_after"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_erasure_requests_erase_after"), table_name="erasure_requests")
    op.drop_index(op.f("ix_erasure_requests_report_id"), table_name="erasure_requests")
    op.drop_table("erasure_requests")
    op.drop_index(op.f("ix_case_messages_report_id"), table_name="case_messages")
    op.drop_table("case_messages")
