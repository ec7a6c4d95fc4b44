"""The table of scheduled job runs (`jobs run`): one row per run of a job, kept as a record for the admin.

A run's detail is what the job printed (counts), or the class of the error that stopped it: never personal
details, which is why an error's message is not kept (a database error's message can quote the values).
"""

from datetime import datetime

from sqlalchemy import CheckConstraint, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..columns import UTCDateTime, utcnow
from ..domain.schedule import OUTCOMES
from ..extensions import db


class JobRun(db.Model):
    """One run of a scheduled job: `running` while it runs (on SQLite the row is also the job's lock), then
    `ok`, `failed` or `skipped` (the job could not apply, such as reminders without mail settings)."""

    __tablename__ = "job_runs"
    __table_args__ = (
        CheckConstraint(f"outcome IN ({', '.join(repr(outcome) for outcome in OUTCOMES)})", name="outcome"),
        Index("ix_job_runs_job_started_at", "job", "started_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    job: Mapped[str] = mapped_column(String(60))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outcome: Mapped[str] = mapped_column(String(10))
    detail: Mapped[str | None] = mapped_column(String(300))
