"""Answers posted on a step after the volunteer's session had ended, held for that volunteer and that draft.

When a session has ended (idle, or at its absolute lifetime), the sign-out in auth/sessions.py calls
`hold` for a step's POST before signing the volunteer out: the posted fields are kept, encrypted, in
`held_answers`. The next sign-in of the same volunteer calls `resume`, which saves them to the draft if
they pass the step's checks, or else shows the step with them and its error messages. Nobody else gets
them: the next person on a shared tablet signs in to their own list of reports, as before.
"""

import json

from flask import flash, request, url_for
from flask_wtf.csrf import generate_csrf
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from .. import audit, messages
from ..access import DRAFTS, find_report, reports_for
from ..auth.sessions import ANSWER_KEEPERS, SESSION_ENDED_FIELD, SIGN_IN_RESUMERS
from ..extensions import db
from ..models import HeldAnswers, Report, User, utcnow
from . import services
from .flows import ASSISTED
from .journey import Journey

FLOW = ASSISTED
# Files cannot be kept in a form's fields; the evidence page stores each file as soon as it is added.
NOT_HELD = frozenset({"evidence"})
NOT_KEPT_FIELDS = frozenset({"csrf_token", SESSION_ENDED_FIELD})


def hold(user: User) -> bool:
    """Keep the step's posted answers for this user and draft; True if kept. Runs before the sign-out."""
    args = request.view_args or {}
    slug = args.get("slug")
    if slug not in FLOW.step_slugs or slug in NOT_HELD:
        return False
    report = find_report(user, args.get("reference", ""), DRAFTS)
    if report is None:
        return False
    row = _held(user.id, report.id, slug) or HeldAnswers(user_id=user.id, report_id=report.id, step=slug)
    posted = {name: request.form.getlist(name) for name in request.form if name not in NOT_KEPT_FIELDS}
    row.form_data = json.dumps(posted)
    row.created_at = utcnow()
    db.session.add(row)
    audit.record("answers_held", "report", report.reference, detail=f"step={slug}", user=user)
    db.session.commit()
    return True


def resume(user: User) -> str | None:
    """After sign-in: save this user's held answers to their drafts; the step to go back to, or None."""
    rows = db.session.scalars(
        select(HeldAnswers).where(HeldAnswers.user_id == user.id).order_by(HeldAnswers.created_at.desc())
    ).all()
    urls = [_resume_one(user, row) for row in rows]
    db.session.commit()
    return next((url for url in urls if url), None)


def held_form(user: User, journey: Journey, slug: str):
    """The step's form filled in with answers held and not saved at sign-in (they failed a check), with their
    errors; the held row is then let go, as a posted form would be. None when nothing is held."""
    row = _held(user.id, journey.report.id, slug)
    if row is None:
        return None
    form = journey.form(slug, formdata=_formdata(row))
    form.validate()
    db.session.delete(row)
    db.session.commit()
    flash(messages.ANSWERS_TO_CORRECT_AFTER_SIGN_IN, "info")
    return form


def _resume_one(user: User, row: HeldAnswers) -> str | None:
    journey = _journey(user, row)
    if journey is None:  # the draft was submitted, deleted or moved, or the step no longer applies
        db.session.delete(row)
        return None
    slug, reference = row.step, journey.report.reference  # read before saving the step expires them
    form = journey.form(slug, formdata=_formdata(row))
    if form.validate():
        services.save_step(journey, form)
        db.session.delete(row)
        audit.record("held_answers_saved", "report", reference, detail=f"step={slug}")
        flash(messages.ANSWERS_SAVED_AFTER_SIGN_IN, "success")
    return url_for("intake.step", reference=reference, slug=slug)


def _journey(user: User, row: HeldAnswers) -> Journey | None:
    report = db.session.scalars(reports_for(user, DRAFTS).where(Report.id == row.report_id)).first()
    if report is None:
        return None
    journey = Journey(FLOW, report)
    return journey if journey.is_shown(row.step) else None


def _held(user_id: int, report_id: int, slug: str) -> HeldAnswers | None:
    query = select(HeldAnswers).where(
        HeldAnswers.user_id == user_id, HeldAnswers.report_id == report_id, HeldAnswers.step == slug
    )
    return db.session.scalars(query).first()


def _formdata(row: HeldAnswers) -> MultiDict:
    """The held fields as a posted form, with a CSRF token of the new session (the old one ended with it)."""
    fields = MultiDict([(name, value) for name, values in json.loads(row.form_data).items() for value in values])
    fields["csrf_token"] = generate_csrf()
    return fields


ANSWER_KEEPERS["intake.step"] = hold
SIGN_IN_RESUMERS.append(resume)
