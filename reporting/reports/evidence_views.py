"""The report page's evidence actions: marking a file as identifying the person, or not."""

from flask import abort, redirect, url_for

from ..access import SUBMITTED, role_required, with_report
from ..models import ROLES
from . import bp, evidence
from .forms import IdentifyingEvidenceForm


@bp.post("/<reference>/evidence/<int:file_id>/identifying")
@role_required(*ROLES)
@with_report(SUBMITTED)
def mark_evidence(report, file_id: int):
    """The page sends one button per file, so a form without a valid answer was tampered with: 400."""
    stored = evidence.evidence_file(report, file_id)
    if stored is None:
        abort(404)
    form = IdentifyingEvidenceForm()
    if not form.validate():
        abort(400)
    evidence.mark_identifying(report, stored, form.identifying.data == "yes")
    return redirect(url_for("reports.view_report", reference=report.reference, _anchor="evidence"), 303)
