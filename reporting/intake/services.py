"""Drafts and submission of assisted reports, and the evidence files that hang off them.

Every continue saves the step into the draft row before the next page is shown, so a dropped
connection loses at most the page being typed. Submitting is a single conditional update, so a
double tap or a resubmitted form submits the report once.
"""

from datetime import timedelta
from pathlib import Path

from flask import current_app
from flask_login import current_user
from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from .. import audit
from ..access import DRAFTS, SEEN_BY_STAFF, find_report, reports_for
from ..check import codes as check_code
from ..domain import working_days
from ..domain.references import new_reference
from ..domain.statuses import DRAFT
from ..extensions import db
from ..links import services as links
from ..models import EvidenceFile, Report, utcnow
from ..recordings import services as recordings
from ..satisfaction.services import on_report_submitted
from . import evidence, file_changes


def evidence_dir() -> Path:
    configured = current_app.config.get("EVIDENCE_DIR")
    return Path(configured) if configured else Path(current_app.instance_path) / "evidence"


def start_draft(user, flow) -> Report:
    """A new draft for the user's centre, with its reference already drawn."""
    for _attempt in range(5):
        draft = Report(
            reference=new_reference(),
            channel=flow.channel,
            centre_id=user.centre_id,
            status=DRAFT,
            created_by_id=user.id,
            language="en",
            steps_done=[],
        )
        db.session.add(draft)
        try:
            db.session.flush()
        except IntegrityError:  # the same reference drawn twice: draw again
            db.session.rollback()
            continue
        audit.record("draft_started", "report", draft.reference)
        db.session.commit()
        return draft
    raise RuntimeError("could not draw an unused reference")


# Every answer a read-back page shows, loaded with the report in one query rather than one query each
# as the steps read them.
JOURNEY_ANSWERS = (
    joinedload(Report.category_rows),
    joinedload(Report.incident_type_rows),
    joinedload(Report.area),
    joinedload(Report.contact),
    joinedload(Report.equality),
)
# The one list skip logic reads (the incident types), loaded with the report: deciding which steps
# apply then needs no second query; the rest of the answers are read when a step asks for them.
SKIP_LOGIC_ANSWERS = (joinedload(Report.incident_type_rows),)


def save_step(journey, form) -> None:
    """Store one step's answers, forget answers to steps that no longer apply, and audit the save."""
    report = journey.report
    form.save(report)
    if not form.stays_on_page():
        _mark_done(report, journey.flow, form.slug)
    journey.refresh()
    for step in journey.skipped_but_answered():
        step.clear(report, journey.flow)
        report.steps_done = [slug for slug in report.steps_done if slug != step.slug]
    report.updated_at = utcnow()
    audit.record("draft_step_saved", "report", report.reference, detail=f"step={form.slug}")
    links.refresh_draft(report)
    db.session.commit()
    journey.refresh()


def _mark_done(report, flow, slug: str) -> None:
    done = set(report.steps_done or []) | {slug}
    report.steps_done = [step for step in flow.step_slugs if step in done]


REPORTS = Report.__table__
SUBMITTED_COLUMNS = ("reported_at", "received_at", "updated_at")
# Submitting as one statement made once: building an UPDATE on every submit costs more than running it.
SUBMIT_DRAFT = (
    update(REPORTS)
    .where(REPORTS.c.id == bindparam("report_id"), REPORTS.c.status == DRAFT)
    .values(
        status="received",
        check_code_hash=bindparam("code_hash"),
        check_code_issued_at=bindparam("now", type_=REPORTS.c.check_code_issued_at.type),
        acknowledge_by=bindparam("acknowledge_by", type_=REPORTS.c.acknowledge_by.type),
        review_by=bindparam("review_by", type_=REPORTS.c.review_by.type),
        **{name: bindparam("now", type_=REPORTS.c[name].type) for name in SUBMITTED_COLUMNS},
    )
)


def submit(journey) -> bool:
    """Submit the draft with its "Check my report" code; True if this call submitted it, False if it had already
    been submitted. The clear code is kept in this session for the person (reporting/check/codes.py)."""
    report = journey.report
    now = utcnow()
    code, code_hash = check_code.new_code_for(report.reference)
    acknowledge_by, review_by = working_days.deadlines(now)
    values = {"now": now, "code_hash": code_hash, "acknowledge_by": acknowledge_by, "review_by": review_by}
    submitted = db.session.execute(SUBMIT_DRAFT, {"report_id": report.id, **values})
    if submitted.rowcount != 1:
        db.session.rollback()
        return False
    set_committed_value(report, "status", "received")  # what the row now holds, without another query
    for name in (*SUBMITTED_COLUMNS, "check_code_issued_at"):
        set_committed_value(report, name, now)
    set_committed_value(report, "check_code_hash", code_hash)
    set_committed_value(report, "acknowledge_by", acknowledge_by)
    set_committed_value(report, "review_by", review_by)
    check_code.keep_shown(report.reference, code)  # for the person, in this session only
    audit.record("report_submitted", "report", report.reference, detail=f"channel={report.channel}")
    on_report_submitted(report)
    links.refresh(report, fresh=True)
    links.link_earlier_reference(report)
    db.session.commit()
    return True


def list_drafts(user) -> list[Report]:
    """The drafts of the user's centre, most recently changed first."""
    query = reports_for(user, DRAFTS)
    return list(db.session.scalars(query.options(selectinload(Report.created_by)).order_by(Report.updated_at.desc())))


def purge_drafts(max_age_days: int, now=None) -> int:
    """Delete drafts not changed for `max_age_days` days, with their files; returns how many."""
    cutoff = (now or utcnow()) - timedelta(days=max_age_days)
    stale = list(db.session.scalars(select(Report).where(Report.status == DRAFT, Report.updated_at < cutoff)))
    directory = evidence_dir()
    for draft in stale:
        for stored in draft.evidence_files:
            file_changes.delete_with_row(db.session, directory, stored.stored_name)
    recordings.remove_for_reports([draft.id for draft in stale])
    if stale:
        db.session.execute(delete(Report).where(Report.id.in_([draft.id for draft in stale])))
    audit.record("drafts_purged", detail=f"count={len(stale)} older_than_days={max_age_days}")
    db.session.commit()
    return len(stale)


def add_evidence(report, checked: evidence.CleanFile) -> EvidenceFile:
    stored_name = file_changes.store_with_row(db.session, evidence_dir(), checked)
    stored = EvidenceFile(
        stored_name=stored_name,
        original_name=checked.original_name,
        content_type=checked.content_type,
        size_bytes=len(checked.data),
        sha256=checked.sha256,
        uploaded_by_id=current_user.id if current_user.is_authenticated else None,
    )
    report.evidence_files.append(stored)
    db.session.flush()
    audit.record(
        "evidence_uploaded", "evidence", stored.id, detail=f"report={report.reference} type={stored.content_type}"
    )
    return stored


def remove_evidence(report, file_id: int) -> None:
    stored = next((item for item in report.evidence_files if item.id == file_id), None)
    if stored is None:
        return
    report.evidence_files.remove(stored)
    file_changes.delete_with_row(db.session, evidence_dir(), stored.stored_name)
    audit.record("evidence_removed", "evidence", file_id, detail=f"report={report.reference}")


def find_evidence(user, reference: str, file_id: int) -> tuple[Report, EvidenceFile] | None:
    """An evidence file of a report the user may see; drafts' files only for staff of that centre."""
    report = find_report(user, reference, SEEN_BY_STAFF)
    if report is None:
        return None
    stored = next((item for item in report.evidence_files if item.id == file_id), None)
    return (report, stored) if stored else None
