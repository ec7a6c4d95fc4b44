"""check codes: the keyed hash of each report's "Check my report" code

- `reports.check_code_hash`: HMAC-SHA256 of the report's current follow-up code and its reference (the code
  itself is never stored); a new code replaces it, so the old one stops working.
- `reports.check_code_issued_at`: when the current code was given.
- `reports.assigned_at`: when a self-report was given to a centre (the person's timeline shows it). Reports
  already given to a centre take the time of the audit event that recorded it.

Revision ID: 0013_check_codes
Revises: 0012_published_statistics
Create Date: 2026-12-06 08:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0013_check_codes"
down_revision = "0012_published_statistics"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("reports", sa.Column("check_code_hash", sa.String(64), nullable=True))
    op.add_column("reports", sa.Column("check_code_issued_at", sa.DateTime(), nullable=True))
    op.add_column("reports", sa.Column("assigned_at", sa.DateTime(), nullable=True))
    op.execute(
        "UPDATE reports SET assigned_at = (SELECT max(audit_events.at) FROM audit_events"
        " WHERE audit_events.action = 'self_report_assigned' AND audit_events.object_type = 'report'"
        " AND audit_events.object_id = reports.reference) WHERE assigned_centre_id IS NOT NULL"
    )


def downgrade():
    op.execute("ALTER TABLE reports DROP COLUMN assigned_at")
    op.execute("ALTER TABLE reports DROP COLUMN check_code_issued_at")
    op.execute("ALTER TABLE reports DROP COLUMN check_code_hash")
