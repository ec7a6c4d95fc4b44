"""`demo-data [--reports N] [--seed S]`: fill an empty database with demo data and show the demo sign-ins."""

import click
from flask import Flask

from ..demo import generator, loader
from ..extensions import db
from ..review.figures.summary.keeping import bring_up_to_date


@click.command("demo-data")
@click.option("--reports", "report_count", default=1500, show_default=True, type=click.IntRange(min=0))
@click.option("--seed", default=2026, show_default=True, type=int, help="The same seed gives the same data.")
@click.option("--sign-ins", "sign_ins_only", is_flag=True, help="Only show the address and the demo sign-ins.")
def demo_data(report_count: int, seed: int, sign_ins_only: bool) -> None:
    """Load demo centres, staff and reports, unless the database already has centres or reports."""
    if not sign_ins_only:
        _load(report_count, seed)
    _show_sign_ins()


def _load(report_count: int, seed: int) -> None:
    if loader.database_has_data():
        click.echo("The database already has centres or reports, so no demo data was loaded.")
        return
    summary = loader.load_demo_data(report_count, seed)
    bring_up_to_date(db.session)  # the review summary, counted once now rather than on the first page
    click.echo(
        f"Loaded demo data (seed {seed}): {summary.areas} areas, {summary.centres} centres, "
        f"{summary.users} staff accounts, {summary.reports} reports."
    )


def _show_sign_ins() -> None:
    click.echo(f"\nThe app: {generator.ADDRESS}")
    click.echo(f"Demo sign-ins (password for all: {generator.DEMO_PASSWORD}):")
    for user in generator.DEMO_USERS:
        where = f" at {user.centre}" if user.centre else ""
        click.echo(f"  {user.email:<36} {user.role}{where}")


def register(app: Flask) -> None:
    app.cli.add_command(demo_data)
