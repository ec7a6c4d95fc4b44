"""The reports list's filters, read from the address (so a filtered list can be shared as a link).

Every filter is optional and they combine. A value that is not one of the codes offered, a date that cannot
be read or is out of range, and a "from" date after the "to" date are problems, each named by the filter it
belongs to; the filter with a problem is left out and the others still apply. Dates are UK dates (27/3/2026,
or 2026-03-27 as the list writes them in its own links) and cover whole days in UK time.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date

FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2999, 12, 31)
NOBODY = "none"  # the assignee filter's value for cases with no caseworker yet
YES_NO = {"yes": True, "no": False}

# What was wrong with a filter's value; the page says it in words.
UNKNOWN = "unknown"
UNREADABLE_DATE = "unreadable_date"
DATE_OUT_OF_RANGE = "date_out_of_range"
DATES_IN_WRONG_ORDER = "dates_in_wrong_order"

_UK_DATE = re.compile(r"([0-9]{1,2})[/.\- ]+([0-9]{1,2})[/.\- ]+([0-9]{4})")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_LONGEST_DATE = 30  # longer text is not looked at: it cannot be a date


@dataclass(frozen=True)
class FilterChoices:
    """The codes each filter accepts. `centres` is None where the centre filter is not offered (centre staff
    only ever see their own centre's reports): a centre in the address is then ignored."""

    categories: frozenset[str]
    incident_types: frozenset[str]
    statuses: frozenset[str]
    channels: frozenset[str]
    languages: frozenset[str]
    centres: frozenset[str] | None
    assignees: frozenset[str] = frozenset()  # user ids as text, and NOBODY


@dataclass(frozen=True)
class ReportFilters:
    """The filters in force; None is "any"."""

    reported_from: date | None = None
    reported_to: date | None = None
    centre: str | None = None
    category: str | None = None
    incident_type: str | None = None
    status: str | None = None
    channel: str | None = None
    language: str | None = None
    support: bool | None = None
    assignee: str | None = None  # a caseworker's user id as text, or NOBODY for cases with none yet

    def query_args(self) -> dict[str, str]:
        """The filters as query parameters (dates as YYYY-MM-DD, support as yes/no), for page links."""
        args = {}
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, bool):
                args[item.name] = "yes" if value else "no"
            elif isinstance(value, date):
                args[item.name] = value.isoformat()
            elif value is not None:
                args[item.name] = value
        return args


FILTER_NAMES = tuple(item.name for item in fields(ReportFilters))
_CODE_FILTERS = {
    "category": "categories",
    "incident_type": "incident_types",
    "status": "statuses",
    "channel": "channels",
    "language": "languages",
    "centre": "centres",
    "assignee": "assignees",
}


def parse_uk_date(text: str) -> date:
    """A date typed as day/month/year (any of / . - or spaces between) or YYYY-MM-DD.

    Raises ValueError with UNREADABLE_DATE or DATE_OUT_OF_RANGE."""
    text = text.strip()
    uk, iso = _UK_DATE.fullmatch(text), _ISO_DATE.fullmatch(text)
    if len(text) > _LONGEST_DATE or not (uk or iso):
        raise ValueError(UNREADABLE_DATE)
    day, month, year = uk.groups() if uk else reversed(iso.groups())
    try:
        found = date(int(year), int(month), int(day))
    except ValueError:
        raise ValueError(UNREADABLE_DATE) from None
    if not FIRST_DAY <= found <= LAST_DAY:
        raise ValueError(DATE_OUT_OF_RANGE)
    return found


def _text(args: Mapping[str, str], name: str) -> str:
    value = args.get(name)
    return value.strip() if isinstance(value, str) else ""


def _dates(args: Mapping[str, str], problems: dict[str, str]) -> dict:
    found = {}
    for name in ("reported_from", "reported_to"):
        text = _text(args, name)
        if not text:
            continue
        try:
            found[name] = parse_uk_date(text)
        except ValueError as problem:
            problems[name] = str(problem)
    if len(found) == 2 and found["reported_from"] > found["reported_to"]:
        problems["reported_to"] = DATES_IN_WRONG_ORDER
        found.clear()
    return found


def _codes(args: Mapping[str, str], choices: FilterChoices, problems: dict[str, str]) -> dict:
    found = {}
    for name, kind in _CODE_FILTERS.items():
        allowed, text = getattr(choices, kind), _text(args, name)
        if not text or allowed is None:
            continue
        if text in allowed:
            found[name] = text
        else:
            problems[name] = UNKNOWN
    return found


def _support(args: Mapping[str, str], problems: dict[str, str]) -> dict:
    text = _text(args, "support")
    if not text:
        return {}
    if text not in YES_NO:
        problems["support"] = UNKNOWN
        return {}
    return {"support": YES_NO[text]}


def parse_filters(args: Mapping[str, str], choices: FilterChoices) -> tuple[ReportFilters, dict[str, str]]:
    """The filters asked for in `args`, and the problems found, by filter name (see the constants above)."""
    problems: dict[str, str] = {}
    values = {**_dates(args, problems), **_codes(args, choices, problems), **_support(args, problems)}
    return ReportFilters(**values), problems
