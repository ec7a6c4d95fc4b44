"""Tables of case work's outcomes and corrections (the other case work tables are in `models.py`).

- `report_outcomes`: the outcomes of a closed case (one row a code). Only a closed case has any: reopening
  clears them, while the outcomes recorded at each closing stay with that status change
  (`report_status_changes.outcomes`).
- `report_corrections`: each correction of a submitted report's coded answer, with the old and new values as text
  (`domain/corrections.py`), the reason (personal data: encrypted, and cleared by erasure and retention), who and
  when.

The tables name the shared ones as strings (see `models/__init__.py`); the report reaches its rows through the
backrefs `outcome_rows` and `corrections`.
"""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from ..columns import UTCDateTime, utcnow
from ..crypto import EncryptedText
from ..extensions import db

if TYPE_CHECKING:
    from ..models import Report, User


class ReportOutcome(db.Model):
    __tablename__ = "report_outcomes"

    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True)
    # A code of `domain.outcomes.OUTCOMES`.
    code: Mapped[str] = mapped_column(String(40), primary_key=True)

    report: Mapped["Report"] = relationship(
        backref=backref(
            "outcome_rows", cascade="all, delete-orphan", passive_deletes=True, order_by="ReportOutcome.code"
        )
    )

    __table_args__ = (Index("ix_report_outcomes_code_report", "code", "report_id"),)


class ReportCorrection(db.Model):
    __tablename__ = "report_corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    # A name of `domain.corrections.CORRECTABLE`; the values as `domain.corrections.as_text` writes them.
    field: Mapped[str] = mapped_column(String(40))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    # None once erased.
    reason: Mapped[str | None] = mapped_column(EncryptedText)
    corrected_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    corrected_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    report: Mapped["Report"] = relationship(
        backref=backref(
            "corrections", cascade="all, delete-orphan", passive_deletes=True, order_by="ReportCorrection.id"
        )
    )
    corrected_by: Mapped["User | None"] = relationship()
