"""Pictures, screenshots and files added to a report made online.

They are checked, cleaned and stored exactly as at a centre (`intake.evidence`, `intake.services.add_evidence`).
What differs online is who may add them: anyone, with no account. So a report takes only a few files of a
limited total size, shown before the person chooses any; its draft takes only so much a day, counting files it
took and then removed (`DraftUpload`); and an unsent draft's files go with it: when its browser leaves it ("Exit
this page", or left idle on a shared device) and when `drafts purge` removes the draft.
"""

from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, select

from .. import messages
from ..domain import evidence_limits
from ..domain.evidence_limits import FileLimits
from ..extensions import db
from ..intake import services as intake_services
from ..models import utcnow
from .models import DraftUpload

ALLOWANCE_WINDOW = timedelta(hours=24)


def limits() -> FileLimits:
    config = current_app.config
    total = config["SELF_REPORT_EVIDENCE_MAX_BYTES"]
    return FileLimits(
        files=config["SELF_REPORT_EVIDENCE_MAX_FILES"],
        total_bytes=total,
        file_bytes=min(config["EVIDENCE_MAX_BYTES"], total),
        daily_files=config["SELF_REPORT_EVIDENCE_DAILY_FILES"],
        daily_bytes=config["SELF_REPORT_EVIDENCE_DAILY_BYTES"],
    )


def file_limits() -> tuple[int, int]:
    """(most files a report may carry, most bytes one file may take), as `EvidenceFiles` reads them."""
    current = limits()
    return current.files, current.file_bytes


def refusal_message(report, checked_files: list) -> str | None:
    """Why the checked files cannot join the report, in words for the person; None if they can."""
    current = limits()
    kept = [stored.size_bytes for stored in report.evidence_files]
    reason = evidence_limits.refusal(current, kept, _taken_lately(report), [len(file.data) for file in checked_files])
    if reason == evidence_limits.TOO_MANY:
        return str(messages.EVIDENCE_TOO_MANY) % {"count": current.files}
    if reason == evidence_limits.TOTAL_TOO_BIG:
        return str(messages.EVIDENCE_TOTAL_TOO_BIG) % {"size": current.total_megabytes}
    if reason == evidence_limits.DAILY_ALLOWANCE_USED:
        return str(messages.EVIDENCE_DAILY_ALLOWANCE_USED)
    return None


def request_too_large_message() -> str:
    return str(messages.EVIDENCE_REQUEST_TOO_BIG_IN_TOTAL) % {"size": limits().total_megabytes}


def _taken_lately(report) -> list[int]:
    since = utcnow() - ALLOWANCE_WINDOW
    query = select(DraftUpload.size_bytes).where(DraftUpload.report_id == report.id, DraftUpload.uploaded_at >= since)
    return list(db.session.scalars(query))


def add(report, checked) -> None:
    """Store a checked file with the draft, and count it against the draft's allowance."""
    stored = intake_services.add_evidence(report, checked)
    # Nobody at a centre has seen the file yet: an anonymous referral to the police leaves it out until staff
    # have looked at it and marked it as not identifying the person.
    stored.identifying = True
    db.session.add(DraftUpload(report_id=report.id, size_bytes=stored.size_bytes))


def remove(report, file_id: int) -> None:
    """Remove one file (its bytes go once the change is committed); it still counts against the allowance."""
    intake_services.remove_evidence(report, file_id)


def remove_unsent(report) -> None:
    """Remove every file of a draft its browser can no longer reach; the caller commits."""
    if report.submitted:
        return
    for stored in list(report.evidence_files):
        intake_services.remove_evidence(report, stored.id)


def forget_uploads(report) -> None:
    """A sent report's allowance is no longer needed; the caller commits."""
    db.session.execute(delete(DraftUpload).where(DraftUpload.report_id == report.id))


def page_context(report) -> dict:
    """What the page shows before any file is chosen: the limits, and how many more files the report may take."""
    current = limits()
    kept = [stored.size_bytes for stored in report.evidence_files]
    return {"file_limits": current, "files_left": evidence_limits.files_left(current, kept)}
