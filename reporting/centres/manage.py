"""The partnership unit's pages for managing centres, under `/review/centres` beside centre upkeep: adding a centre,
changing it, closing and reopening it, and its history of changes. They are routes of the review's blueprint
(`review.add_centre`, …), which imports this module when the app is built."""

from functools import wraps

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy.exc import IntegrityError

from ..access import role_required
from ..extensions import db
from ..review import REVIEW_ROLES, bp
from . import management
from .centre_form import FIELD_LABELS, NEW_CENTRE, CentreForm, ChangeCentreForm, form_data
from .history import change_rows
from .records import CentreDetails


def with_centre(view):
    """Load the centre named by the view's `code` and pass it in as `centre`; 404 if there is none."""

    @wraps(view)
    def wrapped(code: str, **kwargs):
        centre = management.find_centre(code)
        if centre is None:
            abort(404)
        return view(centre=centre, **kwargs)

    return wrapped


def _centres_page():
    return redirect(url_for("review.centres"))


@bp.route("/centres/new", methods=["GET", "POST"])
@role_required(*REVIEW_ROLES)
def add_centre():
    form = CentreForm(areas=management.areas(), data=None if request.method == "POST" else NEW_CENTRE)
    if form.validate_on_submit() and not _code_taken(form):
        try:
            centre = management.add_centre(form.code.data, form.details(), current_user)
        except IntegrityError:  # the same code added by someone else a moment ago
            db.session.rollback()
            form.code_taken()
        else:
            flash(_("%(centre)s has been added.", centre=centre.name), "success")
            return _centres_page()
    return render_template("centre-management/centre-form.html", form=form, centre=None), 400 if form.errors else 200


def _code_taken(form: CentreForm) -> bool:
    if management.code_taken(form.code.data):
        form.code_taken()
        return True
    return False


@bp.route("/centres/<code>/change", methods=["GET", "POST"])
@role_required(*REVIEW_ROLES)
@with_centre
def change_centre(centre):
    version = management.details_version(centre)
    shown = None if request.method == "POST" else {**form_data(CentreDetails.of(centre)), "version": version}
    form = ChangeCentreForm(areas=management.areas(), data=shown)
    status = 200
    if form.validate_on_submit():
        try:
            changed = management.change_centre(centre, form.details(CentreDetails.of(centre)), form.version.data,
                                               current_user)  # fmt: skip
        except management.CentreChangedMeanwhile:
            form.mark_stale(version)
            status = 409
        else:
            flash(_("%(centre)s has been changed.", centre=centre.name) if changed else
                  _("Nothing was changed at %(centre)s.", centre=centre.name), "success")  # fmt: skip
            return _centres_page()
    status = status if status != 200 else (400 if form.errors else 200)
    return render_template("centre-management/centre-form.html", form=form, centre=centre), status


@bp.route("/centres/<code>/close", methods=["GET", "POST"])
@role_required(*REVIEW_ROLES)
@with_centre
def close_centre(centre):
    if not centre.active:
        return redirect(url_for(".reopen_centre", code=centre.code))
    form = FlaskForm()
    cases = management.open_cases(centre)
    if form.validate_on_submit() and not cases:
        management.close_centre(centre, current_user)
        flash(_("%(centre)s has been closed. Its reports and counts are kept.", centre=centre.name), "success")
        return _centres_page()
    accounts = management.active_accounts(centre)
    page = render_template("centre-management/close.html", centre=centre, cases=cases, accounts=accounts, form=form)
    return page, 409 if cases and request.method == "POST" else 200


@bp.route("/centres/<code>/reopen", methods=["GET", "POST"])
@role_required(*REVIEW_ROLES)
@with_centre
def reopen_centre(centre):
    if centre.active:
        return redirect(url_for(".close_centre", code=centre.code))
    form = FlaskForm()
    if form.validate_on_submit():
        management.reopen_centre(centre, current_user)
        flash(_("%(centre)s has been reopened.", centre=centre.name), "success")
        return _centres_page()
    return render_template("centre-management/reopen.html", centre=centre, form=form)


@bp.get("/centres/<code>/history")
@role_required(*REVIEW_ROLES)
@with_centre
def centre_history(centre):
    rows = change_rows(management.history(centre))
    return render_template("centre-management/history.html", centre=centre, rows=rows, labels=FIELD_LABELS)
