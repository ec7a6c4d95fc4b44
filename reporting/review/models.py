"""Tables of the partnership review: the monthly summary, dip samples and centre visits.

The summary tables hold, for each UK month and centre, exact counts derived from the reports
(see `summary.py`): they are a cache the dashboard reads instead of a million reports, never a
place where figures are entered. `centre_key` is the centre's id, or 0 for online self-reports;
`area_key` is the area's id, or 0 where the area is not known.
"""

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..columns import UTCDateTime, utcnow
from ..crypto import EncryptedText
from ..extensions import db

if TYPE_CHECKING:  # the tables are named as strings: importing the model layer here would be an import cycle
    from ..models import Centre, Report, User

NO_CENTRE = 0
NO_AREA = 0


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


CHECKLIST = ("support_offered", "consent_recorded", "referral_made", "kept_informed", "outcome_suitable")
FINDINGS = ("pass", "fail", "not_applicable")


class DipSample(db.Model):
    """The monthly draw of reports for a quality check: reproducible from its seed and population."""

    __tablename__ = "dip_samples"

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[str] = mapped_column(String(7), unique=True)
    seed: Mapped[str] = mapped_column(String(64))
    population: Mapped[int] = mapped_column(Integer)
    drawn_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    drawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    drawn_by: Mapped["User | None"] = relationship()
    items: Mapped[list["DipSampleItem"]] = relationship(
        back_populates="sample", cascade="all, delete-orphan", order_by="DipSampleItem.position"
    )


class DipSampleItem(db.Model):
    """One drawn report, with the reviewer's notes once its checklist has been worked through."""

    __tablename__ = "dip_sample_items"
    __table_args__ = (UniqueConstraint("sample_id", "position", name="uq_dip_sample_items_sample_position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sample_id: Mapped[int] = mapped_column(ForeignKey("dip_samples.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    report_id: Mapped[int | None] = mapped_column(ForeignKey("reports.id", ondelete="SET NULL"), index=True)
    # The centre at the time of the draw, kept for the per-centre figures even if the report is erased.
    centre_key: Mapped[int] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(EncryptedText)
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    sample: Mapped[DipSample] = relationship(back_populates="items")
    report: Mapped["Report | None"] = relationship()
    reviewed_by: Mapped["User | None"] = relationship()
    findings: Mapped[list["DipFinding"]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="DipFinding.id"
    )


class DipFinding(db.Model):
    """The finding on one checklist item for one sampled report: pass, fail or not applicable."""

    __tablename__ = "dip_findings"
    __table_args__ = (UniqueConstraint("item_id", "checklist_item", name="uq_dip_findings_item_checklist_item"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("dip_sample_items.id", ondelete="CASCADE"), index=True)
    checklist_item: Mapped[str] = mapped_column(String(40))
    result: Mapped[str] = mapped_column(String(20))

    item: Mapped[DipSampleItem] = relationship(back_populates="findings")


VISIT_KINDS = ("training", "contact")


class CentreVisit(db.Model):
    """A refresher training session or a partnership contact visit at a centre, with notes."""

    __tablename__ = "centre_visits"

    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centres.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    visited_on: Mapped[date] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(EncryptedText)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    centre: Mapped["Centre"] = relationship()
    recorded_by: Mapped["User | None"] = relationship()
