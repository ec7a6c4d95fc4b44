"""Self-reports: drafts kept on the server and found by a token in the person's session, saving a page,
submitting once, and the partnership unit's queue of self-reports to assign to a centre.

The draft token is random (256 bits) and only its SHA-256 is stored, so neither the database nor the
reference alone opens a draft or a receipt: only the browser session that made the report can.
"""

import hashlib
import json
import secrets
import time

from flask import session
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import MultiDict

from .. import audit
from ..access import SELF_REPORTS, reports_for
from ..cases.handing_on import give_to_centre
from ..domain.paging import nearest_page
from ..domain.references import new_reference
from ..domain.statuses import DRAFT
from ..extensions import db
from ..i18n import language_tag
from ..intake import services as intake_services
from ..links import services as links
from ..models import Centre, HeldAnswers, Report, utcnow
from ..recordings import services as recordings
from ..satisfaction import services as satisfaction
from . import files
from .journey import page_is_valid

SESSION_TOKEN = "self_report_token"
SESSION_FLOW = "self_report_flow"
# When this browser last used its report. Written again only once it is SEEN_STEP seconds old, so most pages
# send no new cookie; the idle limit is counted from it plus the step, so a session never ends early.
SESSION_SEEN = "self_report_seen"
SEEN_STEP = 30


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_draft(flow) -> Report:
    """A new draft with its reference drawn, its token in this session and its hash on the row."""
    for _attempt in range(5):
        token = secrets.token_urlsafe(32)
        draft = Report(
            reference=new_reference(),
            channel=flow.channel,
            centre_id=None,
            status=DRAFT,
            language=language_tag(),
            steps_done=[],
            draft_token_hash=token_hash(token),
        )
        db.session.add(draft)
        try:
            db.session.flush()
        except IntegrityError:  # the same reference drawn twice: draw again
            db.session.rollback()
            continue
        audit.record("draft_started", "report", draft.reference, detail=f"channel=self flow={flow.name}")
        db.session.commit()
        session[SESSION_TOKEN] = token
        session[SESSION_FLOW] = flow.name
        session[SESSION_SEEN] = time.time()
        return draft
    raise RuntimeError("could not draw an unused reference")


def session_report() -> Report | None:
    """The self-report (draft or submitted) of this browser session, if any."""
    token = session.get(SESSION_TOKEN)
    if not isinstance(token, str) or not token:
        return None
    return db.session.scalar(select(Report).where(Report.draft_token_hash == token_hash(token)))


def session_flow_name() -> str | None:
    return session.get(SESSION_FLOW)


def forget_session_report() -> None:
    session.pop(SESSION_TOKEN, None)
    session.pop(SESSION_FLOW, None)
    session.pop(SESSION_SEEN, None)


def session_went_idle(idle_minutes: int, now: float | None = None) -> bool:
    """True if this browser holds a report it has not used for `idle_minutes`; otherwise note it as in use."""
    if not session.get(SESSION_TOKEN):
        return False
    now = time.time() if now is None else now
    seen = session.get(SESSION_SEEN)
    if not isinstance(seen, int | float):
        seen = now
    if now - seen > idle_minutes * 60 + SEEN_STEP:
        return True
    if SESSION_SEEN not in session or now - seen >= SEEN_STEP:
        session[SESSION_SEEN] = now
    return False


def end_session_report() -> None:
    """Cut this browser off from its report for good: the report keeps a token hash no browser holds, and the
    session (with its draft, receipt and survey answers) is emptied, so the session cookie is cleared."""
    report = session_report()
    if report is not None:
        report.draft_token_hash = token_hash(secrets.token_urlsafe(32))
        files.remove_unsent(report)  # no browser can reach the draft now, so nothing may stay stored with it
        if not report.submitted:
            recordings.remove(report)  # nor an account recorded in it
        db.session.commit()
    session.clear()


def keep_for_language_switch(journey, form, posted: MultiDict) -> None:
    """Keep a page's answers when the person changes language on it: saved to the draft when they are complete
    and valid, else held as typed (`held_answers`) to be shown again on the page in the new language."""
    if page_is_valid(form, journey.flow.page(form.page_slug)):
        save_page(journey, form)
    else:
        hold_answers(journey.report, form.page_slug, posted)


