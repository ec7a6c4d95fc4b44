"""Opening a report with its reference and code, and the short session that shows it to the person.

The session holds the report's id and the start of its code's hash, so a new code given by the centre ends
every session opened with the old one. It ends with Exit this page (which empties the session), with
"Leave", and after `SELF_REPORT_IDLE_MINUTES` without use, as a report made online does.
"""

import time
from dataclasses import dataclass

from flask import current_app, session
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from .. import audit
from ..domain.case_timeline import Event, timeline
from ..domain.references import normalise_reference
from ..extensions import db
from ..models import Report
from ..satisfaction import services as satisfaction
from . import codes, throttle

CHECK_SESSION = "check_report"
SEEN_STEP = 30  # seconds: the time it was last used is written again only once it is this old
OPENED, NO_MATCH, THROTTLED = "opened", "no_match", "throttled"


@dataclass(frozen=True)
class CheckedReport:
    report: Report
    events: list[Event]


def open_report(reference_text: str, code_text: str) -> str:
    """Open the report for this browser if the code is its code: OPENED, NO_MATCH or THROTTLED.

    A reference that is no report and a wrong code answer alike, and both count as a wrong try."""
    reference = normalise_reference(reference_text)
    if throttle.is_throttled(reference):
        return THROTTLED
    report = db.session.scalar(select(Report).where(Report.reference == reference, Report.submitted))
    if report is None or not codes.matches(report, code_text):
        throttle.note_failure(reference)
        return NO_MATCH
    session[CHECK_SESSION] = {"id": report.id, "code": report.check_code_hash[:16], "seen": time.time()}
    audit.record("report_checked", "report", report.reference, "by=person")
    db.session.commit()
    return OPENED


def _held() -> dict | None:
    held = session.get(CHECK_SESSION)
    return held if isinstance(held, dict) and isinstance(held.get("id"), int) else None


def has_session() -> bool:
    return _held() is not None


def went_idle(now: float | None = None) -> bool:
    """True if this browser has a report open here that it has not used for the idle time; else note its use."""
    held = _held()
    if held is None:
        return False
    now = time.time() if now is None else now
    seen = held.get("seen") if isinstance(held.get("seen"), int | float) else now
    if now - seen > current_app.config["SELF_REPORT_IDLE_MINUTES"] * 60 + SEEN_STEP:
        return True
    if now - seen >= SEEN_STEP:
        session[CHECK_SESSION] = {**held, "seen": now}
    return False


def end() -> None:
    session.pop(CHECK_SESSION, None)


def checked_report() -> CheckedReport | None:
    """The report this browser opened, while its code is still the report's code; else None (and the session ends)."""
    held = _held()
    if held is None:
        return None
    query = (
        select(Report)
        .where(Report.id == held["id"], Report.submitted)
        .options(selectinload(Report.referrals), selectinload(Report.centre), selectinload(Report.assigned_centre))
    )
    report = db.session.scalar(query)
    if report is None or not report.check_code_hash or report.check_code_hash[:16] != held.get("code"):
        end()
        return None
    return CheckedReport(report, timeline(report))


@dataclass(frozen=True)
class FollowUpSurvey:
    """The follow-up survey as "Check my report" offers it: its state (domain/follow_up.py) and its link."""

    state: str
    url: str
    valid_from: object
    expires_at: object


def follow_up_survey(report: Report) -> FollowUpSurvey | None:
    """The report's follow-up survey (the same one-time link the receipt's QR code opens), or None."""
    invitation = satisfaction.issue_follow_up(report)
    token = satisfaction.token_for(invitation)
    if token is None:  # the secret key changed since: the link can no longer be made
        return None
    url = satisfaction.follow_up_url(token)
    return FollowUpSurvey(satisfaction.follow_up_state(invitation), url, invitation.valid_from, invitation.expires_at)


def contact_centre(report: Report):
    """The centre the person gets in touch with: the one following it up, or where it was made; None online."""
    return report.assigned_centre or (report.centre if report.channel == "assisted" else None)
