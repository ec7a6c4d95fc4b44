"""`retention apply`, `retention erase REFERENCE`, `retention erase-due`, `backup --out FILE` and `restore FILE`.

`retention apply` and `retention erase-due` are also scheduled jobs (`jobs run`), which run the same functions."""

from functools import partial
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from .. import audit
from ..cases import erasure
from ..domain.references import normalise_reference
from ..extensions import db
from ..jobs.registry import register_job
from ..models import Report
from ..privacy import backup as backups
from ..privacy import notes, services
from .jobs import run_as_command

retention_cli = AppGroup("retention", help="Erase personal details that are no longer needed.")


def _evidence_dir() -> Path:
    configured = current_app.config.get("EVIDENCE_DIR")
    return Path(configured) if configured else Path(current_app.instance_path) / "evidence"


def apply_retention_period(years: int | None = None) -> str:
    """Erase the personal details of reports older than `years` (default RETENTION_YEARS), and old staff addresses."""
    years = years or current_app.config.get("RETENTION_YEARS", services.RETENTION_YEARS_DEFAULT)
    report_ids = services.reports_past_retention(years)
    count = services.erase_personal_details(report_ids, _evidence_dir())
    notes.clear_notes_before(services.retention_cutoff(years))
    days = current_app.config["AUDIT_ADDRESS_DAYS"]
    addresses = audit.expire_staff_addresses(days)
    audit.record("retention_applied", detail=f"years={years} reports={count} addresses={addresses}")
    db.session.commit()
    return (
        f"erased personal details from {count} report(s) older than {years} years\n"
        f"cleared the address of {addresses} audit event(s) older than {days} days"
    )


@retention_cli.command("apply")
@click.option("--years", type=click.IntRange(min=1), help="Retention period (default: RETENTION_YEARS, 6).")
def apply_retention(years: int | None) -> None:
    """Erase contact details and free text of reports older than the retention period, and old staff addresses."""
    run_as_command(partial(apply_retention_period, years))


@retention_cli.command("erase")
@click.argument("reference")
def erase(reference: str) -> None:
    """Erase one person's details from a report, on their request."""
    report = db.session.scalar(select(Report).where(Report.reference == normalise_reference(reference)))
    if report is None:
        raise click.ClickException(f"no report with the reference {reference}")
    erasure.erase_report(report, _evidence_dir(), asked_by="staff")
    click.echo(f"erased personal details from {report.reference}")


def carry_out_due_erasures() -> str:
    """Carry out the erasures whose cooling-off period has passed."""
    references = erasure.erase_due(_evidence_dir())
    audit.record("erasures_due_carried_out", detail=f"reports={len(references)}")
    db.session.commit()
    return f"erased personal details from {len(references)} report(s) whose cooling-off period had passed"


@retention_cli.command("erase-due")
def erase_due() -> None:
    """Carry out the erasures people asked for in "Check my report" once their cooling-off period has passed.

    Safe to run twice (or daily): an erasure carried out is not due again, and one cancelled never is."""
    run_as_command(carry_out_due_erasures)


register_job("retention apply", _l("Erases the personal details of reports older than the retention period "
                                   "(RETENTION_YEARS) and old staff addresses in the audit trail."),
             apply_retention_period)  # fmt: skip
register_job("retention erase-due", _l("Carries out the erasures people asked for in Check my report once their "
                                       "cooling-off period has passed."), carry_out_due_erasures)  # fmt: skip


@click.command("backup")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path))
def backup_command(out: Path) -> None:
    """Write a consistent backup of the database and the evidence files (safe while the app is running).

    The encryption keys are not in it: keep DATA_ENCRYPTION_KEYS apart from the backups."""
    key_file = Path(current_app.instance_path) / "data-encryption.key"  # the key kept outside production
    try:
        files = backups.backup(current_app.config["SQLALCHEMY_DATABASE_URI"], _evidence_dir(), out, (key_file,))
    except backups.BackupError as error:
        raise click.ClickException(str(error)) from None
    audit.record("backup_made", detail=f"evidence_files={files}")
    db.session.commit()
    click.echo(f"backup written to {out}: the database and {files} evidence file{'s' if files != 1 else ''}")
    click.echo(backups.KEYS_NOTE)


@click.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore_command(file: Path, yes: bool) -> None:
    """Replace the database's contents and the evidence files with a backup. Stop the app first.

    The encryption keys the backup was made under must be in DATA_ENCRYPTION_KEYS."""
    if not yes:
        click.confirm("This replaces everything in the database and the evidence folder. Continue?", abort=True)
    db.session.remove()
    db.engine.dispose()
    try:
        restored = backups.restore(current_app.config["SQLALCHEMY_DATABASE_URI"], _evidence_dir(), file)
    except backups.BackupError as error:
        raise click.ClickException(str(error)) from None
    files = restored.evidence_files
    audit.record("backup_restored", detail="evidence_files=none" if files is None else f"evidence_files={files}")
    db.session.commit()
    click.echo(f"restored from {file}")
    if files is None:
        click.echo("It is a backup of the database alone (made before backups held the evidence files): "
                   "the evidence folder was left as it is.")  # fmt: skip
    else:
        click.echo(f"the database and {files} evidence file{'s' if files != 1 else ''} put back")


def register(app: Flask) -> None:
    app.cli.add_command(retention_cli)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
