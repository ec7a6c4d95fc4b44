"""outcomes and corrections

(Filled in with the capability that needs it.)

Revision ID: 0016_outcomes_corrections
Revises: 0015_case_work
Create Date: 2026-12-06 09:30:00

"""

# revision identifiers, used by Alembic.
revision = "0016_outcomes_corrections"
down_revision = "0015_case_work"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
