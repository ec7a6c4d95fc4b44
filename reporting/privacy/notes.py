"""Erasing the review's own notes: a dip sample's notes on a report, and the notes of a visit to a centre; and the
reasons staff gave for correcting a report, with the report's other details.

Each is free text that staff may fill with names, so each is encrypted and erased:
a report's dip-sample notes with the report's other details; a centre's visit notes when they name an
erased report, or once the visit is older than the retention period. The visit itself (its kind and
date) stays, so the training and contact figures do not change.
"""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import select

from ..extensions import db
from ..models import CentreVisit, DipSample, DipSampleItem, ReportCorrection


def clear_dip_sample_notes(report_ids: list[int]) -> None:
    db.session.execute(
        sa.update(DipSampleItem).where(DipSampleItem.report_id.in_(report_ids)).values(notes=None)
    )


def clear_correction_reasons(report_ids: list[int]) -> None:
    """The reasons given for correcting these reports (free text); what was corrected, when and by whom stay."""
    db.session.execute(
        sa.update(ReportCorrection).where(ReportCorrection.report_id.in_(report_ids)).values(reason=None)
    )


def clear_visit_notes_naming(reference: str, centre_ids: list[int]) -> int:
    """Clear the visit notes of these centres that name the report `reference`; returns how many."""
    visits = db.session.scalars(
        select(CentreVisit).where(CentreVisit.centre_id.in_(centre_ids), CentreVisit.notes.isnot(None))
    )
    named = [visit.id for visit in visits if _names(visit.notes, reference)]
    if named:
        db.session.execute(sa.update(CentreVisit).where(CentreVisit.id.in_(named)).values(notes=None))
    return len(named)


def _names(notes: str, reference: str) -> bool:
    """Whether notes mention a reference, however it was spaced or cased."""
    return _compact(reference) in _compact(notes)


def _compact(text: str) -> str:
    return "".join(character for character in text.upper() if character.isalnum())


def clear_notes_before(cutoff: datetime) -> None:
    """Clear the notes of visits before `cutoff`, and of dip samples drawn before it (whatever their report)."""
    db.session.execute(
        sa.update(CentreVisit)
        .where(CentreVisit.visited_on < cutoff.date(), CentreVisit.notes.isnot(None))
        .values(notes=None)
    )
    old_samples = select(DipSample.id).where(DipSample.drawn_at < cutoff)
    db.session.execute(
        sa.update(DipSampleItem)
        .where(DipSampleItem.sample_id.in_(old_samples), DipSampleItem.notes.isnot(None))
        .values(notes=None)
    )
