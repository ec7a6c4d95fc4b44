"""The partnership review's pages: dashboard, pack and bundle downloads, dip samples and centre upkeep.

Only the partnership unit and admins may open any of it; the unsuppressed CSV bundle is for the
partnership unit alone. Volunteers and centre leads are refused (403).
"""

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from .. import audit
from ..access import role_required
from ..domain.ukdates import now_utc, uk_date
from ..extensions import db
from ..models import Centre
from . import bp, bundle, choosing, dip_sampling, pack, upkeep
from .forms import ChecklistForm, DrawForm, VisitForm, choices_of
from .models import CHECKLIST
from .presentation import month_label
from .sections import build_review
from .services import gather
from .table_builders import CHECKLIST_LABELS, UPKEEP_STATUS

REVIEW_ROLES = ("partnership", "admin")
bp.add_app_template_filter(lambda key: month_label(key, "MMMM y"), "month_name")


def _today():
    return uk_date(now_utc())


@bp.get("/")
@role_required(*REVIEW_ROLES)
def dashboard():
    today = _today()
    form, chosen = choosing.period_form(db.session, request.args, today)
    review = None
    if chosen is not None:
        review = build_review(gather(db.session, chosen.period, chosen.centre_code, today), chosen.suppressed)
    due = upkeep.due_soon(upkeep.centre_upkeep(db.session), today)
    return render_template("review/dashboard.html", form=form, chosen=chosen, review=review, due=due, today=today)


def _chosen_or_400():
    chosen = choosing.chosen_from_args(db.session, request.args, _today())
    if chosen is None:
        abort(400)
    return chosen


@bp.get("/review-pack.pdf")
@role_required(*REVIEW_ROLES)
def download_pack():
    chosen = _chosen_or_400()
    document = pack.render_pack(db.session, chosen.period, chosen.centre_code, _today())
    audit.record("review_pack_downloaded", "review", chosen.centre_code or "all", detail=pack.audit_detail(chosen))
    db.session.commit()
    return Response(document, mimetype="application/pdf", headers=_attachment(pack.file_name(chosen, "pdf")))


@bp.get("/review-figures.zip")
@role_required("partnership")
def download_bundle():
    chosen = _chosen_or_400()
    data = gather(db.session, chosen.period, chosen.centre_code, _today())
    archive = bundle.csv_bundle(data)
    audit.record(
        "review_csv_bundle_downloaded", "review", chosen.centre_code or "all", detail=pack.audit_detail(chosen)
    )
    db.session.commit()
    return Response(archive, mimetype="application/zip", headers=_attachment(pack.file_name(chosen, "zip")))


def _attachment(name: str) -> dict:
    return {"Content-Disposition": f'attachment; filename="{name}"'}


# Dip sampling


@bp.route("/dip-samples", methods=["GET", "POST"])
@role_required(*REVIEW_ROLES)
def dip_samples():
    form = DrawForm()
    form.month.choices = choices_of(
        (key, month_label(key, "MMMM y")) for key in choosing.available_months(db.session, _today())
    )
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
    if form.validate_on_submit():
        dip_sampling.record_findings(db.session, item, form.findings(), form.notes.data, current_user)
        flash(_("Checklist saved for sampled report %(position)d.", position=position), "success")
        return redirect(url_for("review.dip_sample", month=month))
    status = 400 if form.errors else 200
    return render_template("review/dip-sample-item.html", form=form, sample=sample, item=item, items=CHECKLIST), status


def _existing_findings(item) -> dict:
    found = {finding.checklist_item: finding.result for finding in item.findings}
    return {**found, "notes": item.notes}


# Centre upkeep


@bp.get("/centres")
@role_required(*REVIEW_ROLES)
def centres():
    today = _today()
    entries = upkeep.centre_upkeep(db.session)
    return render_template(
        "review/centres.html", entries=entries, today=today, due=upkeep.due_soon(entries, today), statuses=UPKEEP_STATUS
    )


@bp.route("/centres/<code>/visits/new", methods=["GET", "POST"])
@role_required(*REVIEW_ROLES)
def record_visit(code: str):
    centre = db.session.scalar(select(Centre).where(Centre.code == code))
    if centre is None:
        abort(404)
    form = VisitForm()
    if form.validate_on_submit() and form.check_not_future(_today()):
        upkeep.record_visit(db.session, centre, form.kind.data, form.visited_on.data, form.notes.data, current_user)
        flash(_("Visit recorded for %(centre)s.", centre=centre.name), "success")
        return redirect(url_for("review.centres"))
    status = 400 if form.errors else 200
    visits = upkeep.visits_of(db.session, centre)
    return render_template("review/record-visit.html", form=form, centre=centre, visits=visits), status
