"""The partnership review, in three capabilities that share one blueprint (`/review`, endpoints `review.…`).

- `figures/`: the review's figures: counting and the review summary (no Flask), the dashboard, the
  review pack (PDF) and the CSV bundle, and `flask review counts|pack|refresh-summary`.
- `dip_sampling/`: the monthly draw of reports and their checklists (action plan 5.1).
- `upkeep/`: centres' refresher training and partnership contact visits (action plan 3.4).

Managing the centres themselves (adding, changing, closing, reopening, their history) lives with the centres, in
`centres/manage.py`, whose pages are routes of this blueprint under `/review/centres`.

Each has its own models, forms, services and views; `fields.py` holds the form fields they share.
Only the partnership unit and admins may open any of it (`REVIEW_ROLES`).
"""

from flask import Blueprint

bp = Blueprint("review", __name__, url_prefix="/review")
REVIEW_ROLES = ("partnership", "admin")


def blueprint() -> Blueprint:
    """The blueprint with its routes.

    The views are imported here, when the app is built, rather than when this package is first
    imported: the model layer imports the capabilities' tables from this package, and the views
    import modules that import the model layer.
    """
    from ..centres import manage as centre_management_views  # noqa: F401
    from .dip_sampling import views as dip_sampling_views  # noqa: F401
    from .figures import views as figures_views  # noqa: F401
    from .upkeep import views as upkeep_views  # noqa: F401

    return bp
