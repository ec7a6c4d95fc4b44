"""A centre's details as one set of values, and every change to them kept as history.

The management pages and `centres import` both change a centre through `apply_details`, then
`record_changes` writes one `CentreChange` row per field that changed (who, when, old and new) and one
audit event naming the fields. Values are compared and kept as the text staff see in the history.
"""

from dataclasses import dataclass, field, fields
from datetime import date

from ..audit import record as audit_record
from ..domain.centres import Opening, hours_text
from ..extensions import db
from ..models import Area, Centre, CentreHours
from .models import CentreChange

# Fields a visitor to /centres may see; everything else about a centre is for staff.
PUBLIC_FIELDS = (
    "name", "kind", "address", "postcode", "phone", "email", "directions", "opening_hours", "hours_note",
    "closed_on_bank_holidays", "offers", "access", "languages",
)  # fmt: skip


@dataclass
class CentreDetails:
    """Everything about a centre that staff can set, as plain values (codes, lists, dates)."""

    name: str
    area: Area
    kind: str | None = None
    address: str | None = None
    postcode: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    phone: str | None = None
    email: str | None = None
    directions: str | None = None
    opening_hours: list[Opening] = field(default_factory=list)
    hours_note: str | None = None
    closed_on_bank_holidays: bool = True
    offers: list[str] = field(default_factory=list)
    access: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    contact_person: str | None = None
    notes: str | None = None
    listed_publicly: bool = True
    active: bool = True
    last_training_on: date | None = None
    last_contact_on: date | None = None

    @classmethod
    def of(cls, centre: Centre) -> "CentreDetails":
        """The details a centre has now (for filling the edit form)."""
        values = {f.name: getattr(centre, f.name) for f in fields(cls) if f.name not in ("opening_hours",)}
        values["offers"], values["access"], values["languages"] = (
            list(centre.offers or ()), list(centre.access or ()), list(centre.languages or ())
        )  # fmt: skip
        return cls(**values, opening_hours=centre.openings)


def _shown(value) -> str | None:
    """A value as the history shows it: lists joined with "; ", yes/no, ISO dates, empty as nothing."""
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return str(value)


def snapshot(centre: Centre) -> dict[str, str | None]:
    """Every field staff can change, as the text the history keeps."""
    values = {f.name: getattr(centre, f.name, None) for f in fields(CentreDetails)}
    values["area"] = centre.area.code if centre.area else None
    values["opening_hours"] = hours_text(centre.openings)
    return {name: _shown(value) for name, value in values.items()}


def apply_details(centre: Centre, details: CentreDetails) -> None:
    """Set a centre's fields (and its opening hours) from `details`."""
    for item in fields(CentreDetails):
        if item.name != "opening_hours":
            setattr(centre, item.name, getattr(details, item.name))
    if hours_text(centre.openings) != hours_text(details.opening_hours):
        centre.hours = [
            CentreHours(weekday=session.weekday, opens=session.opens, closes=session.closes)
            for session in sorted(details.opening_hours)
        ]


def record_changes(centre: Centre, before: dict[str, str | None], user=None, source: str = "app") -> list[str]:
    """Keep one history row per changed field and audit the change; return the names of the fields changed.

    `before` is `snapshot(centre)` taken before the change, or an empty dict for a new centre. The centre must
    have an id (flush first).
    """
    after = snapshot(centre)
    changed = [name for name in after if before.get(name) != after[name]]
    for name in changed:
        db.session.add(
            CentreChange(
                centre_id=centre.id,
                changed_by_id=getattr(user, "id", None),
                source=source,
                field=name,
                old_value=before.get(name),
                new_value=after[name],
            )
        )
    if changed:
        action = "centre_added" if not before else "centre_changed"
        audit_record(action, "centre", centre.code, f"source={source} fields={','.join(changed)}", user=user)
    return changed
