"""draft_uploads: the files a draft made online took, removed ones included, for its daily allowance

Reports made online take pictures, screenshots and files (stored in `evidence_files` like the assisted report's);
`draft_uploads` counts what each draft took, so that adding and removing files cannot get round its limits
(reporting/selfreport/models.py). Its rows go with their report.

Revision ID: 0021_self_report_evidence
Revises: 0020_recordings
Create Date: 2026-12-06 10:30:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0021_self_report_evidence"
down_revision = "0020_recordings"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "draft_uploads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_draft_uploads_report_id_reports"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_draft_uploads")),
    )
    op.create_index(op.f("ix_draft_uploads_report_id"), "draft_uploads", ["report_id"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_draft_uploads_report_id"), table_name="draft_uploads")
    op.drop_table("draft_uploads")
