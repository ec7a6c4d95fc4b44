"""`users create EMAIL --role ROLE [--centre CODE] [--password-stdin]`."""

import sys

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from .. import audit
from ..auth import services
from ..extensions import db
from ..models import ROLES

users_cli = AppGroup("users", help="Manage staff accounts.")


@users_cli.command("create")
@click.argument("email")
@click.option("--role", required=True, type=click.Choice(ROLES))
@click.option("--centre", "centre_code", help="Centre code (volunteers and centre leads).")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
def create_user(email: str, role: str, centre_code: str | None, password_stdin: bool) -> None:
    """Create a staff account; the password is asked for unless --password-stdin is given."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = services.create_user(email, role, password, centre_code, current_app.config["PASSWORD_MIN_LENGTH"])
    except services.AccountError as error:
        raise click.ClickException(str(error)) from None
    db.session.flush()
    audit.record("user_created", "user", user.id, detail=f"role={role}")
    db.session.commit()
    click.echo(f"created {role} {user.email}")


def register(app: Flask) -> None:
    app.cli.add_command(users_cli)
