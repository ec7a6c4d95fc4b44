"""Building areas, centres, users and reports for tests, with sensible defaults."""

from datetime import UTC, date, datetime
from functools import cache

from reporting.auth.services import hash_password
from reporting.domain.centres import parse_hours
from reporting.domain.references import new_reference
from reporting.extensions import db
from reporting.models import Area, Centre, CentreHours, ContactDetails, Report, User

PASSWORD = "correct-lamp-harbour-77"


@cache
def password_hash() -> str:
    return hash_password(PASSWORD)


def area(code: str = "sale_central", name: str = "Sale Central") -> Area:
    found = db.session.query(Area).filter_by(code=code).one_or_none()
    if found:
        return found
    created = Area(code=code, name=name)
    db.session.add(created)
    db.session.flush()
    return created


def centre(code: str = "sale-library", name: str = "Sale Library", area_code: str = "sale_central", **fields) -> Centre:
    """A centre; `opening_hours` is given as `centres import` reads it ("Mon-Fri 09:00-17:00")."""
    openings = parse_hours(fields.pop("opening_hours", None))
    created = Centre(code=code, name=name, area=area(area_code), active=True, **fields)
    created.hours = [CentreHours(weekday=o.weekday, opens=o.opens, closes=o.closes) for o in openings]
    db.session.add(created)
    db.session.flush()
    return created


def user(email: str, role: str = "volunteer", centre_obj: Centre | None = None, **fields) -> User:
    created = User(email=email, role=role, centre=centre_obj, password_hash=password_hash(), active=True, **fields)
    db.session.add(created)
    db.session.flush()
    return created


def report(centre_obj: Centre | None = None, **fields) -> Report:
    values = {
        "reference": new_reference(),
        "channel": "assisted" if centre_obj else "self",
        "centre": centre_obj,
        "reported_at": datetime(2026, 3, 14, 10, 30, tzinfo=UTC),
        "occurred_on": date(2026, 3, 13),
        "reporter_role": "victim",
        "location_type": "street",
        "description": "Shouted at in the street outside the shop.",
        "police_consent": "anonymous",
        "language": "en",
        "status": "received",
    }
    categories = fields.pop("categories", ["race"])
    incident_types = fields.pop("incident_types", ["verbal_abuse"])
    contact = fields.pop("contact", None)
    values.update(fields)
    created = Report(**values)
    created.categories = categories
    created.incident_types = incident_types
    if contact:
        created.contact = ContactDetails(**contact)
    db.session.add(created)
    db.session.flush()
    return created
