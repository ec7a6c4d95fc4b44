"""recordings: accounts told in British Sign Language or by voice, as video or sound

- `recordings`: one a report (at most); the stored file's random name (sealed in chunks), its status (pending,
  ready, refused), kind, named format, length, size, where it came from, whether it identifies the person
  (always, for now) and the summary staff wrote of it (encrypted), with who wrote it and when.

Revision ID: 0020_recordings
Revises: 0019_report_links
Create Date: 2026-12-06 10:30:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0020_recordings"
down_revision = "0019_report_links"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "recordings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("stored_name", sa.String(length=64), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=True),
        sa.Column("media_format", sa.String(length=20), nullable=True),
        sa.Column("duration_seconds", sa.Float(), nullable=True),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("refusal", sa.String(length=20), nullable=True),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("processed_at", sa.DateTime(), nullable=True),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.Column("identifying", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("staff_summary", sa.Text(), nullable=True),
        sa.Column("summary_by_id", sa.Integer(), nullable=True),
        sa.Column("summary_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("status IN ('pending', 'ready', 'refused')", name=op.f("ck_recordings_status")),
        sa.CheckConstraint("kind IS NULL OR kind IN ('video', 'audio')", name=op.f("ck_recordings_kind")),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_recordings_report_id_reports"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["summary_by_id"], ["users.id"], name=op.f("fk_recordings_summary_by_id_users")),
        sa.ForeignKeyConstraint(["uploaded_by_id"], ["users.id"], name=op.f("fk_recordings_uploaded_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recordings")),
        sa.UniqueConstraint("stored_name", name=op.f("uq_recordings_stored_name")),
    )
    op.create_index(op.f("ix_recordings_report_id"), "recordings", ["report_id"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_recordings_report_id"), table_name="recordings")
    op.drop_table("recordings")
