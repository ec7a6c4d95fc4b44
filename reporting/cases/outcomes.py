"""Closing a case with its outcomes, reopening it, and the outcomes as the report page and the dip sample read them.

Closing records one or more outcomes (`domain.outcomes`) as the case's current outcomes (`report_outcomes`) and on
the status change that closed it. A case closed before it was acknowledged counts as acknowledged when it was
closed: closing answers the case. Reopening (any status change away from closed) clears the current outcomes and
when it was closed; the outcomes of each closing stay on its status change, in the case's history.
"""

from flask_babel import gettext as _

from .. import audit
from ..domain.outcomes import chosen_outcomes
from ..domain.statuses import CLOSED
from ..extensions import db
from ..labels import label
from ..models import Report, ReportOutcome, ReportStatusChange, utcnow


class AlreadyClosed(Exception):
    """The case was closed (by someone else) since the page was shown."""


def current_outcomes(report: Report) -> list[str]:
    return [row.code for row in report.outcome_rows]


def close_case(report: Report, user, codes) -> None:
    """Close the case with these outcomes (NoOutcome or UnknownOutcome when they will not do), audit and commit."""
    if report.status == CLOSED:
        raise AlreadyClosed(report.reference)
    outcomes = chosen_outcomes(codes)
    now = utcnow()
    db.session.add(
        ReportStatusChange(
            report=report, from_status=report.status, to_status=CLOSED, changed_by_id=user.id, outcomes=outcomes
        )
    )
    old_status = report.status
    report.status, report.closed_at = CLOSED, now
    if report.acknowledged_at is None:
        report.acknowledged_at = now
    report.outcome_rows = [ReportOutcome(code=code) for code in outcomes]
    audit.record("case_closed", "report", report.reference, detail=f"from={old_status} outcomes={','.join(outcomes)}")
    db.session.commit()


def forget_outcomes(report: Report) -> None:
    """On reopening (in the caller's transaction): the case has no current outcomes, and is no longer closed."""
    report.outcome_rows = []
    report.closed_at = None


def closings(report: Report) -> list[ReportStatusChange]:
    """Every status change that closed the case, latest first."""
    return sorted(
        (change for change in report.status_changes if change.to_status == CLOSED),
        key=lambda change: change.id or 0,
        reverse=True,
    )


def outcome_labels(codes) -> list[str]:
    return [label("outcomes", code) for code in codes or ()]


def recorded_outcome_text(report: Report | None) -> str:
    """What the dip sample shows beside its "outcome suitable" check."""
    if report is None:
        return _("The report's details are no longer held.")
    if report.status != CLOSED:
        return _("No outcome recorded yet: the case is still open.")
    outcomes = current_outcomes(report)
    if not outcomes:
        return _("The case was closed without an outcome recorded.")
    return _("Recorded outcome: %(outcomes)s.", outcomes="; ".join(outcome_labels(outcomes)))
