"""job_runs: filled in by the capability that needs it (see its docstring once written)

Revision ID: 0018_job_runs
Revises: 0017_case_messages
Create Date: 2026-12-06 10:30:00

"""

# revision identifiers, used by Alembic.
revision = "0018_job_runs"
down_revision = "0017_case_messages"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
