"""Erasure the person asks for in "Check my report": it takes effect after a cooling-off period
(`ERASURE_COOLING_OFF_DAYS`, 7 days) that they can cancel from the same page, so that someone who found their
code cannot destroy the record at once. The centre sees the request in the case history, highlighted.

`retention erase-due` carries out the erasures that are due, with the same erasure staff use at once on a
verified request (`retention erase`); running it twice erases nothing twice.
"""

from datetime import datetime
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from .. import audit
from ..domain import case_messages as rules
from ..extensions import db
from ..models import Report, utcnow
from ..privacy import notes
from ..privacy import services as privacy
from . import conversation
from .message_models import ErasureRequest


def pending_erasure(report) -> ErasureRequest | None:
    query = select(ErasureRequest).where(
        ErasureRequest.report_id == report.id, ErasureRequest.cancelled_at.is_(None), ErasureRequest.erased_at.is_(None)
    )
    return db.session.scalars(query.order_by(ErasureRequest.id.desc())).first()


def erasure_requests(report) -> list[ErasureRequest]:
    query = select(ErasureRequest).where(ErasureRequest.report_id == report.id).order_by(ErasureRequest.id)
    return list(db.session.scalars(query))


def ask(report) -> ErasureRequest:
    """The person asks for their details to be erased: due after the cooling-off period (one request at a time)."""
    pending = pending_erasure(report)
    if pending is not None:
        return pending
    now = utcnow()
    request = ErasureRequest(
        report_id=report.id,
        asked_at=now,
        erase_after=rules.erase_after(now, current_app.config["ERASURE_COOLING_OFF_DAYS"]),
    )
    db.session.add(request)
    conversation.record_from_person(report, rules.ERASURE, detail=rules.ERASURE_ASKED)
    db.session.commit()
    return request


def cancel(report) -> bool:
    """The person cancels the erasure they asked for; False if there was none to cancel."""
    pending = pending_erasure(report)
    if pending is None:
        return False
    pending.cancelled_at = utcnow()
    conversation.record_from_person(report, rules.ERASURE, detail=rules.ERASURE_CANCELLED)
    db.session.commit()
    return True


def due(now: datetime | None = None) -> list[ErasureRequest]:
    query = select(ErasureRequest).where(
        ErasureRequest.cancelled_at.is_(None),
        ErasureRequest.erased_at.is_(None),
        ErasureRequest.erase_after <= (now or utcnow()),
    )
    return list(db.session.scalars(query.order_by(ErasureRequest.id)))


def erase_due(evidence_dir: Path, now: datetime | None = None) -> list[str]:
    """Carry out every erasure that is due; returns the references erased (none the second time)."""
    erased = []
    for request in due(now):
        report = db.session.get(Report, request.report_id)
        erase_report(report, evidence_dir, asked_by="person")
        erased.append(report.reference)
    return erased


def erase_report(report, evidence_dir: Path, asked_by: str) -> None:
    """Erase the person's details from the report now, and close any erasure they asked for (committed)."""
    privacy.erase_personal_details([report.id], evidence_dir)
    centres = [centre for centre in (report.centre_id, report.assigned_centre_id) if centre is not None]
    notes.clear_visit_notes_naming(report.reference, centres)
    now = utcnow()
    for request in erasure_requests(report):
        if request.pending:
            request.erased_at = now
    audit.record("personal_details_erased", "report", report.reference, f"asked_by={asked_by}")
    db.session.commit()