def take_held_answers(report: Report, slug: str) -> MultiDict | None:
    """The answers held as typed for a page of this draft (then forgotten), or None."""
    query = select(HeldAnswers).where(
        HeldAnswers.user_id.is_(None), HeldAnswers.report_id == report.id, HeldAnswers.step == slug
    )
    row = db.session.scalars(query).first()
    if row is None:
        return None
    kept = json.loads(row.form_data)
    db.session.delete(row)
    db.session.commit()
    return MultiDict([(name, value) for name, values in kept.items() for value in values])


def hold_answers(report: Report, slug: str, posted: MultiDict) -> None:
    """Keep, as typed, answers posted too late to be checked and shown again, with the draft they belong to
    (no user: a report made online has none)."""
    query = select(HeldAnswers).where(
        HeldAnswers.user_id.is_(None), HeldAnswers.report_id == report.id, HeldAnswers.step == slug
    )
    row = db.session.scalars(query).first() or HeldAnswers(report_id=report.id, step=slug)
    kept = {name: posted.getlist(name) for name in posted if name not in ("csrf_token", "report_version")}
    row.form_data = json.dumps(kept)
    row.created_at = report.updated_at = utcnow()
    db.session.add(row)
    audit.record("answers_held", "report", report.reference, detail=f"step={slug} channel=self")
    db.session.commit()


def save_page(journey, form) -> None:
    """Store one page's answers in the language the page was shown in, forget answers that no longer apply."""
    report = journey.report
    form.save(report)
    report.language = language_tag()
    done = set(report.steps_done or []) | {form.page_slug}
    report.steps_done = [slug for slug in journey.flow.step_slugs if slug in done]
    journey.refresh()
    for step in journey.skipped_but_answered():
        step.clear(report, journey.flow)
    journey.refresh()
    # A page that no longer applies is asked again if it comes back (its answer was forgotten).
    report.steps_done = [slug for slug in report.steps_done if slug in journey.shown]
    report.updated_at = utcnow()
    audit.record("draft_step_saved", "report", report.reference, detail=f"step={form.page_slug} channel=self")
    links.refresh_draft(report)
    db.session.commit()
    journey.refresh()


def submit(journey) -> bool:
    """Submit the draft once; True if this call submitted it. Opens the immediate survey for this browser."""
    journey.report.language = language_tag()
    db.session.commit()
    submitted = intake_services.submit(journey)
    report = journey.report
    db.session.refresh(report)
    if report.submitted:
        satisfaction.on_report_submitted(report)
        files.forget_uploads(report)
        db.session.commit()
    return submitted


# ---------------------------------------------------------------- the partnership unit's queue


QUEUE_PAGE_SIZE = 25


def queue_page(user, assigned: bool, page: int = 1) -> tuple[list[Report], int]:
    """One page of submitted self-reports waiting for a centre, oldest first (or, with `assigned`, those given to
    one, most recently reported first), and how many there are in all. A page beyond the last gives the last."""
    query = reports_for(user, SELF_REPORTS)
    query = query.where(Report.assigned_centre_id.is_not(None) if assigned else Report.assigned_centre_id.is_(None))
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    page = nearest_page(page, total, QUEUE_PAGE_SIZE)
    order = (Report.reported_at.desc(), Report.id.desc()) if assigned else (Report.reported_at, Report.id)
    query = query.options(
        selectinload(Report.category_rows), selectinload(Report.assigned_centre), selectinload(Report.area)
    )
    rows = db.session.scalars(query.order_by(*order).limit(QUEUE_PAGE_SIZE).offset((page - 1) * QUEUE_PAGE_SIZE))
    return list(rows), total


def active_centres() -> list[Centre]:
    return list(db.session.scalars(select(Centre).where(Centre.active.is_(True)).order_by(Centre.name)))


def assign(report: Report, centre: Centre) -> None:
    """Give a self-report to a centre to follow up; where it was made (`centre`, none online) does not change."""
    give_to_centre(report, centre)
