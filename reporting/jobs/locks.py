"""One run of a job at a time, across processes and servers, and the claim of a day's run.

PostgreSQL: a session advisory lock per job (`pg_try_advisory_lock`) on a connection of its own, held while the
job runs; it ends with its connection, so a `running` row found by the lock's holder was left by a process that
stopped. SQLite: the claim is made under `BEGIN EXCLUSIVE`, and the `running` row it writes is the lock until
the run ends (or `ABANDONED_AFTER`, as nothing tells that a process stopped).
"""

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, func, insert, select, update

from ..domain.schedule import DONE, FAILED, RUNNING, is_abandoned, is_due
from ..extensions import db
from .models import JobRun

RUNS = JobRun.__table__
STOPPED = "stopped before it finished (its process ended)"


@dataclass(frozen=True)
class Claim:
    """The outcome of asking to run a job: the run's id when this process runs it; otherwise why not."""

    run_id: int | None = None
    elsewhere: bool = False  # another process is running it …
    running_since: datetime | None = None  # … since then (unknown for a moment on PostgreSQL)
    done_at: datetime | None = None  # it was done today already


def lock_key(name: str) -> int:
    """A signed 64-bit advisory lock key for the job, the same in every process."""
    digest = hashlib.sha256(f"reporting.jobs:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@contextmanager
def claimed(name: str, now: datetime) -> Iterator[Claim]:
    """Claim today's run of the job; hold the job's lock (PostgreSQL) until the block ends."""
    if db.engine.dialect.name == "postgresql":
        with _advisory_lock(name) as (connection, held):
            if not held:
                yield Claim(elsewhere=True, running_since=_running_since(connection, name))
                return
            claim = _claim(connection, name, now, lock_held=True)
            connection.commit()
            yield claim
        return
    with db.engine.connect() as connection:
        connection.exec_driver_sql("BEGIN EXCLUSIVE")  # no other process claims between the check and the insert
        claim = _claim(connection, name, now, lock_held=False)
        connection.commit()
    yield claim


@contextmanager
def _advisory_lock(name: str) -> Iterator[tuple[Connection, bool]]:
    connection = db.engine.connect()
    held = False
    try:
        held = bool(connection.scalar(select(func.pg_try_advisory_lock(lock_key(name)))))
        connection.commit()
        yield connection, held
    finally:
        if held:
            connection.rollback()
            connection.scalar(select(func.pg_advisory_unlock(lock_key(name))))
            connection.commit()
        connection.close()


def _claim(connection: Connection, name: str, now: datetime, lock_held: bool) -> Claim:
    """Check and claim in one transaction: a `running` row of a live run means another process has the job."""
    for run_id, started_at in connection.execute(
        select(RUNS.c.id, RUNS.c.started_at).where(RUNS.c.job == name, RUNS.c.outcome == RUNNING)
    ):
        if not (lock_held or is_abandoned(started_at, now)):
            return Claim(elsewhere=True, running_since=started_at)
        connection.execute(
            update(RUNS).where(RUNS.c.id == run_id).values(outcome=FAILED, finished_at=now, detail=STOPPED)
        )
    done_at = connection.scalar(select(func.max(RUNS.c.started_at)).where(RUNS.c.job == name,
                                                                         RUNS.c.outcome.in_(DONE)))  # fmt: skip
    if not is_due(done_at, now):
        return Claim(done_at=done_at)
    run_id = connection.scalar(insert(RUNS).values(job=name, started_at=now, outcome=RUNNING).returning(RUNS.c.id))
    return Claim(run_id=run_id)


def _running_since(connection: Connection, name: str) -> datetime | None:
    started = connection.scalar(select(func.max(RUNS.c.started_at)).where(RUNS.c.job == name,
                                                                         RUNS.c.outcome == RUNNING))  # fmt: skip
    connection.rollback()
    return started
