"""The published figures as people read them: labels, charts with their tables, revision notes and the summary
of what changed, in the reader's language; and as open data (CSV, in English).

Everything here reads published values only (a count, or None for `<5`).
"""

import csv
import io
from dataclasses import dataclass, field
from functools import lru_cache

from babel.lists import format_list
from babel.numbers import format_decimal, format_percent
from flask_babel import format_date, get_locale, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from .. import charts
from ..domain import vocabulary
from ..domain.places import UNKNOWN
from ..domain.quarterly_figures import (
    DIMENSIONS,
    TOTAL,
    TOTAL_KEY,
    VOCABULARY_OF,
    Changes,
    table_of,
    what_changed,
)
from ..domain.quarters import Quarter
from ..domain.statuses import CHANNELS
from ..domain.suppression import SUPPRESSED
from ..labels import LABELS
from ..models import Area
from .models import StatisticsRelease

CSV_HEADER = ("quarter", "dimension", "code", "label", "reports")
# Open data is published in English; the page shows the same labels translated.
ENGLISH_CHANNELS = {"assisted": "At a centre", "self": "Online"}
ENGLISH_UNKNOWN_AREA = "Area not recorded"
ENGLISH_TOTAL = "All reports"
CHANNEL_LABELS = {"assisted": _l("At a centre"), "self": _l("Online")}
CAPTIONS = {
    "category": _l("Reports by category"),
    "incident_type": _l("Reports by incident type"),
    "area": _l("Reports by the area where the incident happened"),
    "channel": _l("Reports by how people reported: at a centre or online"),
}
ROW_HEADINGS = {
    "category": _l("Category"),
    "incident_type": _l("Incident type"),
    "area": _l("Area"),
    "channel": _l("How people reported"),
}
TABLE_NAMES = {
    "category": _l("by category"),
    "incident_type": _l("by incident type"),
    "area": _l("by area"),
    "channel": _l("by how people reported"),
    TOTAL: _l("of all reports"),
}


def area_names(session) -> dict[str, str]:
    return dict(session.execute(select(Area.code, Area.name)).all())


def label(dimension: str, code: str, areas: dict[str, str]) -> str:
    """A code's label in the reader's language (areas by their name)."""
    if dimension in VOCABULARY_OF:
        return str(LABELS[VOCABULARY_OF[dimension]].get(code, code))
    if dimension == "area":
        return _("Area not recorded") if code == UNKNOWN else areas.get(code, code)
    return str(CHANNEL_LABELS.get(code, code))


def english_label(dimension: str, code: str, areas: dict[str, str]) -> str:
    if dimension == TOTAL:
        return ENGLISH_TOTAL
    if dimension in VOCABULARY_OF:
        return vocabulary.english_label(VOCABULARY_OF[dimension], code)
    if dimension == "area":
        return ENGLISH_UNKNOWN_AREA if code == UNKNOWN else areas.get(code, code)
    return ENGLISH_CHANNELS.get(code, code)


def count_text(value: int | None, locale: str) -> str:
    return SUPPRESSED if value is None else _number(value, locale)


@lru_cache(maxsize=4096)
def _number(value: int, locale: str) -> str:
    """A count in the reader's language (cached: the tables repeat the same small numbers)."""
    return format_decimal(value, "#,##0", locale=locale)


def quarter_name(quarter: str) -> str:
    """`2026-Q2` as "April to June 2026" in the reader's language."""
    parsed = Quarter.parse(quarter)
    return _(
        "%(first)s to %(last)s",
        first=format_date(parsed.first_day, "LLLL"),
        last=format_date(parsed.last_day, "LLLL y"),
    )


def short_quarter_name(quarter: str) -> str:
    """`2026-Q2` as the reader's language writes a quarter briefly ("Q2 2026")."""
    return format_date(Quarter.parse(quarter).first_day, "QQQ y")


# ---------------------------------------------------------------- the page


@dataclass
class QuarterTable:
    """One dimension over the published quarters (oldest first), and its chart of the latest two."""

    dimension: str
    caption: str
    row_heading: str
    headings: list[str]  # the quarters, oldest first, named briefly
    rows: list[tuple[str, list[str]]]
    chart: charts.BarChart


@dataclass
class PublishedPage:
    releases: list[StatisticsRelease]  # newest first
    latest: str | None = None
    previous: str | None = None
    summary: list[str] = field(default_factory=list)
    totals: list[tuple[str, list[str]]] = field(default_factory=list)  # rows of the table of totals
    total_chart: charts.LineChart | None = None
    tables: list[QuarterTable] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (quarter name, note)


