"""Gathering everything one review needs: figures, satisfaction, dip samples and centre upkeep."""

from dataclasses import dataclass
from datetime import date

from ...domain.people_counts import PeopleCounts
from ...domain.periods import Period
from ...links.counting import people_counts
from ...satisfaction.results import SatisfactionResults, satisfaction_results
from ..dip_sampling import services as dip_sampling
from ..upkeep import services as upkeep
from .review_figures import ReviewFigures, review_figures


@dataclass
class ReviewData:
    figures: ReviewFigures
    satisfaction: SatisfactionResults
    dip_months: list[str]
    dip_rates: dict
    upkeep: list[upkeep.CentreUpkeep]
    today: date
    # Counts of people from confirmed links (none for a review built without them).
    people: PeopleCounts | None = None

    @property
    def period(self) -> Period:
        return self.figures.period

    @property
    def centre_code(self) -> str | None:
        return None if self.figures.centre is None else self.figures.centre.code


def gather(session, period: Period, centre_code: str | None, today: date) -> ReviewData:
    """The review of `period` for one centre (by code, or `online`) or all; raises places.UnknownCentre."""
    figures = review_figures(session, period, centre_code, today)
    satisfaction = satisfaction_results(session, period.first, period.last, centre_code, with_comments=False)
    dip_months = figures.trend_period.months()
    return ReviewData(
        figures=figures,
        satisfaction=satisfaction,
        dip_months=dip_months,
        dip_rates=dip_sampling.pass_rates(session, dip_months),
        # A one-centre review is about that centre alone: its own training and contact (none for online reports).
        upkeep=[entry for entry in upkeep.centre_upkeep(session) if centre_code in (None, entry.centre.code)],
        today=today,
        people=people_counts(session, period, None if figures.centre is None else figures.centre.key),
    )
