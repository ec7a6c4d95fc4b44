"""The rows of the review summary as Python reads them: one named tuple a table, and what each part holds."""

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import NamedTuple

from ..models import (
    ReviewMonthCentreAnswer,
    ReviewMonthCentreArea,
    ReviewMonthCentreCode,
    ReviewMonthCentreDelay,
    ReviewMonthCentreResponding,
)

# Answers a centre is expected to record although the form lets them be left out.
EXPECTED_FIELDS = (
    "occurred_time",
    "area_id",
    "postcode_district",  # plain, and kept after retention: the full postcode is encrypted
    "location_description",
    "perpetrator_description",
    "support_wanted",
)
TO_REPORT = "to_report"
TO_REFERRAL = "to_referral"
# Case work (counted from when the report was received, in whole days between UK dates): to acknowledgement, and
# to closing (closed cases only).
TO_ACKNOWLEDGE = "to_acknowledge"
TO_CLOSE = "to_close"
# For acknowledged cases with an acknowledge-by date: days to spare (negative: late) on acknowledging.
ACKNOWLEDGE_MARGIN = "ack_margin"
# For cases not yet acknowledged: their acknowledge-by date as its day number (`date.toordinal()`), so that a reader
# can tell on any day which are late without the summary changing as the days pass.
AWAITING_ACKNOWLEDGEMENT = "awaiting_ack"  # at most 20 characters, as every measure


class AreaRow(NamedTuple):
    month: str
    centre_key: int
    area_key: int
    reports: int
    expected_filled: int
    consent_recorded: int
    referred: int


# The dimensions of the codes rows: categories and incident types (each report once in each it carries), the
# report's status (once each), and the current outcomes of closed cases (`domain.outcomes.NO_OUTCOME` for a
# closed case with none).
CODE_DIMENSIONS = ("category", "incident_type", "status", "outcome")


class CodeRow(NamedTuple):
    month: str
    centre_key: int
    dimension: str
    code: str
    reports: int


class DelayRow(NamedTuple):
    month: str
    centre_key: int
    measure: str
    days: int
    reports: int


class AnswerRow(NamedTuple):
    month: str
    centre_key: int
    kind: str
    question: str
    answer: str
    answers: int


class RespondingRow(NamedTuple):
    month: str
    centre_key: int
    kind: str
    reports: int


@dataclass
class SummaryRows:
    """Summary rows for a period: what every dashboard figure and the satisfaction results are built from."""

    areas: list[AreaRow] = field(default_factory=list)
    codes: list[CodeRow] = field(default_factory=list)
    delays: list[DelayRow] = field(default_factory=list)
    answers: list[AnswerRow] = field(default_factory=list)
    responding: list[RespondingRow] = field(default_factory=list)

    def of_months(self, months: Collection[str]) -> "SummaryRows":
        """The rows of these months only (for periods of whole months read together)."""
        wanted = set(months)
        return SummaryRows(*([row for row in getattr(self, part) if row.month in wanted] for part in ROW_TYPES))


ALL_PARTS = ("areas", "codes", "delays", "answers", "responding")
SATISFACTION_PARTS = {"answers", "responding"}

ROW_TYPES = {
    "areas": AreaRow,
    "codes": CodeRow,
    "delays": DelayRow,
    "answers": AnswerRow,
    "responding": RespondingRow,
}
TABLE_OF = {
    "areas": ReviewMonthCentreArea,
    "codes": ReviewMonthCentreCode,
    "delays": ReviewMonthCentreDelay,
    "answers": ReviewMonthCentreAnswer,
    "responding": ReviewMonthCentreResponding,
}
SUMMARY_TABLES = tuple(TABLE_OF.values())

# The counts of each part, summed when rows are read with some of their keys left out.
COUNT_FIELDS = {
    "areas": ("reports", "expected_filled", "consent_recorded", "referred"),
    "codes": ("reports",),
    "delays": ("reports",),
    "answers": ("answers",),
    "responding": ("reports",),
}
