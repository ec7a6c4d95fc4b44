"""`links suggest [--from D --to D]`, `links confirm REF_A REF_B`, `links reject REF_A REF_B` and `links rebuild`.

`suggest` writes the pending suggestions as CSV on stdout (`reference_a,reference_b,reasons`, the reasons joined
with `;`), for the partnership unit to review in bulk; `confirm` and `reject` do what the buttons on the report
page do, as the unit. `rebuild` recomputes every fingerprint under the current key, after `keys rotate`.
"""

import csv
import sys

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy import select

from .. import audit
from ..domain.periods import Period
from ..domain.references import normalise_reference
from ..extensions import db
from ..links import services
from ..links.models import CONFIRMED, REJECTED
from ..models import Report

links_cli = AppGroup("links", help="Linked reports: suggestions of the same person, confirmed or rejected.")
DAY = click.DateTime(formats=["%Y-%m-%d"])


def _report(reference: str) -> Report:
    wanted = select(Report).where(Report.reference == normalise_reference(reference), Report.submitted)
    report = db.session.scalar(wanted)
    if report is None:
        raise click.ClickException(f"no submitted report with the reference {reference}")
    return report


@links_cli.command("suggest")
@click.option("--from", "first", type=DAY, help="First UK day a report of the pair was reported, YYYY-MM-DD.")
@click.option("--to", "last", type=DAY, help="Last UK day a report of the pair was reported, YYYY-MM-DD.")
def suggest(first, last) -> None:
    """Write the suggestions waiting for a decision as CSV: reference_a,reference_b,reasons."""
    if first and last and last < first:
        raise click.BadParameter("the --to date must be the same as or after the --from date", param_hint="--to")
    start = Period(first.date(), first.date()).bounds()[0] if first else None
    end = Period(last.date(), last.date()).bounds()[1] if last else None
    rows = services.pending(start, end)
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["reference_a", "reference_b", "reasons"])
    writer.writerows([row.reference_a, row.reference_b, ";".join(row.reasons)] for row in rows)
    audit.record("links_listed", detail=f"suggestions={len(rows)}")
    db.session.commit()


def _decide(first: str, second: str, status: str) -> None:
    one, other = _report(first), _report(second)
    link = services.find_link(one, other)
    if link is None:
        raise click.ClickException(f"there is no suggested link between {one.reference} and {other.reference}")
    services.decide(link, status, None)
    db.session.commit()
    click.echo(f"{status} the link between {one.reference} and {other.reference}")


@links_cli.command("confirm")
@click.argument("reference_a")
@click.argument("reference_b")
def confirm(reference_a: str, reference_b: str) -> None:
    """Confirm that two reports are the same person."""
    _decide(reference_a, reference_b, CONFIRMED)


@links_cli.command("reject")
@click.argument("reference_a")
@click.argument("reference_b")
def reject(reference_a: str, reference_b: str) -> None:
    """Reject a suggested (or confirmed) link between two reports."""
    _decide(reference_a, reference_b, REJECTED)


@links_cli.command("rebuild")
def rebuild() -> None:
    """Recompute every report's fingerprints under the current key (run after `keys rotate`)."""
    reports, suggested = services.rebuild()
    audit.record("links_rebuilt", detail=f"reports={reports} suggestions={suggested}")
    db.session.commit()
    click.echo(f"fingerprinted {reports} report(s); {suggested} new suggestion(s)")


def register(app: Flask) -> None:
    app.cli.add_command(links_cli)
