"""Recorded accounts: taking an upload, checking and cleaning it outside the request, playing it back to staff,
their written summary of it, and removing it with the report's other evidence.

The request only reads the upload (refusing one that is empty, too big, or not sound or video by its content,
which `ffprobe` says in a moment), seals it as `pending` and commits. The clean copy, which can take minutes
for a long phone video, is made by a worker thread of the app process, started after that commit; what a
stopped process leaves pending is picked up by `process_recordings()` (`flask --app reporting recordings
process`, also a job of `jobs run`).
"""

import logging
import shutil
import tempfile
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from flask import current_app, has_app_context
from flask_login import current_user
from sqlalchemy import event, or_, select, update
from sqlalchemy.orm import Session

from .. import audit
from ..domain import recordings as recordings_domain
from ..extensions import db
from ..models import utcnow
from . import chunks, media, storage, worker
from .models import Recording

log = logging.getLogger(__name__)
READ_BLOCK = 1024 * 1024
_WAITING = "recordings_to_process"
# Plain copies live only in a private work folder while FFmpeg reads them; the `.tmp-` prefix keeps them out of
# backups (reporting/privacy/backup.py leaves unfinished files out).
PLAIN_UPLOAD, PLAIN_COPY = ".tmp-upload", ".tmp-clean"
# A claim on a pending recording older than this is taken to be from a process that stopped.
STALE_CLAIM = timedelta(seconds=media.CONVERT_SECONDS + 300)


class RecordingRefused(ValueError):
    """An upload that cannot be kept: `reason` is `empty`, `too_big`, `wrong_type`, `too_long` or `unavailable` (FFmpeg
    cannot run)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def folder() -> Path:
    from ..intake.services import evidence_dir

    return storage.directory_in(evidence_dir())


def max_bytes() -> int:
    """The largest recording: its route's body limit (`BODY_LIMITS["recording"]`) less room for the form's words."""
    limits = current_app.config["BODY_LIMITS"]
    return limits["recording"] - limits["public_form"]


def max_seconds() -> int:
    return int(current_app.config["RECORDING_MAX_SECONDS"])


def recording_of(report) -> Recording | None:
    """The report's recorded account (at most one: a new one replaces it)."""
    if report is None or report.id is None:
        return None
    return db.session.scalar(select(Recording).where(Recording.report_id == report.id).order_by(Recording.id.desc()))


@dataclass
class CheckedUpload:
    """An upload read into a private work folder and found to be sound or video; `close` removes it."""

    folder: tempfile.TemporaryDirectory
    size: int
    kind: str

    @property
    def path(self) -> Path:
        return Path(self.folder.name) / PLAIN_UPLOAD

    def close(self) -> None:
        self.folder.cleanup()


def check_upload(upload) -> CheckedUpload:
    """Read the upload and check it by its content; RecordingRefused (and nothing kept) unless it is a recording."""
    work = tempfile.TemporaryDirectory(prefix=".work-", dir=folder())
    try:
        checked = _checked(upload, work)
    except (RecordingRefused, media.MediaRefused):
        work.cleanup()
        raise
    return checked


def _checked(upload, work: tempfile.TemporaryDirectory) -> CheckedUpload:
    plain = Path(work.name) / PLAIN_UPLOAD
    size = _copy_limited(upload.stream, plain, max_bytes())
    if size == 0:
        raise RecordingRefused("empty")
    try:
        found = media.probe(plain)
    except media.MediaRefused as refused:
        raise RecordingRefused(refused.reason) from None
    except media.MediaUnavailable:
        log.error("recordings cannot be checked: ffprobe is not available")
        raise RecordingRefused("unavailable") from None
    if found.duration is not None and found.duration > max_seconds() + 1:
        raise RecordingRefused("too_long")
    return CheckedUpload(work, size, found.kind)


def store(report, checked: CheckedUpload, source: str) -> Recording:
    """Seal a checked upload as pending, replacing any earlier recording; processing starts after the commit."""
    stored_name = storage.seal(db.session, folder(), checked.path, "pending")
    checked.close()
    remove(report)
    recording = Recording(report_id=report.id, status="pending", stored_name=stored_name, kind=checked.kind,
                          size_bytes=checked.size, source=source, uploaded_by_id=_staff_id())  # fmt: skip
    db.session.add(recording)
    db.session.flush()
    detail = f"report={report.reference} kind={checked.kind}"
    audit.record("recording_uploaded", "recording", recording.id, detail=detail)
    _after_commit(recording.id)
    return recording


def _copy_limited(stream, target: Path, limit: int) -> int:
    size = 0
    with target.open("wb") as plain:
        while block := stream.read(READ_BLOCK):
            size += len(block)
            if size > limit:
                raise RecordingRefused("too_big")
            plain.write(block)
    return size


def _staff_id() -> int | None:
    return current_user.id if current_user and current_user.is_authenticated else None


