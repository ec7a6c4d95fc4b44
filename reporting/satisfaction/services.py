"""Surveys: inviting, recording answers once, the follow-up link and its QR code.

Call `issue_follow_up(report)` when a report is submitted (both journeys do): it creates the
follow-up invitation once, and the receipt and confirmation pages show its link with
`follow_up_link(report)`. Answers are stored as `SurveyResponse` rows, one per answered question;
closing the invitation is a single conditional update, so a double submission stores one set.
"""

from dataclasses import dataclass
from datetime import datetime

from flask import current_app, has_request_context, session
from markupsafe import Markup
from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite

from .. import audit
from ..domain import follow_up
from ..domain.satisfaction import COMMENT, FOLLOW_UP, IMMEDIATE, RECOMMEND, RECOMMEND_ANSWERS, SCALE_QUESTIONS, SCORES
from ..domain.ukdates import now_utc
from ..extensions import db
from ..models import Report, SurveyResponse
from ..urls import public_url
from . import qr
from .models import SurveyInvitation

TOKEN_LENGTH = 43
# References of reports made online in this browser session, whose immediate survey it may answer.
ONLINE_SURVEYS = "online_surveys"
# An invitation's INSERT ... ON CONFLICT DO NOTHING, for each database the app runs on (made once).
ADD_INVITATION = {
    name: insert(SurveyInvitation.__table__).on_conflict_do_nothing(index_elements=["report_id", "kind"])
    for name, insert in {"sqlite": sqlite.insert, "postgresql": postgresql.insert}.items()
}


@dataclass(frozen=True)
class FollowUpLink:
    """What a receipt or confirmation page prints: the link, its QR code, and when it works."""

    url: str
    valid_from: datetime
    expires_at: datetime

    @property
    def qr_svg(self) -> Markup:
        return qr.qr_svg(self.url)

    @property
    def qr_data_uri(self) -> str:
        return qr.qr_svg_data_uri(self.url)

    @property
    def qr_png(self) -> bytes:
        return qr.qr_png(self.url)


# ---------------------------------------------------------------- finding invitations


def invitation(report: Report, kind: str) -> SurveyInvitation | None:
    return db.session.scalar(
        select(SurveyInvitation).where(SurveyInvitation.report_id == report.id, SurveyInvitation.kind == kind)
    )


def _create_once(report: Report, kind: str, **fields) -> None:
    """Create the report's invitation of this kind unless it exists (safe against a race).

    One Core INSERT ... ON CONFLICT DO NOTHING on the (report, kind) pair: a report being submitted has
    no invitation yet, so submitting costs one plain statement, with no look-up and no savepoint."""
    statement = ADD_INVITATION[db.session.get_bind().dialect.name]
    db.session.execute(statement, {"report_id": report.id, "kind": kind, **fields})


def immediate_invitation(report: Report) -> SurveyInvitation:
    _create_once(report, IMMEDIATE)
    return invitation(report, IMMEDIATE)


def immediate_survey_open(report: Report) -> bool:
    found = invitation(report, IMMEDIATE)
    return found is None or not found.is_closed


def on_report_submitted(report: Report) -> None:
    """Call when a report is submitted (either journey), then commit: issues the follow-up link, and
    lets the browser that made a self-report answer its immediate survey. Calling it again does no harm."""
    if has_request_context() and report.channel == "self":
        earlier = [reference for reference in session.get(ONLINE_SURVEYS, []) if reference != report.reference]
        session[ONLINE_SURVEYS] = [*earlier[-4:], report.reference]
    _add_follow_up(report)


def may_answer_online(report: Report) -> bool:
    return report.channel == "self" and report.reference in session.get(ONLINE_SURVEYS, [])


# ---------------------------------------------------------------- the follow-up link


def issue_follow_up(report: Report) -> SurveyInvitation:
    """The report's follow-up invitation with its token, created once; the caller commits."""
    _add_follow_up(report)
    return invitation(report, FOLLOW_UP)


