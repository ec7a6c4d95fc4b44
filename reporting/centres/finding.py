"""Finding a reporting centre, for the public: the centres anyone may see, in the order a search asks for.

Only active centres marked "listed publicly" are ever loaded here; a search is never stored or logged.
"""

from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import format_decimal
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..domain.centre_search import Placed, area_first, by_name, nearest_first
from ..domain.ukdates import now_utc
from ..extensions import db
from ..models import Area, Centre
from ..urls import public_url
from .display import CentreDisplay, centre_display
from .models import PostcodeDistrict

CODE_MAX = 64  # the length of the column: anything longer is not looked up
DISTANCE_FORMAT = "#,##0.0"  # miles to one decimal place: 0.4, 2.0, 12.3


@dataclass(frozen=True)
class Shown:
    """A centre as a public page shows it: the centre, its details in the visitor's language, its distance."""

    centre: Centre
    display: CentreDisplay
    miles: float | None = None

    @property
    def distance(self) -> str | None:
        """The distance in miles to one decimal place, written as the visitor's language writes numbers."""
        return None if self.miles is None else format_decimal(self.miles, DISTANCE_FORMAT)


@dataclass
class Listing:
    """The centres of one visit to "Find a reporting centre", in the order to show them.

    `district` is the postcode district searched from; `measured` is False when that district is not in the
    table, so no distance could be worked out. With an area chosen, `in_area` holds its centres and `others`
    the rest; otherwise every centre is in `others`.
    """

    others: list[Shown]
    in_area: list[Shown] = field(default_factory=list)
    district: str | None = None
    measured: bool = False
    area: Area | None = None

    @property
    def unplaced(self) -> bool:
        """Some centres are listed without a distance though distances were worked out for the others."""
        return self.measured and any(shown.miles is None for shown in self.others)


def listed_centres() -> list[Centre]:
    """Every active centre listed publicly, with its opening hours loaded."""
    query = select(Centre).where(Centre.active.is_(True), Centre.listed_publicly.is_(True))
    return list(db.session.scalars(query.options(selectinload(Centre.hours))))


def public_centre(code: str) -> Centre | None:
    """The centre with this code if the public may see it (active and listed publicly), else None."""
    if not code or len(code) > CODE_MAX:
        return None
    query = select(Centre).where(Centre.code == code, Centre.active.is_(True), Centre.listed_publicly.is_(True))
    return db.session.scalar(query.options(selectinload(Centre.hours)))


def district_point(district: str) -> tuple[float, float] | None:
    found = db.session.get(PostcodeDistrict, district)
    return None if found is None else (found.latitude, found.longitude)


def areas_to_choose() -> list[tuple[str, str]]:
    """Every area as (code, name), by name."""
    return [tuple(row) for row in db.session.execute(select(Area.code, Area.name).order_by(Area.name))]


def area_named(code: str) -> Area | None:
    return db.session.scalar(select(Area).where(Area.code == code))


def _name(centre: Centre) -> str:
    return centre.name


def _shown(placed: list[Placed[Centre]], now: datetime) -> list[Shown]:
    return [Shown(entry.item, centre_display(entry.item, now), entry.miles) for entry in placed]


def find_centres(district: str | None = None, area: Area | None = None) -> Listing:
    """The listed centres: nearest to `district` first, or `area`'s centres first, or all by name."""
    centres, now = listed_centres(), now_utc()
    if area is not None:
        in_area, others = area_first(centres, lambda centre: centre.area_id == area.id, _name)
        return Listing(_shown(others, now), _shown(in_area, now), area=area)
    point = district_point(district) if district else None
    if point is None:
        return Listing(_shown(by_name(centres, _name), now), district=district)
    placed = nearest_first(centres, point, lambda centre: centre.coordinates, _name)
    return Listing(_shown(placed, now), district=district, measured=True)


def show_centre(centre: Centre) -> Shown:
    return Shown(centre, centre_display(centre, now_utc()))


def centre_page_url(centre: Centre | None) -> str | None:
    """The full address of the centre's public page, for documents and pages that name it; None when the
    public may not see it (closed, or not listed publicly) or no address can be made outside a request."""
    if centre is None or not centre.active or not centre.listed_publicly:
        return None
    try:
        return public_url("public_centres.centre", code=centre.code)
    except RuntimeError:  # outside a request, with no PUBLIC_BASE_URL
        return None
