"""journeys_polish: filled in by the capability that needs it (see its docstring once written)

Revision ID: 0022_journeys_polish
Revises: 0021_self_report_evidence
Create Date: 2026-12-06 10:30:00

"""

# revision identifiers, used by Alembic.
revision = "0022_journeys_polish"
down_revision = "0021_self_report_evidence"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
