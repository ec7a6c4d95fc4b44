"""`cases remind`: the daily digest of overdue cases to each caseworker and centre lead (safe to run twice a day).

Also a scheduled job (`jobs run`), which runs the same function."""

from flask import Flask
from flask.cli import AppGroup
from flask_babel import lazy_gettext as _l

from .. import mail
from ..cases import reminders
from ..domain.ukdates import uk_today
from ..jobs.registry import JobFailed, JobSkipped, register_job
from .jobs import run_as_command

cases_cli = AppGroup("cases", help="Case work: deadlines and reminders.")


def send_case_reminders() -> str:
    """Send today's digests not sent yet; skipped without mail settings, failed when a digest was refused."""
    if not mail.is_configured():
        raise JobSkipped("Mail is not set up (MAIL_SERVER and MAIL_FROM): no reminders were sent.")
    result = reminders.send_reminders(uk_today())
    line = (
        f"sent {result.sent} reminder{'s' if result.sent != 1 else ''}; "
        f"{result.already_sent} already sent today; {result.failed} could not be sent"
    )
    if result.failed:
        raise JobFailed(line)
    return line


@cases_cli.command("remind")
def remind() -> None:
    """Email each caseworker and centre lead (and the partnership unit, for self-reports not yet given to a
    centre) the references and due dates of their overdue cases: one email a day each, however often it runs."""
    run_as_command(send_case_reminders)


register_job("cases remind", _l("Emails each caseworker and centre lead the references of their overdue cases."),
             send_case_reminders)  # fmt: skip


def register(app: Flask) -> None:
    app.cli.add_command(cases_cli)
