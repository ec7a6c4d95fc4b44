"""The partnership review: counting, the dashboard, the review pack, dip sampling and centre upkeep.

`counting.py` and `summary.py` count reports by the review's rules (no Flask); `figures.py`,
`sections.py` and `findings.py` build what the dashboard and the pack show; `views.py` serves
the pages and `commands.py` adds `flask review counts` and `flask review pack`.
"""

from flask import Blueprint

bp = Blueprint("review", __name__, url_prefix="/review")


def blueprint() -> Blueprint:
    """The blueprint with its routes.

    The views are imported here, when the app is built, rather than when this package is first
    imported: `reporting.models` imports `review.models` for its tables, and the views import
    modules that import `reporting.models`.
    """
    from . import views  # noqa: F401

    return bp
