"""The sections of the review, each a heading, findings in plain words, and charts beside their tables.

The dashboard and the review pack render the same sections: the dashboard with every count, the
pack (for partners) with the small-number rule applied to tables, charts and sentences alike.
"""

from dataclasses import dataclass, field

from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ... import charts
from ...domain.vocabulary import codes
from ...filters import month_label
from ...labels import label, wording_change_note
from ..dip_sampling.models import CHECKLIST
from ..dip_sampling.wording import CHECKLIST_LABELS
from . import area_tiles, findings
from .presentation import Display
from .services import ReviewData
from .table_builders import HOTSPOTS, TOTAL, area_name, build_tables, centre_name, hotspot_months
from .tables import Column, Row, Table


@dataclass
class Figure:
    """Charts (none, one or several small ones) and the table that holds the same figures."""

    table: Table
    charts: list = field(default_factory=list)
    # Shade (0 to 4) of each (row, column) cell, for a heat table; empty for a plain table.
    heat: dict = field(default_factory=dict)
    # The length (0 to 1 of the axis) of each (row, column) cell's bar in the bar chart: the pack draws
    # the bars in the table's cells rather than beside it (see templates/review/pack/sections.html).
    bars: dict = field(default_factory=dict)
    # A table with the same rows (by code) that the pack lays out as more columns of this one.
    beside: Table | None = None

    @property
    def wide(self) -> bool:
        return len(self.table.columns) > 4 or not self.charts


@dataclass
class Section:
    id: str
    heading: object
    findings: list[str]
    figures: list[Figure]


@dataclass
class Review:
    data: ReviewData
    tables: dict[str, Table]
    display: Display
    summary: list[str]
    sections: list[Section]


def period_text(data: ReviewData, previous: bool = False) -> str:
    period = data.figures.previous if previous else data.period
    return _(
        "%(first)s to %(last)s", first=format_date(period.first, "d MMMM y"), last=format_date(period.last, "d MMMM y")
    )


def build_review(data: ReviewData, suppressed: bool) -> Review:
    tables = build_tables(data)
    display = Display(suppressed)
    sections = [
        _what_is_reported(data, tables, display),
        _centre_use(data, tables, display),
        _geography(data, tables, display),
        _consistency(data, tables, display),
        _outcomes(data, tables, display),
        _satisfaction(data, tables, display),
        _trend(tables, display),
        _dip_samples(tables, display),
        _upkeep(data, tables),
    ]
    from .people import people_section  # it builds on this module's classes

    people = people_section(data, tables, display)
    if people is not None:
        sections.insert(2, people)
    return Review(data, tables, display, findings.summary_findings(data, tables, display), sections)


def _bars(table: Table, display: Display, cells: list[tuple[Row, Column]], as_share: bool = False) -> dict:
    """Each charted cell's bar as a share of the axis, as `charts.bar_chart` draws it; no bar for a hidden value."""
    numbers = {(row.code, column.key): display.value(table, row, column).number for row, column in cells}
    shown = [number for number in numbers.values() if number is not None]
    maximum = 1.0 if as_share else charts.nice_maximum(max(shown, default=0))
    return {key: charts.share_of_axis(number, maximum) for key, number in numbers.items() if number is not None}


def _comparison_chart(data: ReviewData, table: Table, display: Display, chart_id: str, summary: str):
    current, previous = table.columns[0], table.columns[1]
    rows = [
        (row.label, [display.value(table, row, current), display.value(table, row, previous)]) for row in table.rows
    ]
    legend = [
        ("current", _("This period: %(period)s", period=period_text(data))),
        ("previous", _("Previous period: %(period)s", period=period_text(data, previous=True))),
    ]
    return charts.bar_chart(chart_id, str(table.caption), summary, rows, ("current", "previous"), legend)


def _what_is_reported(data: ReviewData, tables: dict, display: Display) -> Section:
    said = [
        findings.total_finding(data, tables, display),
        findings.top_category_finding(data, tables, display),
        findings.empty_monitored_finding(data, tables, display),
    ]
    said = [sentence for sentence in said if sentence]
    by_category, by_type = tables["reports-by-category"], tables["reports-by-incident-type"]
    top_type = max(data.figures.incident_types, key=lambda row: row.current, default=None)
    type_summary = (
        _(
            "The incident type reported most was %(type)s (%(count)s).",
            type=findings.in_sentence(label("incident_types", top_type.code)),
            count=findings.words(display.count(by_type, top_type.code, "current")),
        )
        if top_type and top_type.current
        else _("No incidents were reported in this period.")
    )
    figures = [
        Figure(
            by_category,
            [_comparison_chart(data, by_category, display, "chart-categories", " ".join(said[:3]))],
            bars=_bars(by_category, display, _period_cells(by_category)),
        ),
        Figure(
            by_type,
            [_comparison_chart(data, by_type, display, "chart-incident-types", type_summary)],
            bars=_bars(by_type, display, _period_cells(by_type)),
        ),
    ]
    return Section("what-is-reported", _l("What is reported"), said, figures)


