"""`drafts purge [--older-than DAYS]`: delete unfinished assisted reports that nobody has touched for a while.

Also a scheduled job (`jobs run`), which runs the same function."""

from functools import partial

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from flask_babel import lazy_gettext as _l

from ..intake import services
from ..jobs.registry import register_job
from .jobs import run_as_command

drafts_cli = AppGroup("drafts", help="Manage unfinished (draft) reports.")


def purge_old_drafts(days: int | None = None) -> str:
    """Delete drafts not changed for `days` days (default DRAFT_MAX_AGE_DAYS) with their evidence files."""
    days = days or current_app.config["DRAFT_MAX_AGE_DAYS"]
    count = services.purge_drafts(days)
    return f"purged {count} draft{'s' if count != 1 else ''} not changed for {days} days"


@drafts_cli.command("purge")
@click.option(
    "--older-than",
    "days",
    type=click.IntRange(min=1),
    help="Days without a change (default: DRAFT_MAX_AGE_DAYS, 7 unless configured).",
)
def purge(days: int | None) -> None:
    """Delete drafts not changed for DAYS days, with their evidence files, and print how many."""
    run_as_command(partial(purge_old_drafts, days))


register_job("drafts purge", _l("Deletes unfinished reports nobody has changed for a week (DRAFT_MAX_AGE_DAYS)."),
             purge_old_drafts)  # fmt: skip


def register(app: Flask) -> None:
    app.cli.add_command(drafts_cli)
