"""Tables of linked reports: fingerprints, links between two reports, people and series.

- `report_fingerprints`: the keyed hashes of a report's identifying details (`domain/fingerprints.py`), found by
  kind and digest through one index, never by a scan. Erasure and retention delete them with the details.
- `report_links`: two reports that are probably (`suggested`), surely (`confirmed`) or not (`rejected`) the same
  person, with the reasons, who decided and when. The lower report id is always `report_a_id`, so a pair has one
  row. Links hold no personal details and stay after erasure, so counts of people do not change.
- `people` and `report_people`: the groups confirmed links make: every report of one person shares a person id.
- `series` and `series_reports`: reports staff put together (the same perpetrator, place or pattern).
- `report_earlier_references`: the person's own answer to "Have you reported something like this before?", the
  reference they gave and whether they proved it with that report's "Check my report" code.
"""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, Boolean, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..columns import UTCDateTime, utcnow
from ..extensions import db

if TYPE_CHECKING:
    from ..models import Centre, Report, User

SUGGESTED, CONFIRMED, REJECTED = "suggested", "confirmed", "rejected"
LINK_STATUSES = (SUGGESTED, CONFIRMED, REJECTED)


class ReportFingerprint(db.Model):
    __tablename__ = "report_fingerprints"

    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True)
    # A kind of `domain.fingerprints.KINDS`, and the HMAC-SHA256 in hex.
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    digest: Mapped[str] = mapped_column(String(64), primary_key=True)

    __table_args__ = (Index("ix_report_fingerprints_kind_digest", "kind", "digest"),)


class ReportLink(db.Model):
    __tablename__ = "report_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_a_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    report_b_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    # Codes of `domain.fingerprints.REASONS`.
    reasons: Mapped[list] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20), default=SUGGESTED, index=True)
    suggested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    report_a: Mapped["Report"] = relationship(foreign_keys=[report_a_id])
    report_b: Mapped["Report"] = relationship(foreign_keys=[report_b_id])
    decided_by: Mapped["User | None"] = relationship()

    __table_args__ = (UniqueConstraint("report_a_id", "report_b_id"),)

    def other(self, report_id: int) -> "Report":
        return self.report_b if report_id == self.report_a_id else self.report_a


class Person(db.Model):
    """One victim, as confirmed links show them: an id and nothing that identifies them."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ReportPerson(db.Model):
    __tablename__ = "report_people"

    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)


class Series(db.Model):
    """Reports staff grouped as one series: the same perpetrator, place or pattern."""

    __tablename__ = "series"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # The centre whose staff made it; None for the partnership unit's.
    centre_id: Mapped[int | None] = mapped_column(ForeignKey("centres.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    centre: Mapped["Centre | None"] = relationship()


class SeriesReport(db.Model):
    __tablename__ = "series_reports"

    series_id: Mapped[int] = mapped_column(ForeignKey("series.id", ondelete="CASCADE"), primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True, index=True)


class EarlierReference(db.Model):
    __tablename__ = "report_earlier_references"

    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True)
    # The answer to "Have you reported something like this before?", and the reference given (once given).
    reported_before: Mapped[bool] = mapped_column(Boolean)
    reference: Mapped[str | None] = mapped_column(String(20))
    # True when the earlier report's "Check my report" code was given and matched.
    proven: Mapped[bool] = mapped_column(Boolean, default=False)
