"""Survey invitations: the immediate survey's outcome and the follow-up survey's one-time token.

A report has at most one invitation of each kind. The immediate one records whether the survey
was answered or declined, so it is answered once. The follow-up one carries a token the person
receives as a link and a QR code. The token itself is never stored: `token_hash` (SHA-256) finds
the invitation when the link is opened, and `token_salt` lets the app derive the same token again
with its secret key, so a receipt printed later carries the same link. A copy of the database
alone gives nobody a working link.
"""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from ..columns import UTCDateTime, utcnow
from ..extensions import db

if TYPE_CHECKING:  # the table is named as a string: importing the model layer here would be an import cycle
    from ..models import Report

OUTCOMES = ("answered", "declined")


class SurveyInvitation(db.Model):
    __tablename__ = "survey_invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The unique (report_id, kind) pair below also serves look-ups by report.
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    token_salt: Mapped[str | None] = mapped_column(String(64))
    valid_from: Mapped[datetime | None] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    outcome: Mapped[str | None] = mapped_column(String(20))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    report: Mapped["Report"] = relationship(
        backref=backref("survey_invitations", cascade="all, delete-orphan", passive_deletes=True)
    )

    __table_args__ = (UniqueConstraint("report_id", "kind", name="uq_survey_invitations_report_id_kind"),)

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None
