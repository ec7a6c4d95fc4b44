"""Case work pages: "My cases" and "Overdue", and on a report, choosing its caseworker, acknowledging it and
recording a review. Who may do each is decided in `rules.py`; a refusal answers 403."""

from dataclasses import dataclass

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..access import SUBMITTED, role_required, with_report
from ..domain.paging import asked_page, page_count
from ..domain.statuses import OPEN_STATUSES
from ..domain.ukdates import uk_today
from ..filters import uk_date
from ..models import CENTRE_ROLES, ROLES
from ..selfreport import services as self_reports
from ..selfreport.forms import assign_form
from . import handing_on, rules, services
from .forms import CaseworkerForm, ReviewForm, caseworker_form

bp = Blueprint("cases", __name__)

ASSIGNS = ("centre_lead", *rules.UNIT_ROLES)


def _allowed(decision: bool) -> None:
    if not decision:
        abort(403)


def _back_to_case(report):
    return redirect(url_for("reports.view_report", reference=report.reference, _anchor="case-work"), 303)


def _render_list(template_args: dict, case_page: services.CasePage):
    return render_template(
        "cases/list-cases.html",
        cases=case_page.cases,
        total=case_page.total,
        page=case_page.page,
        pages=page_count(case_page.total, services.PAGE_SIZE),
        today=uk_today(),
        lateness=services.late,
        **template_args,
    )


@bp.get("/cases/mine")
@role_required(*CENTRE_ROLES)
def my_cases():
    case_page = services.my_cases(current_user, asked_page(request.args.get("page")))
    return _render_list({"list_endpoint": "cases.my_cases", "heading": _("My cases")}, case_page)


@bp.get("/cases/overdue")
@role_required(*ROLES)
def overdue():
    case_page = services.overdue_cases(current_user, asked_page(request.args.get("page")))
    return _render_list({"list_endpoint": "cases.overdue", "heading": _("Overdue cases")}, case_page)


@bp.route("/reports/<reference>/caseworker", methods=["GET", "POST"])
@role_required(*ASSIGNS)
@with_report(SUBMITTED)
def assign(report):
    _allowed(rules.may_assign(current_user, report))
    people = {str(person.id): person for person in services.caseworkers(report)}
    form = caseworker_form(report, people.values())
    if people and form.validate_on_submit():
        caseworker = people[form.caseworker.data]
        services.assign(report, caseworker)
        flash(_("%(reference)s is now with %(caseworker)s.", reference=report.reference, caseworker=caseworker.email),
              "success")  # fmt: skip
        return _back_to_case(report)
    refused = form.errors or (not people and request.method == "POST")  # nobody to choose: the page says why
    return render_template("cases/assign.html", report=report, form=form), 400 if refused else 200


@bp.route("/reports/<reference>/centre", methods=["GET", "POST"])
@role_required(*rules.UNIT_ROLES)
@with_report(SUBMITTED)
def give_to_centre(report):
    """The unit gives an open case to a centre to follow up: a self-report waiting for one, or a case of a centre
    that is closing (which cannot close while it has open cases). A closed case stays where it is."""
    if report.status not in OPEN_STATUSES:
        return render_template("cases/give-to-centre.html", report=report, form=None), 409
    centres = {centre.code: centre for centre in self_reports.active_centres()}
    form = assign_form(report, centres)
    if form.validate_on_submit() and form.centre.data in centres:
        centre = centres[form.centre.data]
        handing_on.give_to_centre(report, centre)
        flash(_("%(reference)s is now with %(centre)s to follow up.", reference=report.reference, centre=centre.name),
              "success")  # fmt: skip
        back = url_for("reports.view_report", reference=report.reference, _anchor="centre-following-it-up")
        return redirect(back, 303)
    return render_template("cases/give-to-centre.html", report=report, form=form), 400 if form.errors else 200


@bp.post("/reports/<reference>/acknowledge")
@role_required(*ROLES)
@with_report(SUBMITTED)
def acknowledge(report):
    _allowed(rules.may_acknowledge(current_user, report))
    if services.acknowledge(report):
        flash(_("Case acknowledged."), "success")
    return _back_to_case(report)


@bp.route("/reports/<reference>/review", methods=["GET", "POST"])
@role_required(*ROLES)
@with_report(SUBMITTED)
def record_review(report):
    _allowed(rules.may_record_review(current_user, report))
    form = ReviewForm()
    if form.validate_on_submit():
        next_review = services.record_review(report, current_user, form.note.data)
        flash(_("Review recorded. The next review is due by %(date)s.", date=uk_date(next_review)), "success")
        return _back_to_case(report)
    return render_template("cases/record-review.html", report=report, form=form), 400 if form.errors else 200


# ---------------------------------------------------------------- on the report's page


@dataclass(frozen=True)
class CaseWork:
    """What the report page's case section shows and offers the signed-in user."""

    overdue: bool
    acknowledge_late: bool
    review_late: bool
    may_acknowledge: bool
    may_record_review: bool
    caseworker_form: CaseworkerForm | None


def case_work(report) -> CaseWork:
    """A template global: the case section of `report`'s page for the signed-in user."""
    is_open = report.status in OPEN_STATUSES
    may_assign = is_open and rules.may_assign(current_user, report)
    people = services.caseworkers(report) if may_assign else []
    acknowledge_late, review_late = services.late(report)
    return CaseWork(
        overdue=acknowledge_late or review_late,
        acknowledge_late=acknowledge_late,
        review_late=review_late,
        may_acknowledge=is_open and report.acknowledged_at is None and rules.may_acknowledge(current_user, report),
        may_record_review=is_open and rules.may_record_review(current_user, report),
        caseworker_form=caseworker_form(report, people) if people else None,
    )
