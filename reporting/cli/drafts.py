"""`drafts purge [--older-than DAYS]`: delete unfinished assisted reports that nobody has touched for a while."""

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from ..intake import services

drafts_cli = AppGroup("drafts", help="Manage unfinished (draft) reports.")


@drafts_cli.command("purge")
@click.option(
    "--older-than",
    "days",
    type=click.IntRange(min=1),
    help="Days without a change (default: DRAFT_MAX_AGE_DAYS, 7 unless configured).",
)
def purge(days: int | None) -> None:
    """Delete drafts not changed for DAYS days, with their evidence files, and print how many."""
    days = days or current_app.config["DRAFT_MAX_AGE_DAYS"]
    count = services.purge_drafts(days)
    click.echo(f"purged {count} draft{'s' if count != 1 else ''} not changed for {days} days")


def register(app: Flask) -> None:
    app.cli.add_command(drafts_cli)
