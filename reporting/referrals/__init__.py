"""Referral documents: police and support referrals that honour consent, and the person's receipt."""

from flask import Blueprint

bp = Blueprint("referrals", __name__, url_prefix="/reports")

from . import views  # noqa: E402,F401
