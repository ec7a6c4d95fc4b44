"""The published statistics, kept exactly as published: they move only when the unit publishes again.

A `StatisticsRelease` is one publication of a quarter: revision 1 the first time, 2, 3, … each time it is
published again with different figures, with the tables that changed. Its `StatisticsCell`s hold the
published value of every cell: the count, or NULL where the small-number rule hides it (`<5`). The true
count of a hidden cell is never stored here.
"""

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..columns import UTCDateTime, utcnow
from ..extensions import db

if TYPE_CHECKING:  # named as a string: importing the model layer here would be an import cycle
    from ..models import User


class StatisticsRelease(db.Model):
    __tablename__ = "statistics_releases"
    __table_args__ = (UniqueConstraint("quarter", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    quarter: Mapped[str] = mapped_column(String(7))  # `2026-Q2`
    revision: Mapped[int] = mapped_column(Integer)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # For a revision: the tables whose published figures changed, comma-separated (`area,category`).
    changed_tables: Mapped[str | None] = mapped_column(String(100))

    published_by: Mapped["User | None"] = relationship()
    cells: Mapped[list["StatisticsCell"]] = relationship(
        back_populates="release", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def changed(self) -> tuple[str, ...]:
        return tuple(name for name in (self.changed_tables or "").split(",") if name)

    def published(self) -> dict[tuple[str, str], int | None]:
        return {(cell.dimension, cell.code): cell.reports for cell in self.cells}


class StatisticsCell(db.Model):
    __tablename__ = "statistics_cells"

    release_id: Mapped[int] = mapped_column(ForeignKey("statistics_releases.id", ondelete="CASCADE"), primary_key=True)
    dimension: Mapped[str] = mapped_column(String(20), primary_key=True)
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    reports: Mapped[int | None] = mapped_column(Integer)  # NULL: hidden by the small-number rule

    release: Mapped[StatisticsRelease] = relationship(back_populates="cells")
