"""Centre upkeep's pages: every centre's training and contact (with the closed centres below), and recording a
visit. Adding, changing, closing and reopening centres are in `centres/manage.py`."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ...access import role_required
from ...centres.management import closed_centres
from ...domain.ukdates import uk_today
from ...extensions import db
from ...models import Centre
from .. import REVIEW_ROLES, bp
from . import services as upkeep
from .forms import RemoveVisitForm, VisitForm
from .wording import UPKEEP_STATUS


@bp.get("/centres")
@role_required(*REVIEW_ROLES)
def centres():
    today = uk_today()
    entries = upkeep.centre_upkeep(db.session)
    due, closed = upkeep.due_soon(entries, today), closed_centres()
    return render_template(
        "review/centres.html", entries=entries, today=today, due=due, statuses=UPKEEP_STATUS, closed=closed
    )


def _centre_or_404(code: str) -> Centre:
    centre = db.session.scalar(select(Centre).where(Centre.code == code))
    if centre is None:
        abort(404)
    return centre


def _visit_or_404(centre: Centre, visit_id: int):
    visit = upkeep.visit_of(db.session, centre, visit_id)
    if visit is None:
        abort(404)
    return visit


def _visit_page(form: VisitForm, centre: Centre, visit=None):
    status = 400 if form.errors else 200
    visits = upkeep.visits_of(db.session, centre)
    return render_template("review/record-visit.html", form=form, centre=centre, visits=visits, visit=visit), status


@bp.route("/centres/<code>/visits/new", methods=["GET", "POST"])
@role_required(*REVIEW_ROLES)
def record_visit(code: str):
    centre = _centre_or_404(code)
    form = VisitForm(centre_began=upkeep.centre_began(db.session, centre))
    if form.validate_on_submit():
        upkeep.record_visit(db.session, centre, form.kind.data, form.visited_on.data, form.notes.data, current_user)
        flash(_("Visit recorded for %(centre)s.", centre=centre.name), "success")
        return redirect(url_for("review.centres"))
    return _visit_page(form, centre)


@bp.route("/centres/<code>/visits/<int:visit_id>", methods=["GET", "POST"])
@role_required(*REVIEW_ROLES)
def change_visit(code: str, visit_id: int):
    centre = _centre_or_404(code)
    visit = _visit_or_404(centre, visit_id)
    form = VisitForm(obj=visit, centre_began=upkeep.centre_began(db.session, centre))
    if form.validate_on_submit():
        upkeep.correct_visit(db.session, visit, form.kind.data, form.visited_on.data, form.notes.data, current_user)
        flash(_("Visit corrected for %(centre)s.", centre=centre.name), "success")
        return redirect(url_for("review.record_visit", code=centre.code))
    return _visit_page(form, centre, visit)


@bp.route("/centres/<code>/visits/<int:visit_id>/remove", methods=["GET", "POST"])
@role_required(*REVIEW_ROLES)
def remove_visit(code: str, visit_id: int):
    centre = _centre_or_404(code)
    visit = _visit_or_404(centre, visit_id)
    form = RemoveVisitForm()
    if form.validate_on_submit():
        upkeep.remove_visit(db.session, visit, current_user)
        flash(_("Visit removed for %(centre)s. Its due dates were worked out again.", centre=centre.name), "success")
        return redirect(url_for("review.record_visit", code=centre.code))
    return render_template("review/remove-visit.html", form=form, centre=centre, visit=visit)
