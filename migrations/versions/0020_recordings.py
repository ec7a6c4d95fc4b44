"""recordings: filled in by the capability that needs it (see its docstring once written)

Revision ID: 0020_recordings
Revises: 0019_report_links
Create Date: 2026-12-06 10:30:00

"""

# revision identifiers, used by Alembic.
revision = "0020_recordings"
down_revision = "0019_report_links"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
