"""report_links: filled in by the capability that needs it (see its docstring once written)

Revision ID: 0019_report_links
Revises: 0018_job_runs
Create Date: 2026-12-06 10:30:00

"""

# revision identifiers, used by Alembic.
revision = "0019_report_links"
down_revision = "0018_job_runs"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
