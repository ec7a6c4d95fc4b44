"""`jobs run [--list]`: run every scheduled job that is due (each once a UK day), or list them; and
`run_as_command`, which a job's own command uses to run the same function and print its line."""

from collections.abc import Callable
from datetime import datetime

import click
from flask import Flask
from flask.cli import AppGroup

from ..domain.ukdates import UK
from ..jobs import runs
from ..jobs.registry import JobFailed, JobSkipped

jobs_cli = AppGroup("jobs", help="Scheduled jobs: drafts purge, retention, erasures, evidence sweep, reminders, ….")


@jobs_cli.command("run")
@click.option("--list", "list_only", is_flag=True, help="Show each job, its last run and whether it is due; run none.")
def run(list_only: bool) -> None:
    """Run every job that is due, once: a job is due when it has not run successfully today (UK time), so a job
    that failed runs again next time. Safe on several servers at the same moment: each job runs on one.
    Exits with status 1 when a job failed."""
    if list_only:
        _list()
        return
    results = runs.run_due_jobs()
    for result in results:
        click.echo(result.line)
    if any(result.outcome == runs.FAILED for result in results):
        raise SystemExit(1)


def _list() -> None:
    rows = [("JOB", "LAST RUN", "OUTCOME", "DUE")]
    for status in runs.statuses():
        last = status.last_run
        due = "now" if status.due else f"from {status.next_due_on.isoformat()}"
        rows.append((status.job.name, _when(last.started_at) if last else "never", last.outcome if last else "", due))
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    for row in rows:
        click.echo("".join(value.ljust(width + 2) for value, width in zip(row, widths, strict=False)) + row[3])


def _when(moment: datetime) -> str:
    return moment.astimezone(UK).strftime("%Y-%m-%d %H:%M")


def run_as_command(job: Callable[[], str]) -> None:
    """Run a job's function from its own command: print its line; a job that failed part of its work exits 1."""
    try:
        click.echo(job())
    except JobSkipped as skipped:
        click.echo(str(skipped))
    except JobFailed as failed:
        click.echo(str(failed))
        raise SystemExit(1) from None


def register(app: Flask) -> None:
    app.cli.add_command(jobs_cli)
