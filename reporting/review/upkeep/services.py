"""Centre upkeep (action plan 3.4): refresher training every year and partnership contact every six months.

A centre is overdue when the due date has passed or nothing has been recorded; "due soon" is
the next 30 days. Recording a training session or a contact visit keeps its notes and moves the
centre's last training or contact date forward (never back). A visit recorded by mistake can be
corrected or removed (both audited): the centre's last dates are then worked out again from the visits
that remain and the last date set in the centre's own details (its history), whichever is later.

A visit cannot be dated before the centre's records begin (`centre_began`): its first history entry,
its first report, or a last training or contact date given in its details, whichever is earliest.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from ... import audit
from ...centres.models import CentreChange
from ...domain.ukdates import uk_date
from ...models import Centre, Report
from .models import VISIT_KINDS, CentreVisit

INTERVAL_MONTHS = {"training": 12, "contact": 6}
LAST_DATE = {"training": "last_training_on", "contact": "last_contact_on"}
DUE_SOON_DAYS = 30


def months_after(day: date, months: int) -> date:
    """The same day `months` later, or the last day of that month when it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Upkeep:
    """One kind of upkeep at one centre: when it was last done and when it is due."""

    kind: str
    last_on: date | None

    @property
    def due_on(self) -> date | None:
        return None if self.last_on is None else months_after(self.last_on, INTERVAL_MONTHS[self.kind])

    def overdue(self, today: date) -> bool:
        return self.due_on is None or self.due_on < today

    def due_soon(self, today: date) -> bool:
        return not self.overdue(today) and self.due_on <= today + timedelta(days=DUE_SOON_DAYS)

    def status(self, today: date) -> str:
        if self.overdue(today):
            return "overdue"
        return "due_soon" if self.due_soon(today) else "up_to_date"


@dataclass(frozen=True)
class CentreUpkeep:
    centre: Centre
    training: Upkeep
    contact: Upkeep

    def overdue(self, today: date) -> bool:
        return self.training.overdue(today) or self.contact.overdue(today)

    def items(self) -> tuple[Upkeep, Upkeep]:
        return self.training, self.contact


def centre_upkeep(session) -> list[CentreUpkeep]:
    """Every active centre with its training and contact, by name."""
    centres = session.scalars(select(Centre).where(Centre.active.is_(True)).order_by(Centre.name))
    return [
        CentreUpkeep(centre, Upkeep("training", centre.last_training_on), Upkeep("contact", centre.last_contact_on))
        for centre in centres
    ]


def due_soon(upkeep: list[CentreUpkeep], today: date) -> list[tuple[Centre, Upkeep]]:
    """What falls due in the next 30 days, soonest first."""
    found = [(entry.centre, item) for entry in upkeep for item in entry.items() if item.due_soon(today)]
    return sorted(found, key=lambda pair: (pair[1].due_on, pair[0].name))


def overdue(upkeep: list[CentreUpkeep], today: date) -> list[tuple[Centre, Upkeep]]:
    return [(entry.centre, item) for entry in upkeep for item in entry.items() if item.overdue(today)]


def record_visit(session, centre: Centre, kind: str, visited_on: date, notes: str | None, user) -> CentreVisit:
    """Store a training session or contact visit, move the centre's date forward, audit it and commit."""
    if kind not in VISIT_KINDS:
        raise ValueError(f"kind must be one of {VISIT_KINDS}")
    visit = CentreVisit(
        centre=centre, kind=kind, visited_on=visited_on, notes=notes or None, recorded_by_id=getattr(user, "id", None)
    )
    session.add(visit)
    attribute = LAST_DATE[kind]
    current = getattr(centre, attribute)
    if current is None or visited_on > current:
        setattr(centre, attribute, visited_on)
    session.flush()
    audit.record("centre_visit_recorded", "centre", centre.code, detail=f"kind={kind} visit={visit.id}", user=user)
    session.commit()
    return visit


def visits_of(session, centre: Centre) -> list[CentreVisit]:
    query = select(CentreVisit).where(CentreVisit.centre_id == centre.id)
    return list(session.scalars(query.order_by(CentreVisit.visited_on.desc(), CentreVisit.id.desc())))


def visit_of(session, centre: Centre, visit_id: int) -> CentreVisit | None:
    """A visit of this centre (None for another centre's)."""
    visit = session.get(CentreVisit, visit_id)
    return visit if visit is not None and visit.centre_id == centre.id else None


def correct_visit(session, visit: CentreVisit, kind: str, visited_on: date, notes: str | None, user) -> None:
    """Change a visit recorded by mistake, work the centre's dates out again, audit it and commit."""
    if kind not in VISIT_KINDS:
        raise ValueError(f"kind must be one of {VISIT_KINDS}")
    visit.kind, visit.visited_on, visit.notes = kind, visited_on, notes or None
    session.flush()
    _work_out_dates(session, visit.centre)
    audit.record(
        "centre_visit_corrected", "centre", visit.centre.code, detail=f"kind={kind} visit={visit.id}", user=user
    )
    session.commit()


def remove_visit(session, visit: CentreVisit, user) -> None:
    """Remove a visit recorded by mistake, work the centre's dates out again from the rest, audit it and commit."""
    centre, detail = visit.centre, f"kind={visit.kind} visit={visit.id}"
    session.delete(visit)
    session.flush()
    _work_out_dates(session, centre)
    audit.record("centre_visit_removed", "centre", centre.code, detail=detail, user=user)
    session.commit()


def _work_out_dates(session, centre: Centre) -> None:
    for kind, attribute in LAST_DATE.items():
        visited = session.scalar(
            select(func.max(CentreVisit.visited_on)).where(CentreVisit.centre_id == centre.id, CentreVisit.kind == kind)
        )
        found = [day for day in (visited, _date_in_details(session, centre, attribute)) if day is not None]
        setattr(centre, attribute, max(found) if found else None)


def _date_in_details(session, centre: Centre, attribute: str) -> date | None:
    """The last training or contact date last given in the centre's details (by import or the centre form)."""
    query = select(CentreChange.new_value).where(CentreChange.centre_id == centre.id, CentreChange.field == attribute)
    text = session.scalar(query.order_by(CentreChange.changed_at.desc(), CentreChange.id.desc()).limit(1))
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def centre_began(session, centre: Centre) -> date | None:
    """The first day the centre has any record of its own; None when it has none yet."""
    changed = session.scalar(select(func.min(CentreChange.changed_at)).where(CentreChange.centre_id == centre.id))
    reported = session.scalar(select(func.min(Report.reported_at)).where(Report.centre_id == centre.id))
    given = [_date_in_details(session, centre, attribute) for attribute in LAST_DATE.values()]
    found = [uk_date(moment) for moment in (changed, reported) if moment is not None]
    found += [day for day in given if day is not None]
    return min(found) if found else None
