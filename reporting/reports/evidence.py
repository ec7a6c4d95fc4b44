"""Evidence files on a report's page: marking a file as identifying the person, so that an anonymous referral
to the police never carries it (domain/redaction.py)."""

from .. import audit
from ..extensions import db
from ..models import EvidenceFile, Report


def evidence_file(report: Report, file_id: int) -> EvidenceFile | None:
    return next((item for item in report.evidence_files if item.id == file_id), None)


def mark_identifying(report: Report, stored: EvidenceFile, identifying: bool) -> None:
    """Mark the file as identifying the person, or not; audited when the mark changes."""
    if stored.identifying != identifying:
        stored.identifying = identifying
        action = "evidence_marked_identifying" if identifying else "evidence_unmarked_identifying"
        audit.record(action, "evidence", stored.id, detail=f"report={report.reference}")
    db.session.commit()
