"""Generated reports for the review tests, with an independent tally to check the counts against.

The reports cluster around the edges of a summer-time period (UK midnight is 23:00 UTC), carry
one to three categories, and include self-reports without a centre, reports without an area,
missing consent and drafts that must never count. `tally` counts them again in plain Python
from what was generated, without the database or the review code.
"""

import random
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import product
from zoneinfo import ZoneInfo

from reporting.domain.references import new_reference
from reporting.domain.vocabulary import codes
from reporting.extensions import db
from reporting.models import Report
from tests.support import factories

LONDON = ZoneInfo("Europe/London")
AREAS = ("sale_central", "altrincham", "old_trafford", "urmston")
CENTRES = (("sale-library", "sale_central"), ("altrincham-library", "altrincham"), ("urmston-hub", "urmston"))
# Around the edges of 1 April to 30 September 2025: each pair straddles UK midnight.
EDGE_INSTANTS = (
    datetime(2025, 3, 31, 22, 59, 59, tzinfo=UTC),
    datetime(2025, 3, 31, 23, 0, 0, tzinfo=UTC),
    datetime(2025, 9, 30, 22, 59, 59, tzinfo=UTC),
    datetime(2025, 9, 30, 23, 0, 0, tzinfo=UTC),
    datetime(2025, 4, 30, 23, 30, tzinfo=UTC),
    datetime(2025, 10, 31, 23, 30, tzinfo=UTC),
)


@dataclass(frozen=True)
class Generated:
    """What a generated report should count as: codes, never labels."""

    centre: str
    area: str
    categories: tuple[str, ...]
    incident_types: tuple[str, ...]
    reported_at: datetime
    channel: str
    reporter_role: str
    language: str
    police_consent: str
    draft: bool

    def uk_day(self) -> date:
        return self.reported_at.astimezone(LONDON).date()

    def values(self, dimension: str) -> tuple[str, ...]:
        if dimension in ("categories", "category"):
            return self.categories
        if dimension in ("incident_types", "incident_type"):
            return self.incident_types
        if dimension == "month":
            return (self.uk_day().strftime("%Y-%m"),)
        return (getattr(self, dimension),)


def _instant(rng: random.Random, index: int) -> datetime:
    if index < len(EDGE_INSTANTS):
        return EDGE_INSTANTS[index]
    start = datetime(2025, 2, 20, tzinfo=UTC)
    return start + timedelta(seconds=rng.randrange(int(timedelta(days=270).total_seconds())))


def make_places():
    for code in AREAS:
        factories.area(code, code.replace("_", " ").title())
    return {code: factories.centre(code, code.replace("-", " ").title(), area) for code, area in CENTRES}


def generate(count: int, seed: int = 7) -> list[Generated]:
    """`count` reports (the first few at the period's edges), stored in one flush."""
    rng = random.Random(seed)
    centres = make_places()
    areas = {code: factories.area(code) for code in AREAS}
    made = [_record(rng, index) for index in range(count)]
    db.session.add_all(_report(record, centres, areas, rng) for record in made)
    db.session.flush()
    return made


def _report(record: "Generated", centres: dict, areas: dict, rng: random.Random) -> Report:
    report = Report(
        reference=new_reference(),
        channel=record.channel,
        centre=centres.get(record.centre),
        reported_at=record.reported_at,
        occurred_on=record.reported_at.astimezone(LONDON).date() - timedelta(days=rng.randrange(0, 20)),
        area=areas.get(record.area),
        reporter_role=record.reporter_role,
        location_type="street",
        description="Shouted at in the street.",
        language=record.language,
        police_consent=None if record.police_consent == "unknown" else record.police_consent,
        status="draft" if record.draft else rng.choice(["received", "referred", "closed"]),
    )
    report.categories = record.categories
    report.incident_types = record.incident_types
    return report


def _record(rng: random.Random, index: int) -> Generated:
    centre = rng.choice([code for code, _ in CENTRES] + ["online"])
    return Generated(
        centre=centre,
        area=rng.choice([*AREAS, "unknown"]),
        categories=tuple(sorted(rng.sample(codes("categories"), rng.choice([1, 1, 2, 3])))),
        incident_types=tuple(sorted(rng.sample(codes("incident_types"), rng.choice([1, 2])))),
        reported_at=_instant(rng, index),
        channel="self" if centre == "online" else "assisted",
        reporter_role=rng.choice(codes("reporter_roles")),
        language=rng.choice(["en", "en", "ur", "pl"]),
        police_consent=rng.choice([*codes("police_consent"), "unknown"]),
        draft=rng.random() < 0.1,
    )


def tally(reports: list[Generated], first: date, last: date, by: tuple[str, ...]) -> Counter:
    """Counts by the dimensions `by`, built from the generated reports alone."""
    counts: Counter = Counter()
    for report in reports:
        if report.draft or not first <= report.uk_day() <= last:
            continue
        for combination in product(*(report.values(dimension) for dimension in by)):
            counts[combination] += 1
    return counts



def add_reports(count: int, centre, reported_at: datetime, categories=("race",), area=None, **fields) -> list[Report]:
    """`count` reports alike (one flush), for tests that need known figures."""
    values = {
        "reporter_role": "victim",
        "location_type": "street",
        "language": "en",
        "police_consent": "anonymous",
        "status": "received",
        "occurred_on": reported_at.astimezone(LONDON).date() - timedelta(days=2),
    }
    values.update(fields)
    reports = []
    for _ in range(count):
        report = Report(
            reference=new_reference(),
            channel="assisted" if centre else "self",
            centre=centre,
            area=area,
            reported_at=reported_at,
            **values,
        )
        report.categories = list(categories)
        report.incident_types = ["verbal_abuse"]
        reports.append(report)
    db.session.add_all(reports)
    db.session.flush()
    return reports
