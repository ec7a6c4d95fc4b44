"""case work: caseworkers and deadlines

(Filled in with the capability that needs it.)

Revision ID: 0015_case_work
Revises: 0014_identifying_evidence
Create Date: 2026-12-06 09:30:00

"""

# revision identifiers, used by Alembic.
revision = "0015_case_work"
down_revision = "0014_identifying_evidence"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
