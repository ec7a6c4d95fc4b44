"""A report's outcome and corrections: closing the case with its outcomes, and correcting the coded answers.

Each page checks the rule (`cases/rules.py`) after loading the report, and answers 403 when it fails. The report
page reads what it shows of these through the template global `case_record(report)`.
"""

from dataclasses import dataclass, field

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..access import SUBMITTED, role_required, with_report
from ..cases import corrections, outcomes, rules
from ..cases.outcome_forms import (
    EDITED_MEANWHILE,
    NOTHING_CHANGED,
    CloseCaseForm,
    CorrectionForm,
    correction_form_data,
)
from ..domain.statuses import CLOSED
from . import bp

# Centre leads (of the case's centre) and the unit; `rules` decides for each report.
LEADS = ("centre_lead", *rules.UNIT_ROLES)


@dataclass
class CaseRecord:
    """What the report page shows of the case's outcome and corrections, and what the user may do."""

    outcomes: list[str]
    closings: list = field(default_factory=list)
    may_close: bool = False
    may_correct: bool = False


@bp.app_template_global()
def case_record(report) -> CaseRecord:
    return CaseRecord(
        outcomes=outcomes.current_outcomes(report),
        closings=outcomes.closings(report),
        may_close=report.status != CLOSED and rules.may_close(current_user, report),
        may_correct=rules.may_correct(current_user, report),
    )


bp.add_app_template_global(corrections.field_name, "correction_field_name")
bp.add_app_template_global(corrections.value_text, "correction_value")


def _back_to_report(report, anchor: str):
    return redirect(url_for("reports.view_report", reference=report.reference, _anchor=anchor), 303)


@bp.route("/<reference>/close", methods=["GET", "POST"])
@role_required(*LEADS)
@with_report(SUBMITTED)
def close_case(report):
    if not rules.may_close(current_user, report):
        abort(403)
    if report.status == CLOSED:
        flash(_("This case is already closed."), "info")
        return _back_to_report(report, "case-outcome")
    form = CloseCaseForm()
    if form.validate_on_submit():
        outcomes.close_case(report, current_user, form.outcomes.data)
        flash(_("Case closed."), "success")
        return _back_to_report(report, "case-outcome")
    return render_template("cases/close-case.html", report=report, form=form), 400 if form.errors else 200


@bp.route("/<reference>/correct", methods=["GET", "POST"])
@role_required(*LEADS)
@with_report(SUBMITTED)
def correct_report(report):
    if not rules.may_correct(current_user, report):
        abort(403)
    form = CorrectionForm(report=report, data=correction_form_data(report))
    if form.is_submitted() and form.validate() and not _refused(form, report):
        flash(_("Correction saved."), "success")
        return _back_to_report(report, "corrections")
    return render_template("cases/correct-report.html", report=report, form=form), 400 if form.errors else 200


def _refused(form: CorrectionForm, report) -> bool:
    """Save the correction; True (with the reason on the form) when it cannot be saved as it stands."""
    try:
        if not form.stale():
            corrections.correct_report(report, current_user, form.answers(), form.reason.data)
            return False
    except corrections.NothingChanged:
        form.reason.errors.append(NOTHING_CHANGED)
        return True
    except corrections.EditedMeanwhile:
        pass
    form.correctable()[0].errors.append(EDITED_MEANWHILE)
    return True
