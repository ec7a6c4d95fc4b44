"""Tables of dip sampling: the monthly draw of reports, each drawn report, and its checklist findings.

`centre_key` is the centre's id at the time of the draw, or `places.NO_CENTRE` for online self-reports.
"""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...columns import UTCDateTime, utcnow
from ...crypto import EncryptedText
from ...extensions import db

if TYPE_CHECKING:  # the tables are named as strings: importing the model layer here would be an import cycle
    from ...models import Report, User

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
