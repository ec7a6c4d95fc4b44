"""`recordings process`: make the clean copy of every recorded account still waiting (left by a stopped process,
or all of them with `RECORDING_PROCESSING=job`), and remove recording files no report refers to."""

import click
from flask import Flask
from flask.cli import AppGroup

from .. import audit
from ..extensions import db
from ..recordings import services

recordings_cli = AppGroup("recordings", help="Look after recorded accounts (video or voice).")


def process_recordings() -> str:
    """The job: process what waits, sweep leftovers; one line in counts."""
    processed = services.process_recordings()
    swept = services.sweep()
    audit.record("recordings_processed", detail=f"processed={processed} swept={swept}")
    db.session.commit()
    plural = "s" if processed != 1 else ""
    return f"processed {processed} recording{plural}, removed {swept} recording file(s) that no report refers to"


@recordings_cli.command("process")
def process() -> None:
    """Check and clean every recording waiting to be processed, and print how many."""
    click.echo(process_recordings())


def register(app: Flask) -> None:
    app.cli.add_command(recordings_cli)
