"""A centre's history of changes as staff read it: each value with its label in their language (kinds, what it
offers, access, yes or no, dates and areas by name) rather than the codes the history keeps."""

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import format_date
from sqlalchemy import select

from ..extensions import db
from ..i18n import gettext as _
from ..i18n import lazy_gettext as _l
from ..labels import label
from ..models import Area
from .centre_form import FIELD_LABELS
from .models import CentreChange

SOURCES = {"app": _l("In the app"), "import": _l("Centres import (command line)")}
CODE_LISTS = {"kind": "centre_kinds", "offers": "centre_offers", "access": "centre_access"}
YES_NO_FIELDS = ("closed_on_bank_holidays", "listed_publicly", "active")
DATE_FIELDS = ("last_training_on", "last_contact_on")


@dataclass(frozen=True)
class ChangeRow:
    changed_at: datetime
    who: str | None
    field: str
    old: str | None
    new: str | None
    source: str


def _area_names() -> dict[str, str]:
    return dict(db.session.execute(select(Area.code, Area.name)).all())


def shown(field: str, value: str | None, areas: dict[str, str]) -> str | None:
    """A value as the history keeps it (codes joined with "; ", yes/no, ISO dates), in words."""
    if value is None:
        return None
    if field in CODE_LISTS:
        return "; ".join(label(CODE_LISTS[field], code) for code in value.split("; "))
    if field in YES_NO_FIELDS:
        return _("Yes") if value == "yes" else _("No")
    if field in DATE_FIELDS:
        try:
            return format_date(date.fromisoformat(value), "d MMMM y")
        except ValueError:
            return value
    if field == "area":
        return areas.get(value, value)
    return value


def change_rows(changes: list[CentreChange]) -> list[ChangeRow]:
    areas = _area_names()
    return [
        ChangeRow(
            changed_at=change.changed_at,
            who=change.changed_by.email if change.changed_by else None,
            field=str(FIELD_LABELS.get(change.field, change.field)),
            old=shown(change.field, change.old_value, areas),
            new=shown(change.field, change.new_value, areas),
            source=str(SOURCES.get(change.source, change.source)),
        )
        for change in changes
    ]