def build_page(releases: list[StatisticsRelease], history: dict, areas: dict[str, str]) -> PublishedPage:
    page = PublishedPage(releases)
    if not releases:
        return page
    locale = str(get_locale())
    chronological = list(reversed(releases))
    published = {release.quarter: release.published() for release in chronological}
    page.latest = releases[0].quarter
    page.previous = releases[1].quarter if len(releases) > 1 else None
    page.summary = summary(page.latest, page.previous, published, areas, locale)
    page.totals = [(quarter_name(release.quarter), [count_text(published[release.quarter].get(TOTAL_KEY), locale)])
                   for release in chronological]  # fmt: skip
    page.total_chart = _total_chart(chronological, published, locale)
    page.tables = [_quarter_table(dimension, chronological, published, areas, locale) for dimension in DIMENSIONS]
    page.notes = [(quarter_name(quarter), note) for quarter in published for note in revision_notes(history[quarter])]
    return page


def _total_chart(chronological, published, locale) -> charts.LineChart:
    points = []
    for release in chronological:
        value = published[release.quarter].get(TOTAL_KEY)
        number = None if value is None else float(value)
        points.append((short_quarter_name(release.quarter), charts.Value(number, count_text(value, locale))))
    said = " ".join(f"{name}: {value.text}." for name, value in points)
    return charts.line_chart("chart-total", _("Reports each quarter"), said, points)


def ordered_codes(dimension: str, codes, areas: dict[str, str]) -> list[str]:
    """Codes in the order tables show them: the vocabulary's, areas by name (not recorded last), channels'."""
    if dimension in VOCABULARY_OF:
        order = {code: index for index, code in enumerate(vocabulary.codes(VOCABULARY_OF[dimension]))}
        return sorted(codes, key=lambda code: (order.get(code, len(order)), code))
    if dimension == "area":
        return sorted(codes, key=lambda code: (code == UNKNOWN, areas.get(code, code).casefold(), code))
    return sorted(codes, key=lambda code: (CHANNELS.index(code) if code in CHANNELS else len(CHANNELS), code))


def _codes(dimension: str, published: dict, areas: dict[str, str]) -> list[str]:
    """Every code any of the quarters has."""
    codes = {code for figures in published.values() for code in table_of(figures, dimension)}
    return ordered_codes(dimension, codes, areas)


def _quarter_table(dimension, chronological, published, areas, locale) -> QuarterTable:
    quarters = [release.quarter for release in chronological]
    tables = {quarter: table_of(published[quarter], dimension) for quarter in quarters}
    codes = _codes(dimension, published, areas)
    rows = [
        (label(dimension, code, areas), [count_text(tables[quarter].get(code), locale) for quarter in quarters])
        for code in codes
    ]
    headings = [short_quarter_name(quarter) for quarter in quarters]
    chart = _dimension_chart(dimension, quarters, tables, codes, areas, locale)
    return QuarterTable(dimension, str(CAPTIONS[dimension]), str(ROW_HEADINGS[dimension]), headings, rows, chart)


def _dimension_chart(dimension, quarters, tables, codes, areas, locale) -> charts.BarChart:
    """The latest quarter (solid bars) beside the previous published one (outlined), when there is one."""
    shown = quarters[-2:][::-1]  # latest first
    series = ("current", "previous")[: len(shown)]
    rows = []
    for code in codes:
        values = [tables[quarter].get(code) for quarter in shown]
        rows.append((
            label(dimension, code, areas),
            [charts.Value(None if value is None else float(value), count_text(value, locale)) for value in values],
        ))  # fmt: skip
    legend = [(name, quarter_name(quarter)) for name, quarter in zip(series, shown, strict=True)]
    title = _("%(caption)s, %(quarter)s", caption=CAPTIONS[dimension], quarter=quarter_name(shown[0]))
    said = _("Each bar is written with its number; the table below has every published quarter.")
    return charts.bar_chart(
        f"chart-{dimension.replace('_', '-')}", title, said, rows, series, legend if len(shown) > 1 else []
    )


def revision_notes(releases: list[StatisticsRelease]) -> list[str]:
    """One note a revision: "Revised on 3 March 2027: the figures by area and by category changed"; never a cell."""
    locale = str(get_locale())
    notes = []
    for release in releases[1:]:
        names = [str(TABLE_NAMES[name]) for name in release.changed if name in TABLE_NAMES]
        notes.append(
            _(
                "Revised on %(date)s: the figures %(tables)s changed.",
                date=format_date(release.published_at, "d MMMM y"),
                tables=format_list(names, locale=locale) if names else "",
            )
        )
    return notes


# ---------------------------------------------------------------- what changed, in words


def summary(latest: str, previous: str | None, published: dict, areas: dict, locale: str) -> list[str]:
    """Plain-language sentences on the latest quarter against the previous published one."""
    current = published[latest]
    changes = what_changed(current, published[previous] if previous else {})
    said = [_total_sentence(latest, current.get(TOTAL_KEY), locale)]
    if previous is not None:
        said.append(_comparison_sentence(changes, previous, locale))
    said += _most_reported_sentences(changes, previous, areas, locale)
    if previous is not None:
        said += _rise_sentences(changes, areas, locale)
    return [sentence for sentence in said if sentence]


