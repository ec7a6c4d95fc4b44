"""`cases remind`: the daily digest of overdue cases to each caseworker and centre lead (safe to run twice a day)."""

import click
from flask import Flask
from flask.cli import AppGroup

from .. import mail
from ..cases import reminders
from ..domain.ukdates import uk_today

cases_cli = AppGroup("cases", help="Case work: deadlines and reminders.")


@cases_cli.command("remind")
def remind() -> None:
    """Email each caseworker and centre lead (and the partnership unit, for self-reports not yet given to a
    centre) the references and due dates of their overdue cases: one email a day each, however often it runs."""
    if not mail.is_configured():
        click.echo("Mail is not set up (MAIL_SERVER and MAIL_FROM): no reminders were sent.")
        return
    result = reminders.send_reminders(uk_today())
    click.echo(
        f"sent {result.sent} reminder{'s' if result.sent != 1 else ''}; "
        f"{result.already_sent} already sent today; {result.failed} could not be sent"
    )
    if result.failed:
        raise SystemExit(1)


def register(app: Flask) -> None:
    app.cli.add_command(cases_cli)
