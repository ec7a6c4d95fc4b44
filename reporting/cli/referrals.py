"""`referrals pdf REFERENCE --to police|support --out FILE.pdf` and `referrals receipt REFERENCE --out FILE.pdf`.

The same documents as the staff pages, recorded and audited the same way; refused (with a message
and a non-zero exit) where the person's consent does not allow the referral.
"""

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from ..models import RECIPIENTS
from ..referrals import services

referrals_cli = AppGroup("referrals", help="Produce referral documents and receipts.")
OUT_FILE = click.Path(dir_okay=False, writable=True, path_type=Path)


def _report(reference: str):
    try:
        return services.report_by_reference(reference)
    except services.ReportNotFound as error:
        raise click.ClickException(str(error)) from None


def _organisation(recipient: str, organisation: str | None) -> str | None:
    if recipient != "support":
        return None
    names = services.organisation_names()
    if not names:
        raise click.ClickException("No support services are configured (SUPPORT_ORGANISATIONS).")
    if organisation is None:
        return names[0]
    if organisation not in names:
        raise click.ClickException(f"Unknown support service {organisation!r}; choose one of: {', '.join(names)}.")
    return organisation


@referrals_cli.command("pdf")
@click.argument("reference")
@click.option("--to", "recipient", required=True, type=click.Choice(RECIPIENTS), help="Who it is for.")
@click.option("--out", "out_file", required=True, type=OUT_FILE, help="Where to write the PDF.")
@click.option("--organisation", help="The support service (default: the first configured one).")
@click.option("--method", type=click.Choice(tuple(services.METHODS)), help="How it will be sent.")
def referral_pdf(reference: str, recipient: str, out_file: Path, organisation: str | None, method: str | None):
    """Produce and record a referral of report REFERENCE, if the person's consent allows it."""
    report = _report(reference)
    organisation = _organisation(recipient, organisation)
    try:
        referral = services.produce_referral(report, recipient, None, method, organisation)
    except services.ReferralRefused as refusal:
        services.record_refusal(report, recipient, refusal)
        raise click.ClickException(str(refusal)) from None
    document = services.referral_document(referral)
    out_file.write_bytes(document.content)
    click.echo(f"wrote {out_file} ({services.referral_identifier(referral)})")


@referrals_cli.command("receipt")
@click.argument("reference")
@click.option("--out", "out_file", required=True, type=OUT_FILE, help="Where to write the PDF.")
def receipt_pdf(reference: str, out_file: Path):
    """Produce the receipt for the person who made report REFERENCE, in their language."""
    if not current_app.config.get("PUBLIC_BASE_URL"):
        # Outside a web request the receipt's follow-up survey link needs the service's public address.
        raise click.ClickException("Set PUBLIC_BASE_URL (the service's public address) to print receipts here.")
    document = services.receipt_document(_report(reference))
    out_file.write_bytes(document.content)
    click.echo(f"wrote {out_file}")


def register(app: Flask) -> None:
    app.cli.add_command(referrals_cli)
