"""Staff pages of "Check my report": the follow-up slip while the person is still with them, and giving a new
code to a person who lost theirs (recorded with how staff knew it was them, and audited)."""

from flask import abort, redirect, render_template, url_for
from flask_login import current_user

from ..access import SUBMITTED, role_required, with_report
from ..downloads import download
from ..models import ROLES
from . import codes, slips
from . import staff_bp as bp
from .forms import NewCodeForm

# Centre leads give new codes for their centre's reports; the partnership unit for any report.
GIVES_NEW_CODES = ("centre_lead", "partnership", "admin")


def _shown_or_404(report) -> str:
    code = codes.shown_code(report.reference)
    if code is None:
        abort(404)
    return code


@bp.get("/<reference>/check-code")
@role_required(*ROLES)
@with_report(SUBMITTED)
def slip(report):
    """The slip to print, while this session still shows the code (after sending, or after giving a new one)."""
    back_url = url_for("reports.view_report", reference=report.reference)
    return render_template("check/slip.html", back_url=back_url, **slips.slip_context(report, _shown_or_404(report)))


@bp.get("/<reference>/check-code.pdf")
@role_required(*ROLES)
@with_report(SUBMITTED)
def slip_pdf(report):
    document = slips.slip_document(report, _shown_or_404(report), current_user)
    return download(document.content, document.filename, "application/pdf")


@bp.route("/<reference>/new-check-code", methods=["GET", "POST"])
@role_required(*GIVES_NEW_CODES)
@with_report(SUBMITTED)
def new_code(report):
    form = NewCodeForm()
    if form.validate_on_submit():
        codes.give_new_code(report, current_user, form.recognised_by.data)
        return redirect(url_for("check_staff.new_code_given", reference=report.reference), 303)
    status = 400 if form.errors else 200
    return render_template("check/new-code.html", report=report, form=form), status


@bp.get("/<reference>/new-check-code/given")
@role_required(*GIVES_NEW_CODES)
@with_report(SUBMITTED)
def new_code_given(report):
    return render_template("check/new-code-given.html", report=report, code=codes.shown_code(report.reference))

