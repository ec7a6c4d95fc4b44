"""The figures of the 6-monthly review for a period (and optionally one centre), from the review summary.

Everything the dashboard, the review pack and the CSV bundle show is computed here, once, as
plain numbers and codes; labels and suppression are applied by whoever presents them.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from ...domain import vocabulary
from ...domain.hotspots import hotspot_period, hotspots_without_centre
from ...domain.periods import Period
from ...domain.places import NO_AREA, NO_CENTRE, ONLINE, UNKNOWN, UnknownCentre
from ...domain.statuses import CLOSED
from ...domain.ukdates import uk_date, uk_today
from ...models import Area, Centre, Report
from .summary.keeping import bring_up_to_date
from .summary.reading import SummaryReader
from .summary.rows import (
    ACKNOWLEDGE_MARGIN,
    AWAITING_ACKNOWLEDGEMENT,
    EXPECTED_FIELDS,
    TO_ACKNOWLEDGE,
    TO_CLOSE,
    TO_REFERRAL,
    TO_REPORT,
    SummaryRows,
)


@dataclass(frozen=True)
class Place:
    """A centre (or `online`) or an area, by key, code and name."""

    key: int
    code: str
    name: str
    active: bool = True
    area_key: int | None = None


@dataclass(frozen=True)
class Comparison:
    code: str
    current: int
    previous: int

    @property
    def change(self) -> int:
        return self.current - self.previous


@dataclass(frozen=True)
class CentreUse:
    centre: Place
    by_month: dict[str, int]
    last_report_on: date | None
    days_since_last: int | None

    @property
    def total(self) -> int:
        return sum(self.by_month.values())


@dataclass(frozen=True)
class AreaFigure:
    area: Place
    reports: int
    active_centres: tuple[str, ...]

    @property
    def is_gap(self) -> bool:
        return self.reports > 0 and not self.active_centres and self.area.key != NO_AREA


@dataclass(frozen=True)
class Consistency:
    centre: Place
    reports: int
    completeness: float | None
    referral_rate: float | None
    consent_recorded: float | None
    median_days_to_report: float | None
    median_days_to_referral: float | None
    referred: int
    # Case work: from receipt to acknowledgement and to closing (closed cases), and the share of cases due to be
    # acknowledged (acknowledged, or past their acknowledge-by date) that were acknowledged by that date.
    acknowledged: int = 0
    median_days_to_acknowledge: float | None = None
    closed: int = 0
    median_days_to_close: float | None = None
    acknowledge_due: int = 0
    acknowledged_on_time: float | None = None


@dataclass(frozen=True)
class CentreOutcomes:
    """The closed cases of reports made at a centre (or online) in the period, and their current outcomes (a case
    with several counts once in each; `NO_OUTCOME` for a closed case with none)."""

    centre: Place
    closed: int
    by_outcome: dict[str, int]


@dataclass
class ReviewFigures:
    period: Period
    previous: Period
    trend_period: Period
    centre: Place | None
    total: Comparison
    categories: list[Comparison]
    incident_types: list[Comparison]
    monitored: tuple[str, ...]
    centre_use: list[CentreUse]
    areas: list[AreaFigure]
    consistency: list[Consistency]
    overall_consistency: Consistency | None
    trend_months: list[str]
    trend_total: dict[str, int]
    trend_by_category: dict[str, dict[str, int]]
    places: dict[int, Place] = field(default_factory=dict)
    # The 12 whole months up to the end of the period, and each area's reports in them with its active centres.
    hotspot_period: Period | None = None
    hotspot_areas: list[AreaFigure] = field(default_factory=list)
    outcomes: list[CentreOutcomes] = field(default_factory=list)
    overall_outcomes: CentreOutcomes | None = None

    @property
    def months(self) -> list[str]:
        return self.period.months()

    @property
    def empty_monitored(self) -> list[str]:
        current = {row.code: row.current for row in self.categories}
        return [code for code in self.monitored if current.get(code, 0) == 0]

    @property
    def idle_centres(self) -> list[Place]:
        """Active centres that took no reports (online self-reports are not a centre, so never idle)."""
        idle = [use.centre for use in self.centre_use if use.centre.active and use.total == 0]
        return [centre for centre in idle if centre.key != NO_CENTRE]

    @property
    def gaps(self) -> list[AreaFigure]:
        return [area for area in self.areas if area.is_gap]

    @property
    def hotspots_without_centre(self) -> set[str]:
        """Codes of the areas in the top third by reports over `hotspot_period` with no active centre."""
        known = [area for area in self.hotspot_areas if area.area.key != NO_AREA]
        incidents = {area.area.code: area.reports for area in known}
        return hotspots_without_centre(incidents, {area.area.code: len(area.active_centres) for area in known})


def places(session) -> tuple[dict[int, Place], dict[int, Place]]:
    """Centres (with `online` under key 0) and areas (with `unknown` under key 0), by key."""
    centres = {NO_CENTRE: Place(NO_CENTRE, ONLINE, ONLINE)}
    for centre in session.scalars(select(Centre).order_by(Centre.name)):
        centres[centre.id] = Place(centre.id, centre.code, centre.name, centre.active, centre.area_id)
    areas = {NO_AREA: Place(NO_AREA, UNKNOWN, UNKNOWN)}
    for area in session.scalars(select(Area).order_by(Area.name)):
        areas[area.id] = Place(area.id, area.code, area.name)
    return centres, areas


def review_figures(session, period: Period, centre_code: str | None = None, today: date | None = None) -> ReviewFigures:
    """Every figure of the review for `period`, for one centre (by code, or `online`) or all. `today` (the UK date)
    tells which cases not yet acknowledged are past their acknowledge-by date."""
    today = today or uk_today()
    bring_up_to_date(session)
    centres, areas = places(session)
    chosen = _chosen_centre(centres, centre_code)
    key = None if chosen is None else chosen.key
    previous, trend_period, hotspots = period.previous(), period.trailing_months(12), hotspot_period(period)
    rows = _summary_rows(session, period, previous, trend_period, key)
    hotspot_rows = SummaryReader(session, key).rows(hotspots, ("areas",), ("area_key",))
    current_rows = rows.by_centre_month
    shown_centres = [place for place in centres.values() if chosen is None or place.key == chosen.key]
    return ReviewFigures(
        period=period,
        previous=previous,
        trend_period=trend_period,
        centre=chosen,
        total=Comparison("reports", _report_total(current_rows), _report_total(rows.previous)),
        categories=_compare_codes("category", "categories", current_rows, rows.previous),
        incident_types=_compare_codes("incident_type", "incident_types", current_rows, rows.previous),
        monitored=vocabulary.centrally_monitored_categories(),
        centre_use=_centre_use(session, period, current_rows, shown_centres),
        areas=_areas(rows.by_area, areas, centres),
        consistency=_consistency(current_rows, rows.delays, shown_centres, today),
        overall_consistency=_overall_consistency(current_rows, rows.delays, today),
        trend_months=trend_period.months(),
        trend_total=_by_month(rows.trend.areas),
        trend_by_category=_trend_by_category(rows.trend),
        places=centres,
        hotspot_period=hotspots,
        hotspot_areas=_areas(hotspot_rows, areas, centres),
        outcomes=[found for found in map(_outcomes_of(rows.codes_by_centre), shown_centres) if found.closed],
        overall_outcomes=_outcomes_of(rows.codes_by_centre)(None),
    )


@dataclass
class _Rows:
    """The summary rows each figure needs, added up in the database over the keys it does not use."""

    by_centre_month: SummaryRows  # areas by month and centre; codes by code
    by_area: SummaryRows  # areas by area
    delays: SummaryRows  # delays by centre, measure and days
    previous: SummaryRows  # areas in all; codes by code
    trend: SummaryRows  # areas by month; codes by month and code
    codes_by_centre: SummaryRows  # codes by centre and code


def _summary_rows(session, period: Period, previous: Period, trend_period: Period, key: int | None) -> _Rows:
    read = SummaryReader(session, key).rows

    current = read(period, ("areas",), ("month", "centre_key"))
    current.codes = read(period, ("codes",), ("dimension", "code")).codes
    previous_rows = read(previous, ("areas",), ())
    previous_rows.codes = read(previous, ("codes",), ("dimension", "code")).codes
    trend = read(trend_period, ("areas",), ("month",))
    trend.codes = read(trend_period, ("codes",), ("month", "dimension", "code")).codes
    return _Rows(
        by_centre_month=current,
        by_area=read(period, ("areas",), ("area_key",)),
        delays=read(period, ("delays",), ("centre_key", "measure", "days")),
        previous=previous_rows,
        trend=trend,
        codes_by_centre=read(period, ("codes",), ("centre_key", "dimension", "code")),
    )


def _chosen_centre(centres: dict[int, Place], centre_code: str | None) -> Place | None:
    if centre_code is None:
        return None
    for place in centres.values():
        if place.code == centre_code:
            return place
    raise UnknownCentre(centre_code)


def _report_total(rows: SummaryRows) -> int:
    return sum(row.reports for row in rows.areas)


def _code_totals(rows: SummaryRows, dimension: str) -> Counter:
    totals: Counter = Counter()
    for row in rows.codes:
        if row.dimension == dimension:
            totals[row.code] += row.reports
    return totals


def _compare_codes(dimension: str, kind: str, current, previous) -> list[Comparison]:
    now, before = _code_totals(current, dimension), _code_totals(previous, dimension)
    known = list(vocabulary.codes(kind))
    extra = sorted((set(now) | set(before)) - set(known))
    return [Comparison(code, now[code], before[code]) for code in known + extra]


def _by_month(rows) -> dict[str, int]:
    totals: Counter = Counter()
    for row in rows:
        totals[row.month] += row.reports
    return dict(totals)


def _trend_by_category(rows: SummaryRows) -> dict[str, dict[str, int]]:
    by_category: dict[str, Counter] = defaultdict(Counter)
    for row in rows.codes:
        if row.dimension == "category":
            by_category[row.code][row.month] += row.reports
    return {code: dict(by_category[code]) for code in vocabulary.codes("categories")}


def _centre_use(session, period: Period, rows: SummaryRows, centres: list[Place]) -> list[CentreUse]:
    by_centre: dict[int, Counter] = defaultdict(Counter)
    for row in rows.areas:
        by_centre[row.centre_key][row.month] += row.reports
    used = []
    for place in centres:
        if place.key == NO_CENTRE or place.active or by_centre.get(place.key):
            last = _last_report_on(session, place.key, period)
            days = None if last is None else (period.last - last).days
            used.append(CentreUse(place, dict(by_centre.get(place.key, {})), last, days))
    return used


def _last_report_on(session, centre_key: int, period: Period) -> date | None:
    """The UK date of the centre's latest report made by the end of the period."""
    _, end = period.bounds()
    centre = Report.centre_id.is_(None) if centre_key == NO_CENTRE else Report.centre_id == centre_key
    query = (
        select(Report.reported_at)
        .where(centre, Report.reported_at < end, Report.submitted)
        .order_by(Report.reported_at.desc())
        .limit(1)
    )
    found = session.scalar(query)
    return None if found is None else uk_date(found)


