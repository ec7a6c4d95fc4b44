"""The tables of the conversation with the person: case messages both ways, and the erasures they ask for.

Words are personal data: encrypted at rest (`EncryptedText`) and blanked by retention and erasure
(reporting/privacy/services.py). The staff member who wrote to the person is kept for the centre, never shown
to the person.
"""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..columns import UTCDateTime, utcnow
from ..crypto import EncryptedText
from ..extensions import db

if TYPE_CHECKING:  # the shared tables are named as strings: importing the model layer here would be a cycle
    from ..models import EvidenceFile, Report, User


class CaseMessage(db.Model):
    """One message to or from the person, or one change they made (`domain/case_messages.py` has the kinds)."""

    __tablename__ = "case_messages"
    __table_args__ = (
        CheckConstraint("direction IN ('to_person', 'from_person')", name="direction"),
        CheckConstraint("kind IN ('message', 'information', 'evidence', 'contact', 'consent', 'erasure')", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    direction: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(20))
    body: Mapped[str | None] = mapped_column(EncryptedText)
    # A code, never words: the new police consent, or whether an erasure was asked for or cancelled.
    detail: Mapped[str | None] = mapped_column(String(40))
    # The staff member who wrote to the person (never shown to them); None for what the person sent.
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # What the person sent, once someone working the case has opened the report page.
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    read_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    evidence_file_id: Mapped[int | None] = mapped_column(ForeignKey("evidence_files.id", ondelete="SET NULL"))
    # For a message to the person: whether an email notice went out, or why not (`domain/case_messages.py`).
    email_notice: Mapped[str | None] = mapped_column(String(20))

    report: Mapped["Report"] = relationship()
    author: Mapped["User | None"] = relationship(foreign_keys=[author_id])
    evidence_file: Mapped["EvidenceFile | None"] = relationship()


class ErasureRequest(db.Model):
    """The person asked, in "Check my report", for their personal details to be erased: it takes effect at
    `erase_after` (a cooling-off period later) unless they cancel it, so that someone who found their code cannot
    destroy the record at once. `retention erase-due` carries out those that are due."""

    __tablename__ = "erasure_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    erase_after: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    report: Mapped["Report"] = relationship()

    @property
    def pending(self) -> bool:
        return self.cancelled_at is None and self.erased_at is None
