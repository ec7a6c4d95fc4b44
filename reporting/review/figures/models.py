"""Tables of the review summary: exact counts per UK month and centre, derived from the reports.

They are a cache the dashboard reads instead of a million reports, never a place where figures
are entered (see `summary/`). `centre_key` is the centre's id, or `places.NO_CENTRE` (0) for online
self-reports; `area_key` is the area's id, or `places.NO_AREA` (0) where the area is not known.
"""

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ...extensions import db


class ReviewMonthCentreArea(db.Model):
    """Reports made in a month at a centre about incidents in an area, with what consistency needs."""

    __tablename__ = "review_month_centre_area"

    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    centre_key: Mapped[int] = mapped_column(Integer, primary_key=True)
    area_key: Mapped[int] = mapped_column(Integer, primary_key=True)
    reports: Mapped[int] = mapped_column(Integer)
    # The sum over these reports of how many of the expected fields were filled in.
    expected_filled: Mapped[int] = mapped_column(Integer)
    consent_recorded: Mapped[int] = mapped_column(Integer)
    referred: Mapped[int] = mapped_column(Integer)


class ReviewMonthCentreCode(db.Model):
    """Reports made in a month at a centre with a category or incident type (once in each they carry)."""

    __tablename__ = "review_month_centre_code"

    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    centre_key: Mapped[int] = mapped_column(Integer, primary_key=True)
    dimension: Mapped[str] = mapped_column(String(20), primary_key=True)
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    reports: Mapped[int] = mapped_column(Integer)


class ReviewMonthCentreDelay(db.Model):
    """How many reports of a month and centre took so many days (incident to report, report to referral)."""

    __tablename__ = "review_month_centre_delay"

    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    centre_key: Mapped[int] = mapped_column(Integer, primary_key=True)
    measure: Mapped[str] = mapped_column(String(20), primary_key=True)
    days: Mapped[int] = mapped_column(Integer, primary_key=True)
    reports: Mapped[int] = mapped_column(Integer)


class ReviewMonthCentreAnswer(db.Model):
    """Satisfaction answers given about the reports of a month and centre, by survey kind, question and answer.

    `answer` is the score ("1" to "5") for a scale question, or the coded answer ("yes", "no",
    "not_sure") to "would you recommend reporting here?". Comments are not counted here.
    """

    __tablename__ = "review_month_centre_answer"

    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    centre_key: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    question: Mapped[str] = mapped_column(String(40), primary_key=True)
    answer: Mapped[str] = mapped_column(String(20), primary_key=True)
    answers: Mapped[int] = mapped_column(Integer)


ANY_KIND = "any"


class ReviewMonthCentreResponding(db.Model):
    """Reports of a month and centre with at least one survey answer (a comment included) of a kind.

    `kind` is "immediate", "follow-up", or `ANY_KIND` for reports answered in either survey (not
    the sum of the two: a report may be answered in both).
    """

    __tablename__ = "review_month_centre_responding"

    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    centre_key: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    reports: Mapped[int] = mapped_column(Integer)


class ReviewSummaryQueue(db.Model):
    """(UTC month, centre) pairs whose reports changed since the summary was last brought up to date.

    Filled by database triggers on reports, their categories and incident types and their survey
    answers, so every way of writing reports (forms, imports, the demo data, SQL by hand) marks what it changed.
    """

    __tablename__ = "review_summary_queue"

    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    centre_key: Mapped[int] = mapped_column(Integer, primary_key=True)
