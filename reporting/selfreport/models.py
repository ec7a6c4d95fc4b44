"""Tables of reports made online: the files a draft has taken, kept to count its daily allowance."""

from datetime import datetime

from sqlalchemy import ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from ..columns import UTCDateTime, utcnow
from ..extensions import db


class DraftUpload(db.Model):
    """A file a draft made online took, kept when the file is removed, so that adding and removing files again and
    again still counts against the draft's allowance (reporting/domain/evidence_limits.py). Gone with the draft."""

    __tablename__ = "draft_uploads"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    size_bytes: Mapped[int] = mapped_column(Integer)
