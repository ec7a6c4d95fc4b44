"""`flask statistics publish --quarter YYYY-Qn`: what the publishing page's button does, from the command line."""

import click
from flask.cli import AppGroup, with_appcontext

from ..domain.quarters import NotAQuarter, Quarter
from ..domain.ukdates import uk_today
from ..extensions import db
from . import services

statistics_cli = AppGroup("statistics", help="The quarterly awareness statistics the public can see.")


def _quarter(context, parameter, value: str) -> Quarter:
    try:
        return Quarter.parse(value)
    except NotAQuarter as error:
        raise click.BadParameter(str(error)) from error


@statistics_cli.command("publish")
@with_appcontext
@click.option("--quarter", required=True, callback=_quarter, help="The quarter to publish, such as 2026-Q2.")
def publish(quarter: Quarter) -> None:
    """Publish a quarter that has ended (or publish it again): its figures, suppressed, for the public."""
    try:
        release = services.publish(db.session, quarter, None, uk_today())
    except services.QuarterNotEnded as error:
        raise click.UsageError(
            f"{quarter} has not ended yet, so its figures could still grow: it can be published from "
            f"{error.quarter.next().first_day.isoformat()}."
        ) from error
    except services.NothingChanged as unchanged:
        click.echo(f"{quarter}: the published figures have not changed (revision {unchanged.release.revision}).")
        return
    except services.PublishedMeanwhile as error:
        raise click.ClickException(f"{quarter} was published by someone else at the same moment: try again.") from error
    db.session.commit()
    changed = f"; changed: {release.changed_tables.replace(',', ', ')}" if release.changed_tables else ""
    click.echo(f"Published {quarter}, revision {release.revision}{changed}.")


def register(app) -> None:
    app.cli.add_command(statistics_cli)
