"""A quarter's counts from the reports, by the review's counting rules (`review/figures/counting.py`).

Submitted reports reported in the quarter's UK months; a report with several categories or incident types
counts once in each; the total is counted from reports. Every code a table can have is there, with 0
where nothing was reported: every category and incident type of the vocabulary, every area (and `unknown`)
and both channels.
"""

from sqlalchemy import select

from ..domain import vocabulary
from ..domain.places import UNKNOWN
from ..domain.quarterly_figures import DIMENSIONS, TOTAL_KEY, VOCABULARY_OF, Key
from ..domain.quarters import Quarter
from ..domain.statuses import CHANNELS
from ..models import Area
from ..review.figures.counting import count_reports, total_reports


def every_code(session, dimension: str) -> tuple[str, ...]:
    """The codes a table shows, counted or not."""
    if dimension in VOCABULARY_OF:
        return vocabulary.codes(VOCABULARY_OF[dimension])
    if dimension == "area":
        return (*session.scalars(select(Area.code).order_by(Area.name)), UNKNOWN)
    return CHANNELS


def count_quarter(session, quarter: Quarter) -> dict[Key, int]:
    """Every cell of the quarter's tables, and its total, as exact counts."""
    period = quarter.period()
    cells: dict[Key, int] = {TOTAL_KEY: total_reports(session, period)}
    for dimension in DIMENSIONS:
        cells.update({(dimension, code): 0 for code in every_code(session, dimension)})
        for row in count_reports(session, period, (dimension,)):
            cells[(dimension, row.codes[0])] = row.count
    return cells
