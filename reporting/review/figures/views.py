"""The review's figures as pages and downloads: the dashboard, the review pack (PDF) and the CSV bundle.

The unsuppressed CSV bundle is for the partnership unit alone.
"""

from flask import abort, render_template, request

from ... import audit
from ...access import role_required
from ...domain.ukdates import uk_today
from ...downloads import download
from ...extensions import db
from .. import REVIEW_ROLES, bp
from ..upkeep import services as upkeep
from . import bundle, choosing, pack
from .sections import build_review
from .services import gather


@bp.get("/")
@role_required(*REVIEW_ROLES)
def dashboard():
    today = uk_today()
    form, chosen = choosing.period_form(db.session, request.args, today)
    review = None
    if chosen is not None:
        review = build_review(gather(db.session, chosen.period, chosen.centre_code, today), chosen.suppressed)
    due = upkeep.due_soon(upkeep.centre_upkeep(db.session), today)
    return render_template("review/dashboard.html", form=form, chosen=chosen, review=review, due=due, today=today)


def _chosen_or_400():
    chosen = choosing.chosen_from_args(db.session, request.args, uk_today())
    if chosen is None:
        abort(400)
    return chosen


@bp.get("/review-pack.pdf")
@role_required(*REVIEW_ROLES)
def download_pack():
    chosen = _chosen_or_400()
    document = pack.render_pack(db.session, chosen.period, chosen.centre_code, uk_today())
    audit.record("review_pack_downloaded", "review", chosen.centre_code or "all", detail=pack.audit_detail(chosen))
    db.session.commit()
    return download(document, pack.file_name(chosen, "pdf"), "application/pdf")


@bp.get("/review-figures.zip")
@role_required("partnership")
def download_bundle():
    chosen = _chosen_or_400()
    data = gather(db.session, chosen.period, chosen.centre_code, uk_today())
    archive = bundle.csv_bundle(data)
    audit.record(
        "review_csv_bundle_downloaded", "review", chosen.centre_code or "all", detail=pack.audit_detail(chosen)
    )
    db.session.commit()
    return download(archive, pack.file_name(chosen, "zip"), "application/zip")
