"""Satisfaction: the immediate survey after a report, the follow-up survey by one-time link, and the results."""

from flask import Blueprint

bp = Blueprint("satisfaction", __name__)
