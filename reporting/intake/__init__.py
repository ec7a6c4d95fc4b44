"""Assisted reports on a centre tablet: start a draft, answer step by step, check, submit; the centre's drafts."""

from flask import Blueprint

bp = Blueprint("intake", __name__, url_prefix="/intake")

from . import held, views  # noqa: E402,F401
