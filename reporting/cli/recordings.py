"""`recordings process`: make the clean copy of every recorded account still waiting (left by a stopped process,
or all of them with `RECORDING_PROCESSING=job`), and remove recording files no report refers to.

Also a scheduled job (`jobs run`), which runs the same function."""

from flask import Flask
from flask.cli import AppGroup
from flask_babel import lazy_gettext as _l

from .. import audit
from ..extensions import db
from ..jobs.registry import register_job
from ..recordings import services
from .jobs import run_as_command

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
    run_as_command(process_recordings)


register_job("recordings process", _l("Makes the clean copy of recorded accounts still waiting, and removes recording "
                                      "files that no report refers to."), process_recordings)  # fmt: skip


def register(app: Flask) -> None:
    app.cli.add_command(recordings_cli)