def _add_follow_up(report: Report) -> None:
    config = current_app.config
    reported_at = report.reported_at or now_utc()
    valid_from, expires_at = follow_up.validity(reported_at, config["FOLLOW_UP_DAYS"], config["FOLLOW_UP_VALID_DAYS"])
    salt = follow_up.new_salt()
    token = follow_up.derive_token(config["SECRET_KEY"], salt)
    _create_once(
        report,
        FOLLOW_UP,
        token_salt=salt,
        token_hash=follow_up.token_hash(token),
        valid_from=valid_from,
        expires_at=expires_at,
    )


def issue_missing_follow_ups(reports) -> int:
    """Follow-up invitations for submitted reports that have none (imported or demo reports); returns how many."""
    issued = 0
    for report in reports:
        if report.submitted and invitation(report, FOLLOW_UP) is None:
            issue_follow_up(report)
            issued += 1
    return issued


def token_for(found: SurveyInvitation) -> str | None:
    """The invitation's token, derived again; None if the secret key has changed since it was issued."""
    if not found.token_salt:
        return None
    token = follow_up.derive_token(current_app.config["SECRET_KEY"], found.token_salt)
    return token if follow_up.token_hash(token) == found.token_hash else None


def follow_up_url(token: str) -> str:
    """The full address of the follow-up survey for `token`, as printed on a receipt."""
    return public_url("satisfaction.follow_up", token=token)


def follow_up_link(report: Report) -> FollowUpLink | None:
    """The report's follow-up link and QR code, issuing the invitation if the report has none yet.

    None for a draft, or when the link can no longer be derived (the secret key was changed).
    """
    if not report.submitted:
        return None
    found = issue_follow_up(report)
    token = token_for(found)
    if token is None:
        return None
    return FollowUpLink(follow_up_url(token), found.valid_from, found.expires_at)


def find_follow_up(token: str) -> SurveyInvitation | None:
    if not token or len(token) != TOKEN_LENGTH:
        return None
    return db.session.scalar(
        select(SurveyInvitation).where(
            SurveyInvitation.token_hash == follow_up.token_hash(token), SurveyInvitation.kind == FOLLOW_UP
        )
    )


def follow_up_state(found: SurveyInvitation, now: datetime | None = None) -> str:
    return follow_up.token_state(found.valid_from, found.expires_at, found.closed_at, now or now_utc())


# ---------------------------------------------------------------- recording answers


def _close(found: SurveyInvitation, outcome: str, now: datetime) -> bool:
    """Close the invitation if it is open; True if this call closed it."""
    closed = db.session.execute(
        update(SurveyInvitation)
        .where(SurveyInvitation.id == found.id, SurveyInvitation.closed_at.is_(None))
        .values(outcome=outcome, closed_at=now)
        .execution_options(synchronize_session="fetch")
    )
    return closed.rowcount == 1


def response_rows(answers: dict, kind: str, now: datetime) -> list[SurveyResponse]:
    """One row per answered question: scores 1-5, the recommendation, and the comment."""
    rows = [
        SurveyResponse(kind=kind, question=question, score=answers[question], answered_at=now)
        for question in SCALE_QUESTIONS
        if answers.get(question) in SCORES
    ]
    if answers.get(RECOMMEND) in RECOMMEND_ANSWERS:
        rows.append(SurveyResponse(kind=kind, question=RECOMMEND, answer=answers[RECOMMEND], answered_at=now))
    comment = (answers.get(COMMENT) or "").strip()
    if comment:
        rows.append(SurveyResponse(kind=kind, question=COMMENT, comment=comment, answered_at=now))
    return rows


def record_answers(found: SurveyInvitation, answers: dict) -> bool:
    """Store the answers and close the invitation; False (nothing stored) if it was already closed."""
    now = now_utc()
    if not _close(found, "answered", now):
        db.session.rollback()
        return False
    rows = response_rows(answers, found.kind, now)
    for row in rows:
        row.report_id = found.report_id
    db.session.add_all(rows)
    audit.record("survey_answered", "report", found.report.reference, f"kind={found.kind} answers={len(rows)}")
    db.session.commit()
    return True


def decline(found: SurveyInvitation) -> bool:
    """Close the invitation without answers; False if it was already closed."""
    if not _close(found, "declined", now_utc()):
        db.session.rollback()
        return False
    audit.record("survey_declined", "report", found.report.reference, f"kind={found.kind}")
    db.session.commit()
    return True
