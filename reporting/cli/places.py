"""`areas import FILE.csv`, `centres import FILE.csv` and `districts import FILE.csv`."""

from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

from ..centres import districts, services

areas_cli = AppGroup("areas", help="Manage the areas (wards) that incidents are counted by.")
centres_cli = AppGroup("centres", help="Manage the reporting centres.")
districts_cli = AppGroup("districts", help="Manage where postcode districts are, for finding the nearest centre.")

CSV_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


def _report(result: services.ImportResult, noun: str) -> None:
    if result.errors:
        for error in result.errors:
            click.echo(error, err=True)
        raise click.ClickException(f"nothing imported: {len(result.errors)} error(s)")
    click.echo(f"{noun}: {result.created} created, {result.updated} updated")


@areas_cli.command("import")
@click.argument("file", type=CSV_FILE)
def import_areas(file: Path) -> None:
    """Load areas from a CSV file with columns code,name."""
    _report(services.import_areas(file), "areas")


@centres_cli.command("import")
@click.argument("file", type=CSV_FILE)
def import_centres(file: Path) -> None:
    """Load centres from a CSV file with columns code,name,area and any of the optional columns active, address,
    postcode, kind, latitude, longitude, phone, email, directions, opening_hours, hours_note,
    closed_on_bank_holidays, offers, access, languages, contact_person, notes, listed_publicly, last_training_on,
    last_contact_on.

    Every line is checked first (as the centre form in the app checks it) and nothing is imported if any is wrong;
    a column left out leaves that field as it is. Every change is kept in the centre's history. Opening hours are
    written like "Mon-Fri 09:30-17:00; Sat 10:00-13:00"; lists (offers, access, languages) like "en; ur".
    """
    _report(services.import_centres(file), "centres")


@districts_cli.command("import")
@click.argument("file", type=CSV_FILE)
def import_districts(file: Path) -> None:
    """Load postcode districts from a CSV file with columns district,latitude,longitude."""
    _report(districts.import_districts(file), "districts")


def register(app: Flask) -> None:
    app.cli.add_command(areas_cli)
    app.cli.add_command(centres_cli)
    app.cli.add_command(districts_cli)
