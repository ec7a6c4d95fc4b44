"""Corrections to a submitted report's coded answers: which answers may be corrected, and how a change is kept.

Staff correct categories, incident types, the date it happened, the place type, the area and (for a report made
at a centre) the centre where it was made. Each changed answer is kept as its old and new value written as text:
codes as they are stored (a list joined with `;` in code order), a date in ISO 8601 (`2026-03-13`, or `2026-03`
for a date known only to the month), and no value as None. Nothing here touches the database.
"""

from dataclasses import dataclass
from datetime import date

CORRECTABLE = ("categories", "incident_types", "occurred_on", "location_type", "area", "centre")
# The centre where a report was made is corrected only for reports made at a centre: an online report has none.
ASSISTED_ONLY = ("centre",)
LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class ApproximateDate:
    """A date known only to its month (the report's "not sure of the exact date")."""

    year: int
    month: int

    def isoformat(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True)
class Change:
    field: str
    old_value: str | None
    new_value: str | None


def correctable_fields(channel: str) -> tuple[str, ...]:
    """The answers staff may correct on a report that came by `channel`."""
    return tuple(name for name in CORRECTABLE if channel == "assisted" or name not in ASSISTED_ONLY)


def as_text(value) -> str | None:
    """A coded answer written as a correction keeps it."""
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, list | tuple | set | frozenset):
        return LIST_SEPARATOR.join(sorted(set(value)))
    if isinstance(value, date | ApproximateDate):
        return value.isoformat()
    return str(value)


def occurred(day: date | None, approximate: bool) -> date | ApproximateDate | None:
    """The date it happened as a correction compares it: to the month when only the month is known."""
    if day is None:
        return None
    return ApproximateDate(day.year, day.month) if approximate else day


def changes(before: dict, after: dict) -> list[Change]:
    """The answers that differ between `before` and `after` (each keyed by field), in `CORRECTABLE` order."""
    found = []
    for name in CORRECTABLE:
        if name not in after:
            continue
        old, new = as_text(before.get(name)), as_text(after[name])
        if old != new:
            found.append(Change(name, old, new))
    return found


def list_value(text: str | None) -> list[str]:
    """A list of codes written by `as_text`, read back."""
    return text.split(LIST_SEPARATOR) if text else []
