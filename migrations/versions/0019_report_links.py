"""report links: fingerprints, suggested and confirmed links, people and series

- `report_fingerprints`: keyed hashes (HMAC-SHA256 under a key derived from the data encryption key) of a report's
  phone, email, name with postcode, address, and surname with address, found through an index on (kind, digest).
  Reports already in the database get theirs from `flask --app reporting links rebuild`.
- `report_links`: pairs of reports that are suggested, confirmed or rejected as the same person, with reasons.
- `people`, `report_people`: the groups confirmed links make. `series`, `series_reports`: staff-chosen groups.
- `report_earlier_references`: "Have you reported something like this before?": the reference given, and whether
  the earlier report's "Check my report" code proved it.

Revision ID: 0019_report_links
Revises: 0018_job_runs
Create Date: 2026-12-06 10:30:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0019_report_links"
down_revision = "0018_job_runs"
branch_labels = None
depends_on = None


def _report_id(table: str) -> tuple[sa.Column, sa.ForeignKeyConstraint]:
    return sa.Column("report_id", sa.Integer(), nullable=False), sa.ForeignKeyConstraint(
        ["report_id"], ["reports.id"], name=op.f(f"fk_{table}_report_id_reports"), ondelete="CASCADE"
    )


def upgrade():
    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
    )
    op.create_table(
        "series",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("centre_id", sa.Integer(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["centre_id"], ["centres.id"], name=op.f("fk_series_centre_id_centres")),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], name=op.f("fk_series_created_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_series")),
    )
    op.create_index(op.f("ix_series_centre_id"), "series", ["centre_id"], unique=False)
    op.create_table(
        "report_earlier_references",
        *_report_id("report_earlier_references"),
        sa.Column("reported_before", sa.Boolean(), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=True),
        sa.Column("proven", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("report_id", name=op.f("pk_report_earlier_references")),
    )
    op.create_table(
        "report_fingerprints",
        *_report_id("report_fingerprints"),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("report_id", "kind", "digest", name=op.f("pk_report_fingerprints")),
    )
    op.create_index("ix_report_fingerprints_kind_digest", "report_fingerprints", ["kind", "digest"], unique=False)
    _create_links()
    op.create_table(
        "report_people",
        *_report_id("report_people"),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_report_people_person_id_people"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("report_id", name=op.f("pk_report_people")),
    )
    op.create_index(op.f("ix_report_people_person_id"), "report_people", ["person_id"], unique=False)
    op.create_table(
        "series_reports",
        sa.Column("series_id", sa.Integer(), nullable=False),
        *_report_id("series_reports"),
        sa.ForeignKeyConstraint(
            ["series_id"], ["series.id"], name=op.f("fk_series_reports_series_id_series"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("series_id", "report_id", name=op.f("pk_series_reports")),
    )
    op.create_index(op.f("ix_series_reports_report_id"), "series_reports", ["report_id"], unique=False)


def _create_links():
    op.create_table(
        "report_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_a_id", sa.Integer(), nullable=False),
        sa.Column("report_b_id", sa.Integer(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("suggested_at", sa.DateTime(), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["decided_by_id"], ["users.id"], name=op.f("fk_report_links_decided_by_id_users")),
        sa.ForeignKeyConstraint(
            ["report_a_id"], ["reports.id"], name=op.f("fk_report_links_report_a_id_reports"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["report_b_id"], ["reports.id"], name=op.f("fk_report_links_report_b_id_reports"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_links")),
        sa.UniqueConstraint("report_a_id", "report_b_id", name=op.f("uq_report_links_report_a_id")),
    )
    op.create_index(op.f("ix_report_links_report_b_id"), "report_links", ["report_b_id"], unique=False)
    op.create_index(op.f("ix_report_links_status"), "report_links", ["status"], unique=False)


def downgrade():
    for table in ("series_reports", "report_people", "report_links", "report_fingerprints"):
        op.drop_table(table)
    op.drop_table("report_earlier_references")
    op.drop_table("series")
    op.drop_table("people")
