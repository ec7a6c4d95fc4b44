"""identifying evidence: a file can be marked as showing who the person is

- `evidence_files.identifying`: set by staff for a photo of the person's face, a letter with their name and the
  like. An anonymous police referral never carries or lists a file so marked.

Revision ID: 0014_identifying_evidence
Revises: 0013_check_codes
Create Date: 2026-12-06 09:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0014_identifying_evidence"
down_revision = "0013_check_codes"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column(
        "evidence_files", sa.Column("identifying", sa.Boolean(), nullable=False, server_default=sa.false())
    )


def downgrade():
    op.execute("ALTER TABLE evidence_files DROP COLUMN identifying")
