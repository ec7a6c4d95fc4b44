"""Staff write to the person, who reads it in "Check my report" (signed by the centre, never with a name); the
page says whether an email notice will go to them, and why not when it will not."""

from flask import redirect, render_template, url_for
from flask_login import current_user

from ..access import SUBMITTED, role_required, with_report
from ..cases import conversation
from ..cases.rules import may_write_to_person
from ..models import ROLES
from . import staff_bp as bp
from .person_forms import MessageToPersonForm


@bp.route("/<reference>/write-to-person", methods=["GET", "POST"])
@role_required(*ROLES)
@with_report(SUBMITTED)
def write_to_person(report):
    """Only those who work the case may write (the caseworker, a lead of its centre, the unit); others are told
    who can, and what they post is not sent."""
    back_url = url_for("reports.view_report", reference=report.reference, _anchor="case-history")
    allowed = may_write_to_person(current_user, report)
    form = MessageToPersonForm()
    if allowed and form.validate_on_submit():
        conversation.write_to_person(report, current_user, form.text.data)
        return redirect(back_url, 303)
    if not allowed and form.is_submitted():
        return redirect(url_for("check_staff.write_to_person", reference=report.reference), 303)
    notice = conversation.email_notice_text(conversation.email_notice_blocked(report))
    page = render_template(
        "check/write-to-person.html", report=report, form=form, allowed=allowed, notice=notice, back_url=back_url
    )
    return page, 400 if form.errors else 200
