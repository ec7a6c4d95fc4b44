"""Tables of case work: the daily digests of overdue cases sent (`cases remind`).

(The outcomes and corrections tables are in `outcome_models.py`.)
"""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..columns import UTCDateTime, utcnow
from ..extensions import db


class CaseReminder(db.Model):
    """One digest of overdue cases sent to a user on a UK day, so that running `cases remind` twice sends one."""

    __tablename__ = "case_reminders"
    __table_args__ = (UniqueConstraint("user_id", "sent_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    sent_on: Mapped[date] = mapped_column(Date)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    cases: Mapped[int] = mapped_column(Integer)
