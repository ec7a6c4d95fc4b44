"""report version for optimistic locking

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27 08:45:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


# Plain ALTER TABLE rather than a batch copy of the table: SQLite (3.35+) and PostgreSQL both add and drop a
# column in place, and copying `reports` would break the review triggers that refer to it.
def upgrade():
    op.add_column("reports", sa.Column("version", sa.Integer(), server_default="1", nullable=False))


def downgrade():
    op.execute("ALTER TABLE reports DROP COLUMN version")
