"""`reports import FILE` and `reports export --from D --to D --format jsonl|csv [--include-contact]`."""

import sys
from datetime import date
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

from ..exchange import exporting, importing
from ..extensions import db
from ..review.figures.summary.keeping import bring_up_to_date

reports_cli = AppGroup("reports", help="Import and export reports in the exchange format.")


class IsoDate(click.ParamType):
    """A calendar date written YYYY-MM-DD."""

    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx) -> date:
        if isinstance(value, date):
            return value
        try:
            if len(value) != 10:
                raise ValueError
            return date.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} is not a date in the form YYYY-MM-DD, for example 2026-07-01", param, ctx)


@reports_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_reports(file: Path) -> None:
    """Import reports from a JSON Lines file. Nothing is imported if any line is invalid."""
    with file.open("rb") as handle:  # decoded line by line, so a bad byte is reported with its line number
        result = importing.import_reports(handle)
    if result.errors:
        for error in result.errors:
            click.echo(error, err=True)
        raise click.ClickException(f"nothing imported: {len(result.errors)} error(s)")
    bring_up_to_date(db.session)  # so the first review page after a big import does not pay for the recount
    click.echo(f"imported {result.imported} report(s); skipped {result.skipped} already in the database")


@reports_cli.command("export")
@click.option("--from", "first", required=True, type=IsoDate(), help="First UK date reported, YYYY-MM-DD.")
@click.option("--to", "last", required=True, type=IsoDate(), help="Last UK date reported, YYYY-MM-DD (inclusive).")
@click.option("--format", "file_format", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("--include-contact", is_flag=True, help="Include contact details (audited).")
@click.option(
    "--out", type=click.Path(dir_okay=False, writable=True, path_type=Path), help="Write to FILE, not stdout."
)
def export_reports(first: date, last: date, file_format: str, include_contact: bool, out: Path | None) -> None:
    """Export submitted reports made from --from to --to (UK local dates) to standard output."""
    if first > last:
        raise click.BadParameter("must not be after --to", param_hint="--from")
    if out is None:
        exporting.export_to(sys.stdout, first, last, file_format, include_contact)
        return
    with out.open("w", encoding="utf-8", newline="") as handle:
        count = exporting.export_to(handle, first, last, file_format, include_contact)
    click.echo(f"exported {count} report(s) to {out}", err=True)


def register(app: Flask) -> None:
    app.cli.add_command(reports_cli)
