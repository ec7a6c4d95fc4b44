"""`flask review satisfaction`: satisfaction per centre and question for a period, as CSV on stdout.

It belongs to the `review` group (`reporting/cli/review.py`), not to a `satisfaction` one.
"""

import click
from flask.cli import with_appcontext

from ..domain.places import UnknownCentre
from ..domain.satisfaction import KINDS
from ..extensions import db
from .results import csv_text, satisfaction_results


@click.command("satisfaction")
@with_appcontext
@click.option("--from", "first", required=True, type=click.DateTime(["%Y-%m-%d"]), help="First day (YYYY-MM-DD).")
@click.option("--to", "last", required=True, type=click.DateTime(["%Y-%m-%d"]), help="Last day (YYYY-MM-DD).")
@click.option("--centre", "centre_code", help="One centre's code, or `online` for self-reports made online.")
@click.option("--kind", type=click.Choice(KINDS), help="Only answers given just after reporting, or at follow-up.")
def satisfaction_command(first, last, centre_code: str | None, kind: str | None) -> None:
    """Satisfaction per centre and question for a period, as CSV.

    Columns: centre,question,responses,mean,share_satisfied,ci_low,ci_high; one row per centre
    (`online` for self-reports made online) and question, then the rows for `all`. Reports count
    in the period by the UK date they were made, both days included; answers count with their report.
    """
    first_day, last_day = first.date(), last.date()
    if last_day < first_day:
        raise click.BadParameter("--to must be the same day as --from or later", param_hint="--to")
    try:
        results = satisfaction_results(db.session, first_day, last_day, centre_code, kind, with_comments=False)
    except UnknownCentre as error:
        raise click.BadParameter(f"No centre has the code {error.code}.", param_hint="--centre") from None
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--from/--to") from None
    click.echo(csv_text(results), nl=False)
