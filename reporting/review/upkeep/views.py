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
from .forms import VisitForm
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


@bp.route("/centres/<code>/visits/new", methods=["GET", "POST"])
@role_required(*REVIEW_ROLES)
def record_visit(code: str):
    centre = db.session.scalar(select(Centre).where(Centre.code == code))
    if centre is None:
        abort(404)
    form = VisitForm()
    if form.validate_on_submit() and form.check_not_future(uk_today()):
        upkeep.record_visit(db.session, centre, form.kind.data, form.visited_on.data, form.notes.data, current_user)
        flash(_("Visit recorded for %(centre)s.", centre=centre.name), "success")
        return redirect(url_for("review.centres"))
    status = 400 if form.errors else 200
    visits = upkeep.visits_of(db.session, centre)
    return render_template("review/record-visit.html", form=form, centre=centre, visits=visits), status
