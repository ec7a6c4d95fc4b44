"""Awareness statistics: the quarterly figures the partnership unit publishes for the public (`statistics.…`).

- `models.py`: the published figures, kept as published (a release per quarter and revision, and its cells);
- `counting.py`: a quarter's counts from the reports, by the review's counting rules;
- `services.py`: publishing (the small-number rule across a quarter's tables, revisions) and reading back;
- `presentation.py`: labels, charts, tables and the summary of what changed, in the reader's language;
- `views.py`: `/statistics` and `/statistics.csv` (public), `/review/statistics` (the unit's publishing page);
- `commands.py`: `flask statistics publish --quarter YYYY-Qn`.

The domain rules (quarters, suppression across tables, what changed) are in `reporting/domain/quarters.py`
and `reporting/domain/quarterly_figures.py`.
"""

from flask import Blueprint

bp = Blueprint("statistics", __name__)
PUBLISHER_ROLES = ("partnership", "admin")


def blueprint() -> Blueprint:
    """The blueprint with its routes; the views are imported when the app is built (the model layer imports
    this package for its tables, and the views import the model layer)."""
    from . import views  # noqa: F401

    return bp
