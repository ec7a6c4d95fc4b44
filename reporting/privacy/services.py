"""Erasing what identifies a person while keeping the coded fields that the review counts use.

Erasure removes contact details, equality answers, evidence files, staff notes, survey comments,
dip-sample notes, the words of messages to and from the person, every free-text field, and the full
postcode (its district stays, in its own column). Codes, dates, centre, area and postcode district stay,
so past review counts do not change.
"""

from datetime import datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import select

from ..crypto import EncryptedText
from ..extensions import db
from ..intake import file_changes
from ..links import services as links
from ..models import (
    CaseMessage,
    ContactDetails,
    EqualityAnswers,
    EvidenceFile,
    Report,
    ReportNote,
    SurveyResponse,
    utcnow,
)
from ..recordings import services as recordings
from . import notes

RETENTION_YEARS_DEFAULT = 6


def free_text_columns() -> list[str]:
    return [column.name for column in Report.__table__.columns if isinstance(column.type, EncryptedText)]


def retention_cutoff(years: int, now: datetime | None = None) -> datetime:
    return (now or utcnow()) - timedelta(days=round(365.25 * years))


def erase_personal_details(report_ids: list[int], evidence_dir: Path) -> int:
    """Erase what identifies the people in these reports; returns how many reports were touched."""
    if not report_ids:
        return 0
    # Messages lose their words and the files they point at (which go below); the record that they were sent stays.
    db.session.execute(
        sa.update(CaseMessage).where(CaseMessage.report_id.in_(report_ids)).values(body=None, evidence_file_id=None)
    )
    _remove_evidence_files(report_ids, evidence_dir)
    recordings.remove_for_reports(report_ids)  # recorded accounts, their files once this commits
    for model in (ContactDetails, EqualityAnswers, EvidenceFile, ReportNote):
        db.session.execute(sa.delete(model).where(model.report_id.in_(report_ids)))
    db.session.execute(
        sa.update(SurveyResponse).where(SurveyResponse.report_id.in_(report_ids)).values(comment=None)
    )
    blanks = dict.fromkeys(free_text_columns())
    db.session.execute(sa.update(Report).where(Report.id.in_(report_ids)).values(identifying_fields=[], **blanks))
    links.forget_fingerprints(report_ids)  # confirmed links hold no details and stay, so counts of people hold
    notes.clear_dip_sample_notes(report_ids)
    notes.clear_correction_reasons(report_ids)
    return len(report_ids)


def _remove_evidence_files(report_ids: list[int], evidence_dir: Path) -> None:
    names = db.session.scalars(select(EvidenceFile.stored_name).where(EvidenceFile.report_id.in_(report_ids)))
    for name in names:  # deleted once the erasure is committed, so a failed erasure keeps every file
        file_changes.delete_with_row(db.session, evidence_dir, name)


def reports_past_retention(years: int, now: datetime | None = None) -> list[int]:
    cutoff = retention_cutoff(years, now)
    return list(db.session.scalars(select(Report.id).where(Report.reported_at < cutoff, Report.submitted)))
