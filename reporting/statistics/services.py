"""Publishing a quarter's figures, and reading the published figures back.

Publishing counts the quarter from the reports, applies the small-number rule to all its tables together
and stores the result as a release. Publishing a quarter again stores a new revision only when a published
figure differs, and names the tables that changed; the public only ever sees a quarter's latest revision.
The caller commits (the audit event is written in the same transaction).
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from .. import audit
from ..domain.quarterly_figures import changed_tables, suppress_quarter
from ..domain.quarters import Quarter, ended_quarters
from .counting import count_quarter
from .models import StatisticsCell, StatisticsRelease

PUBLIC_QUARTERS = 8  # how many quarters the public page shows
OFFERED_QUARTERS = 12  # how many ended quarters the publishing page offers


class QuarterNotEnded(ValueError):
    """The quarter has not ended yet: its figures would still grow."""

    def __init__(self, quarter: Quarter) -> None:
        super().__init__(f"{quarter} has not ended: it can be published from {quarter.next().first_day.isoformat()}")
        self.quarter = quarter


class NothingChanged(Exception):
    """Publishing again would give the same published figures; `release` is the one that stands."""

    def __init__(self, release: StatisticsRelease) -> None:
        super().__init__(f"the published figures for {release.quarter} have not changed")
        self.release = release


class PublishedMeanwhile(Exception):
    """Someone else published the same quarter at the same moment."""


def latest_release(session, quarter: Quarter | str) -> StatisticsRelease | None:
    query = select(StatisticsRelease).where(StatisticsRelease.quarter == str(quarter))
    return session.scalars(query.order_by(StatisticsRelease.revision.desc()).limit(1)).first()


def publish(session, quarter: Quarter, user, today: date) -> StatisticsRelease:
    """Publish (or publish again) an ended quarter; QuarterNotEnded, NothingChanged or PublishedMeanwhile if not."""
    if not quarter.has_ended(today):
        raise QuarterNotEnded(quarter)
    figures = suppress_quarter(count_quarter(session, quarter))
    current = latest_release(session, quarter)
    changed: tuple[str, ...] = ()
    if current is not None:
        changed = changed_tables(current.published(), figures)
        if not changed:
            raise NothingChanged(current)
    release = StatisticsRelease(
        quarter=str(quarter),
        revision=1 if current is None else current.revision + 1,
        published_by_id=getattr(user, "id", None),
        changed_tables=",".join(changed) or None,
        cells=[StatisticsCell(dimension=key[0], code=key[1], reports=value) for key, value in figures.items()],
    )
    try:
        with session.begin_nested():
            session.add(release)
            session.flush()
    except IntegrityError as error:
        raise PublishedMeanwhile(str(quarter)) from error
    detail = f"revision {release.revision}" + (f"; changed: {release.changed_tables}" if changed else "")
    audit.record("statistics_published", "statistics", str(quarter), detail=detail, user=user)
    return release


# ---------------------------------------------------------------- reading what was published


def _latest_revisions():
    return select(StatisticsRelease.quarter, func.max(StatisticsRelease.revision).label("revision")).group_by(
        StatisticsRelease.quarter
    )


def published_quarters(session, count: int | None = PUBLIC_QUARTERS) -> list[StatisticsRelease]:
    """The latest revision of each published quarter, newest quarter first, with their cells."""
    latest = _latest_revisions().subquery()
    query = (
        select(StatisticsRelease)
        .join(
            latest,
            (latest.c.quarter == StatisticsRelease.quarter) & (latest.c.revision == StatisticsRelease.revision),
        )
        .options(selectinload(StatisticsRelease.cells))
        .order_by(StatisticsRelease.quarter.desc())
    )
    if count is not None:
        query = query.limit(count)
    return list(session.scalars(query))


def publication_stamp(session) -> tuple:
    """What changes whenever anything is published: how many releases, the newest id and when it was published."""
    query = select(
        func.count(StatisticsRelease.id), func.max(StatisticsRelease.id), func.max(StatisticsRelease.published_at)
    )
    return tuple(session.execute(query).one())


def history(session, quarters: list[str]) -> dict[str, list[StatisticsRelease]]:
    """Every release of the quarters, oldest revision first (without their cells)."""
    found: dict[str, list[StatisticsRelease]] = {quarter: [] for quarter in quarters}
    if quarters:
        query = select(StatisticsRelease).where(StatisticsRelease.quarter.in_(quarters))
        for release in session.scalars(query.order_by(StatisticsRelease.quarter, StatisticsRelease.revision)):
            found[release.quarter].append(release)
    return found


@dataclass(frozen=True)
class QuarterState:
    """A quarter on the publishing page, with its releases so far (none when not published)."""

    quarter: Quarter
    releases: list[StatisticsRelease]

    @property
    def first(self) -> StatisticsRelease | None:
        return self.releases[0] if self.releases else None

    @property
    def revisions(self) -> list[StatisticsRelease]:
        return self.releases[1:]


def quarter_states(session, today: date) -> list[QuarterState]:
    """The quarters that may be published (the most recent that have ended) and any published before, newest first."""
    published = set(session.scalars(select(StatisticsRelease.quarter).distinct()))
    quarters = {str(quarter): quarter for quarter in ended_quarters(today, OFFERED_QUARTERS)}
    quarters.update({text: Quarter.parse(text) for text in published})
    releases = history(session, sorted(quarters))
    return [QuarterState(quarters[text], releases[text]) for text in sorted(quarters, reverse=True)]
