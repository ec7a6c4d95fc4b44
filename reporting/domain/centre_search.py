"""Finding a reporting centre: what a visitor typed as a place to search from, the rows of the postcode
districts table, and the order centres are listed in (nearest first, or those of a chosen area first).

Distances are straight lines from the middle of the visitor's postcode district to each centre, worked out
from coordinates held here (never asked of an outside service); a full postcode is as precise as its district.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from .centres import miles_between
from .postcodes import is_postcode_district, is_valid_postcode, normalise_postcode, postcode_district

T = TypeVar("T")

# Longer text than any postcode is refused before it is looked at.
MAX_SEARCH_LENGTH = 16
# Great Britain, Northern Ireland and the islands, generously: a point outside is a typing mistake (often
# latitude and longitude the wrong way round).
UK_LATITUDES = (49.0, 61.0)
UK_LONGITUDES = (-9.0, 2.5)


def district_to_search(text: str | None) -> str | None:
    """The postcode district to measure from, for a full postcode (`m33 7zf`) or a district (`M33`) in any case
    and spacing; None for text that is neither."""
    text = (text or "").strip()
    if not text or len(text) > MAX_SEARCH_LENGTH:
        return None
    if is_valid_postcode(text):
        return postcode_district(text)
    if is_postcode_district(text):
        return normalise_postcode(text)
    return None


def normalise_district(text: str | None) -> str:
    """A district as the table keeps it: upper case, no spaces (` wa14 ` is `WA14`)."""
    return "".join((text or "").split()).upper()


def district_problem(text: str) -> str | None:
    """Why text cannot be a postcode district's name, or None."""
    if not text:
        return "is required"
    if not is_postcode_district(text):
        return f"{text} is not a postcode district such as M33 or WA14"
    return None


def uk_coordinates_problem(latitude: float, longitude: float) -> str | None:
    """Why a point cannot be in the UK (latitude and longitude swapped, a sign lost), or None."""
    if not UK_LATITUDES[0] <= latitude <= UK_LATITUDES[1]:
        return f"latitude {latitude} is not in the UK (between {UK_LATITUDES[0]:g} and {UK_LATITUDES[1]:g})"
    if not UK_LONGITUDES[0] <= longitude <= UK_LONGITUDES[1]:
        return f"longitude {longitude} is not in the UK (between {UK_LONGITUDES[0]:g} and {UK_LONGITUDES[1]:g})"
    return None


@dataclass(frozen=True)
class Placed(Generic[T]):
    """A centre (or anything with a place) and how far it is, in miles; None when that is not known."""

    item: T
    miles: float | None = None


def by_name(items: Iterable[T], name_of: Callable[[T], str]) -> list[Placed[T]]:
    """Every item, in alphabetical order of name (ignoring case), with no distance."""
    return [Placed(item) for item in sorted(items, key=lambda item: name_of(item).casefold())]


def nearest_first(
    items: Iterable[T],
    origin: tuple[float, float],
    coordinates_of: Callable[[T], tuple[float, float] | None],
    name_of: Callable[[T], str],
) -> list[Placed[T]]:
    """Every item with its distance from `origin`, nearest first (the same distance: by name); items without
    coordinates come after them, by name, without a distance."""
    placed, unplaced = [], []
    for item in items:
        point = coordinates_of(item)
        if point is None:
            unplaced.append(item)
        else:
            placed.append(Placed(item, miles_between(origin, point)))
    placed.sort(key=lambda entry: (entry.miles, name_of(entry.item).casefold()))
    return placed + by_name(unplaced, name_of)


def area_first(
    items: Iterable[T], in_area: Callable[[T], bool], name_of: Callable[[T], str]
) -> tuple[list[Placed[T]], list[Placed[T]]]:
    """(the items in the area, every other item), each by name."""
    items = list(items)
    return by_name(filter(in_area, items), name_of), by_name([item for item in items if not in_area(item)], name_of)
