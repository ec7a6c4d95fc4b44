"""The partnership unit's queue of self-reports: each can be given to a centre to follow up.

Self-reports have no centre, so no centre sees them until the unit assigns one. The assigned
centre's staff can then open the report; the review still counts it as made online.
"""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..access import SELF_REPORTS, role_required, with_report
from ..domain.paging import asked_page, nearest_page, page_count
from ..models import utcnow
from . import queue_bp, services
from .forms import assign_form
from .waiting import waited_in_words

UNIT_ROLES = ("partnership", "admin")


@queue_bp.get("/")
@role_required(*UNIT_ROLES)
def queue():
    waiting, waiting_total = services.queue_page(current_user, False, asked_page(request.args.get("page")))
    assigned, assigned_total = services.queue_page(current_user, True, asked_page(request.args.get("assigned_page")))
    return render_template(
        "selfreport/queue.html",
        waiting=_paged(waiting, waiting_total, request.args.get("page")),
        assigned=_paged(assigned, assigned_total, request.args.get("assigned_page")),
        now=utcnow(),
        waited=waited_in_words,
    )


def _paged(reports, total: int, asked: str | None) -> dict:
    size = services.QUEUE_PAGE_SIZE
    page = nearest_page(asked_page(asked), total, size)
    return {"reports": reports, "total": total, "page": page, "pages": page_count(total, size)}


@queue_bp.route("/<reference>/assign", methods=["GET", "POST"])
@role_required(*UNIT_ROLES)
@with_report(SELF_REPORTS)
def assign(report):
    centres = {centre.code: centre for centre in services.active_centres()}
    form = assign_form(report, centres)
    if form.validate_on_submit() and form.centre.data in centres:
        centre = centres[form.centre.data]
        services.assign(report, centre)
        flash(_("%(reference)s is now with %(centre)s to follow up.", reference=report.reference, centre=centre.name),
              "success")  # fmt: skip
        return redirect(url_for("self_reports.queue"), 303)
    return render_template("selfreport/assign.html", report=report, form=form), 400 if form.errors else 200
