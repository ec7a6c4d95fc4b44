"""The scheduled jobs: what `jobs run` runs once a UK day, each registered in one line by its capability.

    register_job("drafts purge", _l("Deletes unfinished drafts nobody has changed for a while."), purge_old_drafts)

The name is the command that runs the job alone (`flask --app reporting drafts purge`), so an operator can
run a failed job by hand and see its whole error. The callable takes no arguments, does its work and commits,
and returns one line saying what it did, in counts (never personal details): the command prints it and the
job's run keeps it. A job that did part of its work raises `JobFailed` with that line; one that cannot apply
(reminders without mail settings) raises `JobSkipped` with the reason. Jobs run in the order registered.
"""

from collections.abc import Callable
from dataclasses import dataclass


class JobFailed(Exception):
    """The job did part of its work and the rest failed: its message says what, in counts."""


class JobSkipped(Exception):
    """The job cannot apply as things are set up: its message says why."""


@dataclass(frozen=True)
class Job:
    name: str
    description: object  # a lazy translatable string: the admin page shows it in the admin's language
    run: Callable[[], str]


_JOBS: dict[str, Job] = {}


def register_job(name: str, description, run: Callable[[], str]) -> None:
    """Add a job to those `jobs run` runs once a UK day (registering the same name again replaces it)."""
    _JOBS[name] = Job(name, description, run)


def registered_jobs() -> list[Job]:
    return list(_JOBS.values())
