"""Dip sampling's pages: the samples drawn so far and the draw, one month's sample, and one report's checklist."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...access import role_required
from ...cases.outcomes import recorded_outcome_text
from ...domain.ukdates import uk_today
from ...extensions import db
from ...filters import month_label
from ...forms import options
from .. import REVIEW_ROLES, bp
from ..figures.choosing import available_months
from . import services as dip_sampling
from .forms import ChecklistForm, DrawForm
from .models import CHECKLIST
from .wording import CHECKLIST_LABELS


@bp.route("/dip-samples", methods=["GET", "POST"])
@role_required(*REVIEW_ROLES)
def dip_samples():
    form = DrawForm()
    months = available_months(db.session, uk_today())
    form.month.choices = options((key, month_label(key, "MMMM y")) for key in months)
    if form.validate_on_submit():
        try:
            dip_sampling.draw(db.session, form.month.data, current_user)
        except dip_sampling.AlreadyDrawn:
            flash(_("The sample for that month has already been drawn."), "info")
        except dip_sampling.NothingToDraw:
            form.month.errors.append(_("No reports were received in that month, so there is nothing to draw"))
            return _dip_list(form), 400
        return redirect(url_for("review.dip_sample", month=form.month.data))
    return _dip_list(form)


def _dip_list(form):
    samples = dip_sampling.list_samples(db.session)
    return render_template("review/dip-samples.html", form=form, samples=samples)


@bp.get("/dip-samples/<month>")
@role_required(*REVIEW_ROLES)
def dip_sample(month: str):
    sample = dip_sampling.find_sample(db.session, month)
    if sample is None:
        abort(404)
    replayed = dip_sampling.replay(db.session, sample)
    drawn = [item.report_id for item in sample.items]
    return render_template(
        "review/dip-sample.html", sample=sample, reproduced=replayed == drawn, labels=CHECKLIST_LABELS
    )


@bp.route("/dip-samples/<month>/<int:position>", methods=["GET", "POST"])
@role_required(*REVIEW_ROLES)
def dip_sample_item(month: str, position: int):
    sample = dip_sampling.find_sample(db.session, month)
    item = next((item for item in sample.items if item.position == position), None) if sample else None
    if item is None:
        abort(404)
    form = ChecklistForm(data=_existing_findings(item))
    # The outcome the centre recorded, beside the reviewer's own check of whether it was suitable.
    form.outcome_suitable.description = recorded_outcome_text(item.report)
    if form.validate_on_submit():
        dip_sampling.record_findings(db.session, item, form.findings(), form.notes.data, current_user)
        flash(_("Checklist saved for sampled report %(position)d.", position=position), "success")
        return redirect(url_for("review.dip_sample", month=month))
    status = 400 if form.errors else 200
    return render_template("review/dip-sample-item.html", form=form, sample=sample, item=item, items=CHECKLIST), status


def _existing_findings(item) -> dict:
    found = {finding.checklist_item: finding.result for finding in item.findings}
    return {**found, "notes": item.notes}
