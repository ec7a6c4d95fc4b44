"""Giving a case to a centre to follow up. Kept apart from the rest of case work so that the self-report queue can
use it without importing the report pages."""

from .. import audit
from ..extensions import db
from ..models import Report, utcnow
from . import rules


def give_to_centre(report: Report, centre) -> None:
    """Give a case to a centre to follow up (a self-report waiting for one, or a case moved from a centre that is
    closing). Where it was made (`centre_id`) does not change, so the review counts stay as they were; a
    caseworker of the centre it leaves no longer has it."""
    previous = report.assigned_centre.code if report.assigned_centre else None
    if rules.case_centre_id(report) != centre.id:
        report.assigned_to = None
    report.assigned_centre = centre
    report.assigned_at = utcnow()
    audit.record("case_given_to_centre", "report", report.reference, detail=f"from={previous} to={centre.code}")
    db.session.commit()