def remove(report) -> None:
    """Remove the report's recording (its file once the removal commits)."""
    existing = recording_of(report)
    if existing is None:
        return
    storage.remove_after_commit(db.session, folder(), existing.stored_name)
    audit.record("recording_removed", "recording", existing.id, detail=f"report={report.reference}")
    db.session.delete(existing)


def remove_for_reports(report_ids: list[int]) -> None:
    """Remove every recording of these reports (erasure, retention, unsent drafts), files after the commit."""
    if not report_ids:
        return
    target = folder()
    for recording in db.session.scalars(select(Recording).where(Recording.report_id.in_(report_ids))):
        storage.remove_after_commit(db.session, target, recording.stored_name)
        db.session.delete(recording)


# ---------------------------------------------------------------- processing


def _after_commit(recording_id: int) -> None:
    db.session.info.setdefault(_WAITING, []).append(recording_id)


@event.listens_for(Session, "after_commit")
def _start_waiting(session: Session) -> None:
    """Hand the recordings this commit stored to the worker thread (with `RECORDING_PROCESSING=thread`)."""
    ids = session.info.pop(_WAITING, [])
    if ids and has_app_context() and current_app.config["RECORDING_PROCESSING"] == "thread":
        worker.submit(current_app._get_current_object(), ids)


@event.listens_for(Session, "after_rollback")
def _forget_waiting(session: Session) -> None:
    session.info.pop(_WAITING, None)


def process_recordings() -> int:
    """Process every pending recording that no live worker holds; returns how many were finished."""
    stale = utcnow() - STALE_CLAIM
    waiting = select(Recording.id).where(
        Recording.status == "pending", or_(Recording.processed_at.is_(None), Recording.processed_at < stale)
    )
    return sum(process(recording_id) for recording_id in list(db.session.scalars(waiting)))


def _claim(recording_id: int) -> bool:
    """Take the recording for this process (while pending, `processed_at` says when processing began)."""
    stale = utcnow() - STALE_CLAIM
    claimed = db.session.execute(
        update(Recording)
        .where(Recording.id == recording_id, Recording.status == "pending")
        .where(or_(Recording.processed_at.is_(None), Recording.processed_at < stale))
        .values(processed_at=utcnow())
    )
    db.session.commit()
    return claimed.rowcount == 1


def process(recording_id: int) -> bool:
    """Check the pending upload by its content, make its clean copy and seal it; True when it is done."""
    if not _claim(recording_id):
        return False
    recording = db.session.get(Recording, recording_id)
    if recording is None:  # replaced or removed since it was claimed
        return False
    target = folder()
    pending = recording.stored_name
    try:
        with storage.workspace(target) as work:
            chunks.decrypt_to(storage.path_of(target, pending), work / PLAIN_UPLOAD)
            _make_clean_copy(recording, target, work)
    except (media.MediaRefused, RecordingRefused) as refused:
        recording.status, recording.refusal, recording.stored_name = "refused", refused.reason, None
        recording.processed_at = utcnow()
    except (chunks.ChunkError, FileNotFoundError):
        log.warning("recording %s could not be read; refused", recording_id)
        recording.status, recording.refusal, recording.stored_name = "refused", "wrong_type", None
    storage.remove_after_commit(db.session, target, pending)
    audit.record(f"recording_{recording.status}", "recording", recording.id, detail=f"format={recording.media_format}")
    db.session.commit()
    return True


def _make_clean_copy(recording: Recording, target: Path, work: Path) -> None:
    found = media.probe(work / PLAIN_UPLOAD)
    clean = work / PLAIN_COPY
    named = media.clean_copy(work / PLAIN_UPLOAD, clean, found)
    copied = media.probe(clean)
    if copied.duration is None or copied.duration > max_seconds() + 1:
        raise RecordingRefused("too_long" if copied.duration else "wrong_type")
    recording.stored_name = storage.seal(db.session, target, clean, "rec")
    recording.status, recording.kind, recording.media_format = "ready", copied.kind, named
    recording.duration_seconds = round(copied.duration, 1)
    recording.size_bytes = clean.stat().st_size
    recording.processed_at = utcnow()


def sweep() -> int:
    return storage.sweep(db.session, folder())


def ffmpeg_available() -> bool:
    return bool(shutil.which("ffmpeg") and shutil.which("ffprobe"))


# ---------------------------------------------------------------- staff


def content_type(recording: Recording) -> str:
    return media.FORMATS[recording.media_format][0]


def save_summary(report, recording: Recording, summary: str | None) -> None:
    """Staff's written summary of what the recording says (encrypted), with who wrote it and when; audited."""
    recording.staff_summary = summary
    recording.summary_by_id = current_user.id
    recording.summary_at = utcnow()
    audit.record("recording_summary_saved", "recording", recording.id, detail=f"report={report.reference}")
    db.session.commit()


def describe(recording: Recording) -> str:
    """'Video, 3:05' or 'Voice recording, 0:40' (the length once it is known), in the page's language."""
    from .wording import KINDS

    kind = str(KINDS.get(recording.kind or "audio"))
    if recording.duration_seconds is None:
        return kind
    return f"{kind}, {recordings_domain.clock(recording.duration_seconds)}"
