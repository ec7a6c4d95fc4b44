"""Staff views for referrals: produce one (where consent allows), download it, add the crime reference,
and download the person's receipt. Centre staff reach only their own centre's reports; others get 404.
"""

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..access import SUBMITTED, role_required, with_report
from ..cases import rules
from ..domain import redaction
from ..downloads import download
from ..models import ROLES
from . import bp, forms, services

REFUSALS = {
    "police_consent_none": _l(
        "This report cannot be referred to the police: the person did not agree to share it with the police."
    ),
    "police_consent_missing": _l("This report cannot be referred to the police: no police consent is recorded."),
    "support_not_wanted": _l(
        "This report cannot be referred to a support service: the person did not ask for support."
    ),
}


def referral_options(report) -> tuple[str, ...]:
    """The referrals consent allows for a report, for the report page."""
    return redaction.allowed_recipients(report)


def receipt_language(report) -> str:
    return services.receipt_language(report.language)


def _referral_or_404(report, referral_id: int):
    referral = services.find_referral(report, referral_id)
    if referral is None:
        abort(404)
    return referral


def _refused(report, recipient: str, refusal: services.ReferralRefused):
    """Audit the refused attempt and go back to the report with the reason."""
    services.record_refusal(report, recipient, refusal, current_user)
    flash(str(REFUSALS.get(refusal.reason, refusal)), "important")
    return redirect(url_for("reports.view_report", reference=report.reference), 303)


def _pdf(document: services.Document) -> Response:
    return download(document.content, document.filename, "application/pdf")


@bp.route("/<reference>/refer/<any(police, support):recipient>", methods=["GET", "POST"])
@role_required(*ROLES)
@with_report(SUBMITTED)
def refer(report, recipient: str):
    if not rules.may_refer(current_user, report):
        abort(403)
    try:
        services.check_allowed(report, recipient)
    except services.ReferralRefused as refusal:
        return _refused(report, recipient, refusal)
    form = forms.referral_form(recipient, services.organisation_names())
    if form.validate_on_submit():
        organisation = form.organisation.data if recipient == "support" else None
        referral = services.produce_referral(report, recipient, current_user, form.method.data, organisation)
        flash(_("Referral produced. Download it and send it."), "success")
        return redirect(url_for(".view_referral", reference=report.reference, referral_id=referral.id), 303)
    return render_template("referrals/refer.html", report=report, recipient=recipient, form=form)


@bp.get("/<reference>/referrals/<int:referral_id>")
@role_required(*ROLES)
@with_report(SUBMITTED)
def view_referral(report, referral_id: int):
    referral = _referral_or_404(report, referral_id)
    return render_template(
        "referrals/view-referral.html",
        report=report,
        referral=referral,
        identifier=services.referral_identifier(referral),
        files_to_send=services.files_to_send(referral),
    )


@bp.get("/<reference>/referrals/<int:referral_id>/download")
@role_required(*ROLES)
@with_report(SUBMITTED)
def download_referral(report, referral_id: int):
    referral = _referral_or_404(report, referral_id)
    try:
        return _pdf(services.referral_document(referral, current_user))
    except services.ReferralRefused as refusal:
        return _refused(report, referral.recipient, refusal)


@bp.route("/<reference>/referrals/<int:referral_id>/crime-reference", methods=["GET", "POST"])
@role_required(*ROLES)
@with_report(SUBMITTED)
def crime_reference(report, referral_id: int):
    if not rules.may_refer(current_user, report):
        abort(403)
    referral = _referral_or_404(report, referral_id)
    if referral.recipient != "police":
        abort(404)
    form = forms.CrimeReferenceForm(data={"crime_reference": referral.crime_reference})
    if form.validate_on_submit():
        services.add_crime_reference(referral, form.crime_reference.data, current_user)
        flash(_("Crime reference saved."), "success")
        return redirect(url_for("reports.view_report", reference=report.reference, _anchor="referrals"), 303)
    return render_template("referrals/crime-reference.html", report=report, referral=referral, form=form)


@bp.get("/<reference>/receipt")
@role_required(*ROLES)
@with_report(SUBMITTED)
def download_receipt(report):
    return _pdf(services.receipt_document(report, current_user))


def referral_recipient(referral) -> str:
    if referral.recipient == "police":
        return _("Police")
    return referral.organisation or _("Support service")


def referral_method(code: str | None) -> str:
    return str(services.METHODS[code]) if code in services.METHODS else _("Not recorded")
