"""Referral documents: police and support referrals that honour consent, and the person's receipt."""

from flask import Blueprint

from . import pdf

bp = Blueprint("referrals", __name__, url_prefix="/reports")
bp.add_app_template_filter(pdf.css_string, "css_string")
bp.add_app_template_filter(pdf.page_counter, "page_counter")
bp.add_app_template_filter(pdf.isolate, "isolate")

from . import views  # noqa: E402,F401
