"""case messages: the conversation with the person

(Filled in with the capability that needs it.)

Revision ID: 0017_case_messages
Revises: 0016_outcomes_corrections
Create Date: 2026-12-06 09:30:00

"""

# revision identifiers, used by Alembic.
revision = "0017_case_messages"
down_revision = "0016_outcomes_corrections"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