def _period_cells(table: Table) -> list[tuple[Row, Column]]:
    return [(row, column) for row in table.rows for column in table.columns[:2]]


def _centre_use(data: ReviewData, tables: dict, display: Display) -> Section:
    said = findings.centre_use_findings(data, tables, display)
    table = tables["reports-by-centre-and-month"]
    total_column = next(column for column in table.columns if column.key == TOTAL)
    rows = [(row.label, [display.value(table, row, total_column)]) for row in table.rows]
    summary = " ".join(said) or _("No centre took any reports in this period.")
    chart = charts.bar_chart("chart-centre-use", _("Reports by centre in this period"), summary, rows)
    bars = _bars(table, display, [(row, total_column) for row in table.rows])
    figures = [Figure(table, [chart], heat=_heat(table, display), bars=bars), Figure(tables["last-report-by-centre"])]
    return Section("centre-use", _l("How often each centre is used"), said, figures)


def _heat(table: Table, display: Display) -> dict:
    """Shades for the month cells of a centre-by-month table; a hidden count is not shaded."""
    months = [column for column in table.count_columns() if column.key != TOTAL]
    numbers = {
        (row.code, column.key): display.value(table, row, column).number for row in table.rows for column in months
    }
    largest = max((number or 0 for number in numbers.values()), default=0)
    return {key: charts.shade(number, largest) for key, number in numbers.items()}


def _geography(data: ReviewData, tables: dict, display: Display) -> Section:
    said = [findings.gap_finding(data, tables, display)]
    with_centre = [area for area in data.figures.areas if area.active_centres]
    said.append(
        _(
            "Areas with an active centre: %(count)d of %(total)d.",
            count=len(with_centre),
            total=len([area for area in data.figures.areas if area.area.key]),
        )
    )
    said.append(findings.hotspot_finding(data, tables, display))
    figures = [_hotspot_map(data, tables, display), Figure(tables["reports-by-area"])]
    return Section("geographic-gaps", _l("Where incidents happened, and the gaps"), said, figures)


def _hotspot_map(data: ReviewData, tables: dict, display: Display) -> Figure:
    """The map of the areas over the 12 months: shaded by reports, marking each area's active centres and the
    hotspots without one, beside the table of the same figures."""
    table = tables[HOTSPOTS]
    rows = {row.code: row for row in table.rows}
    columns = {column.key: column for column in table.columns}
    areas = {area.area.code: area for area in data.figures.hotspot_areas if area.area.key}
    tiles = [
        _hotspot_tile(areas[code], rows[code], table, columns, display) | {"column": column, "row": row}
        for code, (column, row) in area_tiles.positions(list(areas)).items()
    ]
    summary = " ".join([findings.hotspot_finding(data, tables, display), *map(str, table.notes)])
    title = _("Map of the areas: reports from %(first)s to %(last)s, and active centres", **hotspot_months(data))
    return Figure(table, [charts.tile_map("chart-area-map", title, summary, tiles)])


def _hotspot_tile(area, row: Row, table: Table, columns: dict, display: Display) -> dict:
    flagged = bool(row.values["hotspot"]) and not display.is_hidden(table, row, columns["hotspot"])
    centres = len(area.active_centres)
    return {
        "name": area_name(area.area),
        "value": display.value(table, row, columns["reports"]),
        "gap": flagged,
        "has_centre": bool(centres),
        "centres": centres,
        "centre_text": _centre_text(centres, flagged),
    }


def _centre_text(centres: int, hotspot: bool) -> str:
    if centres:
        return _("Centres: %(count)d", count=centres)
    return _("Hotspot, no centre") if hotspot else _("No centre")


def _share_figure(table: Table, display: Display, cells: list[tuple[object, Row, Column]], chart: tuple) -> Figure:
    """The table with a bar chart of shares (0 to 1 of the axis): one bar a (label, row, column) cell.
    `chart` is the chart's id, title and summary."""
    chart_id, title, summary = chart
    rows = [(name, [display.value(table, row, column)]) for name, row, column in cells]
    drawn = charts.bar_chart(chart_id, title, summary, rows, as_share=True)
    bars = _bars(table, display, [(row, column) for _, row, column in cells], as_share=True)
    return Figure(table, [drawn], bars=bars)


