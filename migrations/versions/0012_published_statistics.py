"""published statistics: the quarterly figures the partnership unit publishes for the public, kept as published

- `statistics_releases`: one row each time a quarter is published (revision 1) or republished (2, 3, …),
  when and by whom, and for a revision which tables changed (their dimensions, comma-separated).
- `statistics_cells`: the cells of a release as published, one per dimension and code; `reports` is NULL
  where the small-number rule hides the count (shown as `<5`). The figures do not move when late reports
  or corrections arrive until the quarter is published again.

Revision ID: 0012_published_statistics
Revises: 0011_centre_details
Create Date: 2026-12-08 09:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0012_published_statistics"
down_revision = "0011_centre_details"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "statistics_releases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.String(length=7), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("published_at", sa.DateTime(), nullable=False),
        sa.Column("published_by_id", sa.Integer(), nullable=True),
        sa.Column("changed_tables", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(
            ["published_by_id"],
            ["users.id"],
            name=op.f("fk_statistics_releases_published_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statistics_releases")),
        sa.UniqueConstraint("quarter", "revision", name=op.f("uq_statistics_releases_quarter")),
    )
    op.create_table(
        "statistics_cells",
        sa.Column("release_id", sa.Integer(), nullable=False),
        sa.Column("dimension", sa.String(length=20), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("reports", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["release_id"],
            ["statistics_releases.id"],
            name=op.f("fk_statistics_cells_release_id_statistics_releases"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("release_id", "dimension", "code", name=op.f("pk_statistics_cells")),
    )


def downgrade():
    op.drop_table("statistics_cells")
    op.drop_table("statistics_releases")
