"""The partnership unit's queue of self-reports: each can be given to a centre to follow up.

Self-reports have no centre, so no centre sees them until the unit assigns one. The assigned
centre's staff can then open the report; the review still counts it as made online.
"""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..access import SELF_REPORTS, role_required, with_report
from ..forms import options
from . import queue_bp, services
from .forms import AssignForm

UNIT_ROLES = ("partnership", "admin")


@queue_bp.get("/")
@role_required(*UNIT_ROLES)
def queue():
    waiting, assigned = services.queue(current_user, assigned=False), services.queue(current_user, assigned=True)
    return render_template("selfreport/queue.html", waiting=waiting, assigned=assigned)


@queue_bp.route("/<reference>/assign", methods=["GET", "POST"])
@role_required(*UNIT_ROLES)
@with_report(SELF_REPORTS)
def assign(report):
    centres = {centre.code: centre for centre in services.active_centres()}
    form = AssignForm(data={"centre": report.assigned_centre.code if report.assigned_centre else None})
    form.centre.choices = options([("", _("Choose a centre"))] + [(code, item.name) for code, item in centres.items()])
    if form.validate_on_submit() and form.centre.data in centres:
        centre = centres[form.centre.data]
        services.assign(report, centre)
        flash(_("%(reference)s is now with %(centre)s to follow up.", reference=report.reference, centre=centre.name),
              "success")  # fmt: skip
        return redirect(url_for("self_reports.queue"), 303)
    return render_template("selfreport/assign.html", report=report, form=form), 400 if form.errors else 200
