"""`evidence sweep`: remove evidence files that no report refers to, left behind by a process that was stopped."""

import click
from flask import Flask
from flask.cli import AppGroup

from .. import audit
from ..extensions import db
from ..intake import file_changes
from ..intake.services import evidence_dir

evidence_cli = AppGroup("evidence", help="Look after the stored evidence files.")


@evidence_cli.command("sweep")
def sweep() -> None:
    """Remove files over an hour old that no report refers to (unfinished uploads), and print how many."""
    count = file_changes.sweep(db.session, evidence_dir())
    audit.record("evidence_swept", detail=f"count={count}")
    db.session.commit()
    click.echo(f"removed {count} evidence file{'s' if count != 1 else ''} that no report refers to")


def register(app: Flask) -> None:
    app.cli.add_command(evidence_cli)