def _total_sentence(quarter: str, total: int | None, locale: str) -> str:
    if total is None:
        return _("The number of reports in %(quarter)s is not shown, so that no small number can be worked out.",
                 quarter=quarter_name(quarter))  # fmt: skip
    return ngettext(
        "There was %(count)s report in %(quarter)s.",
        "There were %(count)s reports in %(quarter)s.",
        total,
        count=format_decimal(total, "#,##0", locale=locale),
        quarter=quarter_name(quarter),
    )


def _comparison_sentence(changes: Changes, previous: str, locale: str) -> str | None:
    total = changes.total
    if total.direction is None:
        if total.current is None:
            return None  # the first sentence already says the total is not shown
        return _("The number of reports in %(previous)s is not shown, so the two cannot be compared.",
                 previous=quarter_name(previous))  # fmt: skip
    if total.direction == "same":
        return _("That is the same number as in %(previous)s.", previous=quarter_name(previous))
    values = {"count": format_decimal(total.difference, "#,##0", locale=locale), "previous": quarter_name(previous)}
    if total.share is not None:
        values["share"] = format_percent(total.share, "#,##0%", locale=locale)
        if total.direction == "up":
            return ngettext(
                "That is %(count)s more than in %(previous)s (up %(share)s).",
                "That is %(count)s more than in %(previous)s (up %(share)s).",
                total.difference,
                **values,
            )
        return ngettext(
            "That is %(count)s fewer than in %(previous)s (down %(share)s).",
            "That is %(count)s fewer than in %(previous)s (down %(share)s).",
            total.difference,
            **values,
        )
    return ngettext("That is %(count)s more than in %(previous)s.", "That is %(count)s more than in %(previous)s.",
                    total.difference, **values)  # fmt: skip


def _most_reported_sentences(changes: Changes, previous: str | None, areas: dict, locale: str) -> list[str]:
    said = []
    for top in changes.most_reported:
        if top.dimension == "channel":
            said.append(
                _("More people reported at a centre than online.")
                if top.code == "assisted"
                else _("More people reported online than at a centre.")
            )
            continue
        values = {"label": label(top.dimension, top.code, areas), "count": _number(top.count, locale)}
        sentence = _most_reported(top.dimension, top.count, values)
        if previous is not None and top.same_as_before:
            sentence += " " + _("It was also the most reported in %(previous)s.", previous=quarter_name(previous))
        said.append(sentence)
    return said


def _most_reported(dimension: str, count: int, values: dict) -> str:
    if dimension == "category":
        return ngettext(
            "The category reported most was “%(label)s” (%(count)s report).",
            "The category reported most was “%(label)s” (%(count)s reports).",
            count,
            **values,
        )
    if dimension == "incident_type":
        return ngettext(
            "The kind of incident reported most was “%(label)s” (%(count)s report).",
            "The kind of incident reported most was “%(label)s” (%(count)s reports).",
            count,
            **values,
        )
    return ngettext(
        "The area with the most reports was %(label)s (%(count)s report).",
        "The area with the most reports was %(label)s (%(count)s reports).",
        count,
        **values,
    )


def _rise_sentences(changes: Changes, areas: dict, locale: str) -> list[str]:
    wording = {
        "category": _l("Of the categories, “%(label)s” rose most: from %(before)s to %(after)s reports."),
        "incident_type": _l("Of the kinds of incident, “%(label)s” rose most: from %(before)s to %(after)s reports."),
        "area": _l("Of the areas, %(label)s rose most: from %(before)s to %(after)s reports."),
    }
    return [
        str(wording[rise.dimension])
        % {
            "label": label(rise.dimension, rise.code, areas),
            "before": _number(rise.previous, locale),
            "after": _number(rise.current, locale),
        }
        for rise in changes.rises
    ]


# ---------------------------------------------------------------- open data


def open_data_csv(releases: list[StatisticsRelease], areas: dict[str, str]) -> str:
    """Every published quarter's latest figures, oldest quarter first; labels in English; hidden cells `<5`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for release in sorted(releases, key=lambda release: release.quarter):
        published = release.published()
        writer.writerow([release.quarter, TOTAL, "all", ENGLISH_TOTAL, _csv_count(published.get(TOTAL_KEY))])
        for dimension in DIMENSIONS:
            table = table_of(published, dimension)
            for code in ordered_codes(dimension, table, areas):
                writer.writerow(
                    [release.quarter, dimension, code, english_label(dimension, code, areas), _csv_count(table[code])]
                )
    return out.getvalue()


def _csv_count(value: int | None) -> str:
    return SUPPRESSED if value is None else str(value)
