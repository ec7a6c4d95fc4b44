"""`flask review counts`, `flask review pack` and `flask review refresh-summary` (the `review` group is
`reporting/cli/review.py`).

`review counts --from D --to D --by DIM[,DIM...] [--suppress]` prints CSV on stdout: the
dimensions in the order given, then `count`; one row per combination that has reports, sorted by
the dimensions; codes, not labels. With `--suppress`, counts of 1 to 4 print as `<5` and a second
count is hidden wherever a row or column total would give one away.

What is suppressed goes to partners outside the unit, so `counts --suppress` and `pack` take whole
calendar months only: two overlapping ranges of days would otherwise differ by a few reports, and
give away what suppression hides. Anything else is refused, naming the whole months around it.
"""

import csv
import sys
from datetime import date
from pathlib import Path

import click
from flask.cli import with_appcontext
from flask_babel import force_locale

from ...domain.periods import NotWholeMonths, Period, require_whole_months
from ...domain.places import UnknownCentre
from ...domain.suppression import hidden_cells, lines_of_cross_table, shown
from ...domain.ukdates import uk_today
from ...extensions import db
from . import counting
from .pack import render_pack
from .summary import keeping, reading

DAY = click.DateTime(formats=["%Y-%m-%d"])


def _period(first, last) -> Period:
    if last.date() < first.date():
        raise click.BadParameter("the --to date must be the same as or after the --from date", param_hint="--to")
    return Period(first.date(), last.date())


def _whole_months(period: Period, purpose: str) -> Period:
    """`period` when it is whole calendar months; a usage error naming the months to use instead if not."""
    try:
        return require_whole_months(period)
    except NotWholeMonths as refused:
        around = refused.suggested
        raise click.UsageError(
            f"{purpose} covers whole calendar months only, so that overlapping periods cannot give away "
            f"a few reports: use --from {around.first.isoformat()} --to {around.last.isoformat()}"
        ) from refused


def _dimensions(text: str) -> tuple[str, ...]:
    try:
        return counting.check_dimensions([name for name in text.split(",")])
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--by") from error


def counts_csv(rows: list[counting.CountRow], by: tuple[str, ...], suppress: bool, out) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*by, "count"])
    cells = {row.codes: row.count for row in rows}
    hidden = hidden_cells(cells, lines_of_cross_table(cells)) if suppress else set()
    for row in rows:
        writer.writerow([*row.codes, shown(row.count, row.codes in hidden)])


@click.command("counts")
@with_appcontext
@click.option("--from", "first", required=True, type=DAY, help="First UK day of the period, YYYY-MM-DD.")
@click.option("--to", "last", required=True, type=DAY, help="Last UK day of the period (included), YYYY-MM-DD.")
@click.option("--by", "by_text", required=True, help=f"Dimensions, comma-separated: {', '.join(counting.DIMENSIONS)}.")
@click.option("--suppress", is_flag=True, help="Show 1 to 4 as <5, with secondary suppression; whole months only.")
def counts(first, last, by_text: str, suppress: bool) -> None:
    """Count reports by the dimensions given (CSV on stdout)."""
    period = _period(first, last)
    if suppress:
        period = _whole_months(period, "--suppress")
    by = _dimensions(by_text)
    rows = reading.count_reports(db.session, period, by)
    if rows is None:  # dimensions the summary does not keep: counted from the reports
        rows = counting.count_reports(db.session, period, by)
    counts_csv(rows, by, suppress, sys.stdout)


@click.command("pack")
@with_appcontext
@click.option("--from", "first", required=True, type=DAY, help="First day of a month, YYYY-MM-DD.")
@click.option("--to", "last", required=True, type=DAY, help="Last day of a month (included), YYYY-MM-DD.")
@click.option("--centre", "centre_code", default=None, help="One centre's code (or `online`); all centres if left out.")
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False, path_type=Path), help="PDF to write.")
def pack(first, last, centre_code: str | None, out_path: Path) -> None:
    """Write the review pack (PDF, every count suppressed) for the period: whole calendar months."""
    period = _whole_months(_period(first, last), "the review pack")
    today: date = uk_today()
    try:
        with force_locale("en"):
            document = render_pack(db.session, period, centre_code, today)
    except UnknownCentre as error:
        raise click.BadParameter(f"no centre has the code {error}", param_hint="--centre") from error
    out_path.write_bytes(document)
    click.echo(f"Wrote {out_path} ({len(document):,} bytes).", err=True)


@click.command("refresh-summary")
@with_appcontext
@click.option("--rebuild", is_flag=True, help="Recount every month, not only those whose reports changed.")
def refresh_summary(rebuild: bool) -> None:
    """Bring the review summary up to date now (for example after a bulk import)."""
    if rebuild:
        keeping.mark_all_for_recount(db.session)
    recounted = keeping.bring_up_to_date(db.session)
    click.echo(f"Recounted {recounted} month and centre pairs.", err=True)
