"""self_report_evidence: filled in by the capability that needs it (see its docstring once written)

Revision ID: 0021_self_report_evidence
Revises: 0020_recordings
Create Date: 2026-12-06 10:30:00

"""

# revision identifiers, used by Alembic.
revision = "0021_self_report_evidence"
down_revision = "0020_recordings"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
