"""`jobs run`: every registered job that is due runs once, recorded in `job_runs`; and each job's status.

Each job is claimed (`locks.claimed`), run in the app's session, and its run finished on a connection of its
own, so a job that broke the session still gets its outcome recorded. A job's error is recorded by its class
only: messages of database and mail errors can quote personal details. The whole error is for the operator to
see by running the job's own command.
"""

import logging
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.exc import SQLAlchemyError

from ..columns import utcnow
from ..domain.schedule import DONE, FAILED, OK, SKIPPED, is_due, next_due_on, short_detail
from ..domain.ukdates import UK
from ..extensions import db
from .locks import RUNS, claimed
from .models import JobRun
from .registry import Job, JobFailed, JobSkipped, registered_jobs

logger = logging.getLogger(__name__)

NOT_DUE, ELSEWHERE = "not due", "running elsewhere"
RECENT_FAILURES = 20


@dataclass(frozen=True)
class Result:
    """What became of one job in this run: `ok`, `failed`, `skipped`, `not due` or `running elsewhere`."""

    job: str
    outcome: str
    detail: str

    @property
    def line(self) -> str:
        return f"{self.job}: {self.outcome}" + (f": {self.detail}" if self.detail else "")


@dataclass(frozen=True)
class Status:
    """A job as the admin and `jobs run --list` see it."""

    job: Job
    last_run: JobRun | None
    due: bool
    next_due_on: date


def run_due_jobs(now: datetime | None = None) -> list[Result]:
    """Run every registered job that is due, in order; one job failing does not stop the others."""
    return [run_job(job, now or utcnow()) for job in registered_jobs()]


def run_job(job: Job, now: datetime) -> Result:
    try:
        with claimed(job.name, now) as claim:
            if claim.elsewhere:
                since = f"since {_hhmm(claim.running_since)}" if claim.running_since else "just started"
                return Result(job.name, ELSEWHERE, f"{since}, by another process")
            if claim.run_id is None:
                return Result(job.name, NOT_DUE, f"done today at {_hhmm(claim.done_at)}")
            outcome, detail = _run(job)
            _finish(claim.run_id, outcome, detail)
            return Result(job.name, outcome, detail)
    except SQLAlchemyError as error:  # the database busy or gone while claiming or recording: tried again next run
        db.session.rollback()
        logger.error("scheduled job %r could not be claimed or recorded: %s", job.name, type(error).__name__)
        return Result(job.name, FAILED, f"could not be claimed or recorded: {type(error).__name__}")


def _run(job: Job) -> tuple[str, str]:
    try:
        return OK, short_detail(job.run())
    except JobSkipped as skipped:
        db.session.rollback()
        return SKIPPED, short_detail(str(skipped))
    except JobFailed as failed:
        db.session.rollback()
        return FAILED, short_detail(str(failed))
    except Exception as error:  # any error: the job is recorded as failed and tried again on the next run
        db.session.rollback()
        logger.error("scheduled job %r failed: %s", job.name, type(error).__name__)
        return FAILED, type(error).__name__


def _finish(run_id: int, outcome: str, detail: str) -> None:
    with db.engine.begin() as connection:
        connection.execute(
            update(RUNS).where(RUNS.c.id == run_id).values(outcome=outcome, detail=detail, finished_at=utcnow())
        )


def _hhmm(moment: datetime | None) -> str:
    return moment.astimezone(UK).strftime("%H:%M") if moment else "?"


def statuses(now: datetime | None = None) -> list[Status]:
    """Every registered job with its last run and whether it is due."""
    now = now or utcnow()
    latest = _latest_runs()
    done = dict(db.session.execute(select(JobRun.job, func.max(JobRun.started_at)).where(JobRun.outcome.in_(DONE))
                                   .group_by(JobRun.job)).all())  # fmt: skip
    return [
        Status(job, latest.get(job.name), is_due(done.get(job.name), now), next_due_on(done.get(job.name), now))
        for job in registered_jobs()
    ]


def _latest_runs() -> dict[str, JobRun]:
    newest = select(JobRun.job, func.max(JobRun.id).label("id")).group_by(JobRun.job).subquery()
    runs = db.session.scalars(select(JobRun).join(newest, JobRun.id == newest.c.id))
    return {run.job: run for run in runs}


def recent_failures(limit: int = RECENT_FAILURES) -> list[JobRun]:
    """The latest failed runs, newest first."""
    return list(db.session.scalars(select(JobRun).where(JobRun.outcome == FAILED)
                                   .order_by(JobRun.started_at.desc(), JobRun.id.desc()).limit(limit)))  # fmt: skip