def _consistency(data: ReviewData, tables: dict, display: Display) -> Section:
    table = tables["consistency-by-centre"]
    said = findings.consistency_findings(data, tables, display)
    column = next(column for column in table.columns if column.key == "completeness")
    chart = (
        "chart-completeness",
        _("Share of expected answers given, by centre"),
        " ".join(said) or _("No reports in this period."),
    )
    figure = _share_figure(table, display, [(row.label, row, column) for row in table.all_rows()], chart)
    said += findings.case_work_findings(tables, display)
    figures = [figure, Figure(tables["case-work-by-centre"])]
    return Section("consistency", _l("How consistently centres record reports"), said, figures)


def _outcomes(data: ReviewData, tables: dict, display: Display) -> Section:
    table = tables["outcomes-by-centre"]
    said = [findings.outcome_finding(tables, display)]
    if table.total is None:
        return Section("outcomes", _l("How cases ended"), said, [])
    columns = [column for column in table.columns if column.key != "closed"]
    rows = [(str(column.heading), [display.value(table, table.total, column)]) for column in columns]
    title = (
        _("Outcomes of closed cases, all centres")
        if data.figures.centre is None
        else _("Outcomes of closed cases, %(centre)s", centre=centre_name(data.figures.centre))
    )
    chart = charts.bar_chart("chart-outcomes", title, " ".join(said), rows)
    bars = _bars(table, display, [(table.total, column) for column in columns])
    return Section("outcomes", _l("How cases ended"), said, [Figure(table, [chart], bars=bars)])


def _satisfaction(data: ReviewData, tables: dict, display: Display) -> Section:
    table = tables["satisfaction-by-centre"]
    said = [findings.satisfaction_finding(tables, display)]
    figures = [Figure(table)]
    if table.total is not None:
        columns = {column.key: column for column in table.columns}
        cells = [
            (label("satisfaction_questions", question), table.total, columns[f"{question}_satisfied"])
            for question in codes("satisfaction_questions")
        ]
        title = (
            _("Share satisfied (4 or 5 out of 5), all centres")
            if data.figures.centre is None
            else _("Share satisfied (4 or 5 out of 5), %(centre)s", centre=centre_name(data.figures.centre))
        )
        chart = ("chart-satisfaction", title, " ".join(said))
        figures = [_share_figure(table, display, cells, chart)]
    note = wording_change_note(data.period.first, data.period.last)
    return Section("satisfaction", _l("How satisfied people were"), said + ([note] if note else []), figures)


def _trend(tables: dict, display: Display) -> Section:
    table = tables["trend-12-months"]
    columns = {column.key: column for column in table.columns}
    total_points = [(month_label(row.code, "MMM"), display.value(table, row, columns[TOTAL])) for row in table.rows]
    shown = [value.text for _, value in total_points]
    summary = _(
        "Reports each month over 12 months: %(values)s.",
        values=", ".join(f"{row.label} {findings.words(text)}" for row, text in zip(table.rows, shown, strict=True)),
    )
    main = charts.line_chart("chart-trend", _("Reports each month, last 12 months"), summary, total_points)
    small = [
        charts.line_chart(
            f"chart-trend-{code}",
            label("categories", code),
            _(
                "%(category)s: %(values)s.",
                category=label("categories", code),
                values=", ".join(display.value(table, row, columns[code]).text for row in table.rows),
            ),
            [(month_label(row.code, "MMM"), display.value(table, row, columns[code])) for row in table.rows],
            small=True,
        )
        for code in codes("categories")
    ]
    return Section("trend", _l("The last 12 months"), [summary], [Figure(table, [main, *small])])


def _dip_samples(tables: dict, display: Display) -> Section:
    by_centre, by_month = tables["dip-samples-by-centre"], tables["dip-samples-by-month"]
    said = [findings.dip_finding(tables, display)]
    if not findings.dip_samples_checked(by_centre):
        # Nothing was checked: the finding says so, and a chart and tables of noughts would say nothing more.
        return Section("dip-samples", _l("Dip samples"), said, [])
    columns = {column.key: column for column in by_centre.columns}
    cells = [(CHECKLIST_LABELS[item], by_centre.total, columns[item]) for item in CHECKLIST]
    chart = ("chart-dip-samples", _("Dip-sampled reports passing each check, this period"), " ".join(said))
    return Section(
        "dip-samples", _l("Dip samples"), said, [_share_figure(by_centre, display, cells, chart), Figure(by_month)]
    )


def _upkeep(data: ReviewData, tables: dict) -> Section:
    said = [findings.upkeep_finding(data)]
    table = tables["centre-upkeep"]
    return Section("centre-upkeep", _l("Centre training and contact"), said, [Figure(table)] if table.rows else [])
