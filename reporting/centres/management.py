"""Managing centres in the app: adding, changing, closing and reopening one, each change kept in its history.

A centre is closed by marking it inactive: nothing is deleted, so its reports and every count of them stay as they
were. A centre with open cases (reports given to it to follow up, or made there and not given to another centre,
that are not closed) cannot be closed until they are closed or given to another centre. Staff accounts of a closed
centre are left as they are.

Edits are checked against what the person saw: `details_version` is a digest of every field staff can change, put in
the form when it is shown; a different digest on saving means someone else changed the centre meanwhile. No Flask.
"""

import hashlib
import json

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import selectinload

from ..domain.statuses import OPEN_STATUSES
from ..extensions import db
from ..models import Area, Centre, Report, User
from . import records
from .models import CentreChange


class CentreChangedMeanwhile(Exception):
    """Someone else changed the centre after the person opened the form."""


class CentreHasOpenCases(Exception):
    """A centre with open cases cannot be closed."""


def details_version(centre: Centre) -> str:
    """A digest of every field staff can change, to tell whether the centre changed since the form was shown."""
    text = json.dumps(records.snapshot(centre), sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def find_centre(code: str) -> Centre | None:
    return db.session.scalar(select(Centre).where(Centre.code == code).options(selectinload(Centre.hours)))


def code_taken(code: str) -> bool:
    return db.session.scalar(select(func.count()).select_from(Centre).where(Centre.code == code)) > 0


def areas() -> list[Area]:
    return list(db.session.scalars(select(Area).order_by(Area.name)))


def add_centre(code: str, details: records.CentreDetails, user) -> Centre:
    """Store a new centre with its details; its history starts with every field it was given. Commits."""
    centre = Centre(code=code, name=details.name, area=details.area)
    db.session.add(centre)
    db.session.flush()
    records.apply_details(centre, details)
    db.session.flush()
    records.record_changes(centre, {}, user=user, source="app")
    db.session.commit()
    return centre


def change_centre(centre: Centre, details: records.CentreDetails, seen_version: str, user) -> list[str]:
    """Change a centre's details as the person saw them; returns the names of the fields that changed. Commits.

    Raises `CentreChangedMeanwhile`, changing nothing, when the centre is no longer as they saw it.
    """
    if seen_version != details_version(centre):
        raise CentreChangedMeanwhile()
    before = records.snapshot(centre)
    records.apply_details(centre, details)
    db.session.flush()
    changed = records.record_changes(centre, before, user=user, source="app")
    db.session.commit()
    return changed


def open_cases_query(centre_ids):
    """Submitted reports that are not closed whose case is one of `centre_ids`', oldest first: those given to one of
    them to follow up, and those made at one of them and not given to another centre (cases/rules.py)."""
    theirs = or_(
        Report.assigned_centre_id.in_(centre_ids),
        and_(Report.assigned_centre_id.is_(None), Report.centre_id.in_(centre_ids)),
    )
    return select(Report).where(Report.status.in_(OPEN_STATUSES), theirs).order_by(Report.reported_at)


def open_cases(centre: Centre) -> list[Report]:
    return list(db.session.scalars(open_cases_query([centre.id])))


def active_accounts(centre: Centre) -> int:
    """How many staff accounts of the centre can still sign in."""
    query = select(func.count()).select_from(User).where(User.centre_id == centre.id, User.active.is_(True))
    return db.session.scalar(query)


def _set_active(centre: Centre, active: bool, user) -> None:
    before = records.snapshot(centre)
    centre.active = active
    db.session.flush()
    records.record_changes(centre, before, user=user, source="app")
    db.session.commit()


def close_centre(centre: Centre, user) -> None:
    """Mark the centre inactive, keeping everything it holds; refused with `CentreHasOpenCases`. Commits."""
    if open_cases(centre):
        raise CentreHasOpenCases()
    _set_active(centre, False, user)


def reopen_centre(centre: Centre, user) -> None:
    _set_active(centre, True, user)


def closed_centres() -> list[Centre]:
    return list(db.session.scalars(select(Centre).where(Centre.active.is_(False)).order_by(Centre.name)))


def history(centre: Centre) -> list[CentreChange]:
    """Every change to the centre, newest first, with who made it."""
    query = select(CentreChange).where(CentreChange.centre_id == centre.id)
    query = query.options(selectinload(CentreChange.changed_by))
    return list(db.session.scalars(query.order_by(CentreChange.changed_at.desc(), CentreChange.id.desc())))
