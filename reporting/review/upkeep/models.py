"""The table of centre visits: refresher training sessions and partnership contact visits, with notes."""

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...columns import UTCDateTime, utcnow
from ...crypto import EncryptedText
from ...extensions import db

if TYPE_CHECKING:  # the tables are named as strings: importing the model layer here would be an import cycle
    from ...models import Centre, User

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
