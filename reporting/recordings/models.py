"""The table of recorded accounts: a video (often in British Sign Language) or the person's voice."""

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, Float, ForeignKey, Integer, String, true
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from ..columns import UTCDateTime, utcnow
from ..crypto import EncryptedText
from ..extensions import db

STATUSES = ("pending", "ready", "refused")
KINDS = ("video", "audio")


class Recording(db.Model):
    """An account of what happened, recorded or uploaded as video or sound, stored encrypted in chunks.

    `pending`: the upload as it came, sealed, waiting for the worker; `ready`: the clean copy (`media_format`),
    and the upload gone; `refused`: not a recording we can keep (`refusal`), and nothing of it kept."""

    __tablename__ = "recordings"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'ready', 'refused')", name="status"),
        CheckConstraint("kind IS NULL OR kind IN ('video', 'audio')", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    # The file's random name in the recordings folder (the upload while pending, the clean copy once ready).
    stored_name: Mapped[str | None] = mapped_column(String(64), unique=True)
    kind: Mapped[str | None] = mapped_column(String(20))
    media_format: Mapped[str | None] = mapped_column(String(20))
    duration_seconds: Mapped[float | None] = mapped_column(Float)
    size_bytes: Mapped[int] = mapped_column(Integer)
    refusal: Mapped[str | None] = mapped_column(String(20))
    # Whether it was recorded in the browser ("recorded") or chosen as a file ("uploaded").
    source: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # A face and a voice both say who the person is: an anonymous referral never carries a recording.
    identifying: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # What the recording says, written by staff (encrypted), and who wrote it when.
    staff_summary: Mapped[str | None] = mapped_column(EncryptedText)
    summary_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    summary_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # `report.recordings` for the referral documents, which read a report's attributes alone; the database removes a
    # report's recordings with it.
    report = relationship("Report", backref=backref("recordings", passive_deletes=True, order_by="Recording.id"))
