"""The tables of the centres capability: every change to a centre, and the postcode districts' coordinates."""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Float, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..columns import UTCDateTime, utcnow
from ..extensions import db

if TYPE_CHECKING:  # the tables are named as strings: importing the model layer here would be an import cycle
    from ..models import Centre, User

# Where a change came from: a person in the app, or `centres import` on the command line.
CHANGE_SOURCES = ("app", "import")


class CentreChange(db.Model):
    """One field of a centre changed: who, when, the old and the new value (as shown to staff)."""

    __tablename__ = "centre_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centres.id", ondelete="CASCADE"), index=True)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    source: Mapped[str] = mapped_column(String(10), default="app")
    field: Mapped[str] = mapped_column(String(40))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)

    centre: Mapped["Centre"] = relationship()
    changed_by: Mapped["User | None"] = relationship()


class PostcodeDistrict(db.Model):
    """Where a postcode district (the outward code, such as M33) is, for ordering centres by distance.

    Loaded by the partnership unit with `districts import`; never looked up from an outside service.
    """

    __tablename__ = "postcode_districts"

    district: Mapped[str] = mapped_column(String(4), primary_key=True)
    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
