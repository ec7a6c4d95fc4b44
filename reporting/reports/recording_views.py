"""The report page's recorded account: played to staff who may see the report, streamed with range requests (never
a public URL), and the written summary staff add of it."""

from flask import Response, abort, redirect, request, url_for
from flask_login import current_user

from .. import audit
from ..access import SEEN_BY_STAFF, SUBMITTED, find_report, role_required, with_report
from ..extensions import db
from ..models import ROLES
from ..recordings import chunks, ranges, services, storage
from . import bp, views
from .forms import RecordingSummaryForm


def _ready_recording(report):
    recording = services.recording_of(report)
    if recording is None or recording.status != "ready":
        abort(404)
    return recording


@bp.get("/<reference>/recording")
@role_required(*ROLES)
def play_recording(reference: str):
    """The recording's bytes, whole or the range asked for (206); 404 unless the user may see the report."""
    report = find_report(current_user, reference, SEEN_BY_STAFF)
    if report is None:
        abort(404)
    recording = _ready_recording(report)
    path = storage.path_of(services.folder(), recording.stored_name)
    size = chunks.plain_size(path)
    try:
        wanted = ranges.byte_range(request.headers.get("Range"), size)
    except ranges.Unsatisfiable:
        return Response(status=416, headers={"Content-Range": f"bytes */{size}"}, mimetype="text/plain")
    if wanted is None or wanted[0] == 0:  # a new playing, not each seek, goes in the audit trail
        audit.record("recording_played", "recording", recording.id, detail=f"report={report.reference}")
        db.session.commit()
    first, last = wanted or (0, size - 1)
    headers = {"Accept-Ranges": "bytes", "Content-Length": str(last - first + 1), "Content-Disposition": "inline"}
    if wanted is not None:
        headers["Content-Range"] = f"bytes {first}-{last}/{size}"
    body = chunks.read_range(path, first, last)
    return Response(body, status=206 if wanted else 200, headers=headers, mimetype=services.content_type(recording))


@bp.post("/<reference>/recording/summary")
@role_required(*ROLES)
@with_report(SUBMITTED)
def save_recording_summary(report):
    recording = _ready_recording(report)
    form = RecordingSummaryForm()
    if not form.validate():
        return views._render_report(report, failed=form), 400
    services.save_summary(report, recording, (form.summary.data or "").strip() or None)
    return redirect(url_for("reports.view_report", reference=report.reference, _anchor="recording"), 303)
