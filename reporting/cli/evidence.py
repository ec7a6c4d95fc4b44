"""`evidence sweep`: remove evidence files that no report refers to, left behind by a process that was stopped.

Also a scheduled job (`jobs run`), which runs the same function."""

from flask import Flask
from flask.cli import AppGroup
from flask_babel import lazy_gettext as _l

from .. import audit
from ..extensions import db
from ..intake import file_changes
from ..intake.services import evidence_dir
from ..jobs.registry import register_job
from .jobs import run_as_command

evidence_cli = AppGroup("evidence", help="Look after the stored evidence files.")


def sweep_evidence() -> str:
    """Remove files over an hour old that no report refers to (unfinished uploads)."""
    count = file_changes.sweep(db.session, evidence_dir())
    audit.record("evidence_swept", detail=f"count={count}")
    db.session.commit()
    return f"removed {count} evidence file{'s' if count != 1 else ''} that no report refers to"


@evidence_cli.command("sweep")
def sweep() -> None:
    """Remove files over an hour old that no report refers to (unfinished uploads), and print how many."""
    run_as_command(sweep_evidence)


register_job("evidence sweep", _l("Removes evidence files that no report refers to (uploads cut off)."),
             sweep_evidence)  # fmt: skip


def register(app: Flask) -> None:
    app.cli.add_command(evidence_cli)