def _areas(rows: SummaryRows, areas: dict[int, Place], centres: dict[int, Place]) -> list[AreaFigure]:
    reports: Counter = Counter()
    for row in rows.areas:
        reports[row.area_key] += row.reports
    active: dict[int, list[str]] = defaultdict(list)
    for place in centres.values():
        if place.active and place.area_key is not None:
            active[place.area_key].append(place.code)
    figures = [AreaFigure(area, reports[key], tuple(active[key])) for key, area in areas.items() if key != NO_AREA]
    if reports[NO_AREA]:
        figures.append(AreaFigure(areas[NO_AREA], reports[NO_AREA], ()))
    return figures


def median_of_histogram(counts: dict[int, int]) -> float | None:
    """The median of values given as value -> how many times it occurs."""
    total = sum(counts.values())
    if not total:
        return None
    ordered = sorted(counts.items())
    lower = _value_at(ordered, (total - 1) // 2)
    upper = _value_at(ordered, total // 2)
    return (lower + upper) / 2


def _value_at(ordered: list[tuple[int, int]], position: int) -> int:
    seen = 0
    for value, count in ordered:
        seen += count
        if position < seen:
            return value
    raise IndexError(position)


def _consistency(rows: SummaryRows, delay_rows: SummaryRows, centres: list[Place], today: date) -> list[Consistency]:
    sums: dict[int, Counter] = defaultdict(Counter)
    for row in rows.areas:
        for name in ("reports", "expected_filled", "consent_recorded", "referred"):
            sums[row.centre_key][name] += getattr(row, name)
    delays: dict[tuple[int, str], Counter] = defaultdict(Counter)
    for row in delay_rows.delays:
        delays[(row.centre_key, row.measure)][row.days] += row.reports
    return [_centre_consistency(place, sums[place.key], delays, today) for place in centres if sums.get(place.key)]


def _overall_consistency(rows: SummaryRows, delay_rows: SummaryRows, today: date) -> Consistency | None:
    """Consistency across every centre (and online) together."""
    everyone = Place(-1, "all", "all")
    sums: Counter = Counter()
    for row in rows.areas:
        for name in ("reports", "expected_filled", "consent_recorded", "referred"):
            sums[name] += getattr(row, name)
    delays: dict[tuple[int, str], Counter] = defaultdict(Counter)
    for row in delay_rows.delays:
        delays[(everyone.key, row.measure)][row.days] += row.reports
    return _centre_consistency(everyone, sums, delays, today) if sums["reports"] else None


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _centre_consistency(place: Place, sums: Counter, delays, today: date) -> Consistency:
    reports = sums["reports"]
    margins = delays.get((place.key, ACKNOWLEDGE_MARGIN), {})
    late_waiting = sum(
        count for day, count in delays.get((place.key, AWAITING_ACKNOWLEDGEMENT), {}).items()
        if date.fromordinal(day) < today
    )
    due = sum(margins.values()) + late_waiting
    acknowledging = delays.get((place.key, TO_ACKNOWLEDGE), {})
    closing = delays.get((place.key, TO_CLOSE), {})
    return Consistency(
        centre=place,
        reports=reports,
        completeness=_share(sums["expected_filled"], reports * len(EXPECTED_FIELDS)),
        referral_rate=_share(sums["referred"], reports),
        consent_recorded=_share(sums["consent_recorded"], reports),
        median_days_to_report=median_of_histogram(delays.get((place.key, TO_REPORT), {})),
        median_days_to_referral=median_of_histogram(delays.get((place.key, TO_REFERRAL), {})),
        referred=sums["referred"],
        acknowledged=sum(acknowledging.values()),
        median_days_to_acknowledge=median_of_histogram(acknowledging),
        closed=sum(closing.values()),
        median_days_to_close=median_of_histogram(closing),
        acknowledge_due=due,
        acknowledged_on_time=_share(sum(count for days, count in margins.items() if days >= 0), due),
    )


def _outcomes_of(rows: SummaryRows):
    """A function of a centre (None: every centre together) giving its closed cases and their outcomes."""
    closed: Counter = Counter()
    outcomes: dict[int, Counter] = defaultdict(Counter)
    for row in rows.codes:
        if row.dimension == "status" and row.code == CLOSED:
            closed[row.centre_key] += row.reports
        elif row.dimension == "outcome":
            outcomes[row.centre_key][row.code] += row.reports

    def of(place: Place | None) -> CentreOutcomes:
        if place is not None:
            return CentreOutcomes(place, closed[place.key], dict(outcomes.get(place.key, {})))
        everyone: Counter = sum(outcomes.values(), Counter())
        return CentreOutcomes(Place(-1, "all", "all"), sum(closed.values()), dict(everyone))

    return of
