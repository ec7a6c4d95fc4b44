"""Geometry of the server-side SVG charts; `templates/components/charts.html` draws them.

- `bar_chart`: the review's horizontal bars, one group a row and one bar a series (the current
  period solid, the previous one an outline), on an axis that ends at a round number.
- `interval_bar_chart`: the satisfaction results' bars, one a row, each with its value written after
  it and, where there is one, an interval drawn as a whisker.
- `line_chart`: a line over months; `tile_map`: a tile-grid map of the areas.

Charts never rely on colour alone: every bar and point carries its value as text, and map tiles
say in words how many reports and centres an area has. Colours are from the GOV.UK palette and meet
3:1 against white (shapes) and 4.5:1 against the text drawn on them. A value that is suppressed or
withheld is drawn as no bar at all, with its text (such as `<5`) in its place. Every chart on a page
sits beside a table of the same figures, for screen readers and for copying.
"""

import math
import textwrap
from dataclasses import dataclass, field
from typing import NamedTuple

WIDTH = 640
LABEL_WIDTH = 215
BAR_LEFT = 222
BAR_RIGHT = 572
FONT = 13
# Fill and text colour for shading buckets 0 (nothing) to 4 (most).
SHADES = (
    ("#f3f2f1", "#0b0c0c"),
    ("#d2e2f1", "#0b0c0c"),
    ("#5694ca", "#0b0c0c"),
    ("#1d70b8", "#ffffff"),
    ("#003078", "#ffffff"),
)
CURRENT_FILL = "#1d70b8"
PREVIOUS_STROKE = "#505a5f"


# Values, bars and rows are named tuples rather than frozen dataclasses: a chart makes dozens of them
# each time it is drawn, and a named tuple is several times quicker to build.
class Value(NamedTuple):
    """A number to draw (None when it must not be drawn) and the text that stands for it."""

    number: float | None
    text: str


class Bar(NamedTuple):
    x: float
    y: float
    width: float
    height: float
    series: str
    text: str
    text_x: float
    text_y: float


class BarRow(NamedTuple):
    labels: tuple[tuple[float, str], ...]  # (baseline y, text) of each line of the row's label
    bars: tuple[Bar, ...]


@dataclass
class BarChart:
    id: str
    title: str
    summary: str
    height: float
    rows: list[BarRow]
    ticks: list[tuple[float, str]]
    legend: list[tuple[str, str]] = field(default_factory=list)
    width: int = WIDTH
    label_width: int = LABEL_WIDTH
    axis_x: int = BAR_LEFT
    axis_top: float = 0
    kind: str = "bars"


def nice_maximum(largest: float) -> float:
    """A round number at least as large as `largest`, for the end of an axis (4, or 1, 2, 2.5, 5 times 10^n)."""
    if largest <= 0:
        return 1
    if largest <= 4:
        return 4  # quarters of the axis stay whole numbers
    power = 10 ** math.floor(math.log10(largest))
    for step in (1, 2, 2.5, 5, 10):
        if largest <= step * power:
            return step * power
    return 10 * power


def _ticks(maximum: float, left: float, right: float, as_share: bool) -> list[tuple[float, str]]:
    ticks = []
    for index in range(5):
        value = maximum * index / 4
        text = f"{value:.0%}" if as_share else (f"{value:g}" if value == int(value) else f"{value:.1f}")
        ticks.append((left + (right - left) * index / 4, text))
    return ticks


def wrap_label(text: str, width: int = 30, lines: int = 2) -> tuple[str, ...]:
    text = str(text)
    if len(text) <= width and text.isprintable() and text[:1] != " " and text[-1:] != " ":
        return (text,)  # what textwrap gives a short label with no whitespace to tidy, at a fraction of the cost
    wrapped = textwrap.wrap(text, width) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1].rstrip() + "…"
    return tuple(wrapped)


def bar_chart(
    chart_id: str,
    title: str,
    summary: str,
    rows: list[tuple[str, list[Value]]],
    series: tuple[str, ...] = ("current",),
    legend: list[tuple[str, str]] | None = None,
    as_share: bool = False,
) -> BarChart:
    """Horizontal bars: one group per row, one bar per series (`current` solid, `previous` outlined)."""
    largest = max((value.number for _, values in rows for value in values if value.number is not None), default=0)
    maximum = 1.0 if as_share else nice_maximum(largest)
    bar_height = 14 if len(series) > 1 else 18
    row_height = bar_height * len(series) + 4 * (len(series) - 1) + 14
    top = 8
    drawn = []
    for index, (label, values) in enumerate(rows):
        y = top + index * row_height
        bars = tuple(
            _bar(value, name, y + offset * (bar_height + 4), bar_height, maximum)
            for offset, (value, name) in enumerate(zip(values, series, strict=True))
        )
        lines = wrap_label(label)
        label_y = y + row_height / 2 - 7 - (len(lines) - 1) * 7.5 + FONT / 2
        drawn.append(BarRow(tuple((label_y + number * 15, line) for number, line in enumerate(lines)), bars))
    height = top + len(rows) * row_height + 28
    ticks = _ticks(maximum, BAR_LEFT, BAR_RIGHT, as_share)
    return BarChart(chart_id, title, summary, height, drawn, ticks, legend or [], axis_top=top)


def share_of_axis(number: float, maximum: float) -> float:
    """How far along an axis ending at `maximum` a bar for `number` reaches, from 0 to 1."""
    return min(number / maximum, 1)


def _bar(value: Value, series: str, y: float, height: float, maximum: float) -> Bar:
    width = 0.0 if value.number is None else (BAR_RIGHT - BAR_LEFT) * share_of_axis(value.number, maximum)
    return Bar(BAR_LEFT, y, width, height, series, value.text, BAR_LEFT + width + 5, y + height / 2 + 4.5)


@dataclass(frozen=True)
class Point:
    x: float
    y: float | None
    text: str
    label: str


@dataclass
class LineChart:
    id: str
    title: str
    summary: str
    width: float
    height: float
    points: list[Point]
    ticks: list[tuple[float, str]]
    left: float
    right: float
    top: float
    bottom: float
    show_values: bool = True
    kind: str = "line"

    @property
    def path(self) -> str:
        """The line through the drawn points; a withheld value breaks the line."""
        parts, pen_down = [], False
        for point in self.points:
            if point.y is None:
                pen_down = False
                continue
            parts.append(f"{'L' if pen_down else 'M'}{point.x:.1f},{point.y:.1f}")
            pen_down = True
        return " ".join(parts)


def line_chart(chart_id: str, title: str, summary: str, points: list[tuple[str, Value]], small: bool = False):
    """A line over months (`points` are (month label, value)), with each value written beside its point."""
    width, height = (200, 96) if small else (WIDTH, 250)
    left, right, top, bottom = (8, width - 8, 22, height - 18) if small else (48, width - 20, 24, height - 36)
    largest = max((value.number for _, value in points if value.number is not None), default=0)
    maximum = nice_maximum(largest)
    step = (right - left) / max(len(points) - 1, 1)
    drawn = [
        Point(
            left + index * step,
            None if value.number is None else bottom - (bottom - top) * value.number / maximum,
            value.text,
            label,
        )
        for index, (label, value) in enumerate(points)
    ]
    ticks = [(bottom - (bottom - top) * index / 4, f"{maximum * index / 4:g}") for index in range(5)]
    return LineChart(chart_id, title, summary, width, height, drawn, ticks, left, right, top, bottom, not small)


@dataclass(frozen=True)
class Tile:
    x: float
    y: float
    name_lines: tuple[str, ...]
    count_text: str
    centre_text: str
    fill: str
    text_colour: str
    gap: bool
    has_centre: bool
    # How many centres the area has, drawn as a centre symbol beside `centre_text`.
    centres: int = 0


@dataclass
class TileMap:
    id: str
    title: str
    summary: str
    width: float
    height: float
    tiles: list[Tile]
    tile_width: float = 112
    tile_height: float = 72
    kind: str = "tiles"


def shade(value: float | None, largest: float) -> int:
    """Bucket 0 for nothing (or not shown), 1 to 4 by quarters of the largest value."""
    if not value or not largest:
        return 0
    return min(4, max(1, math.ceil(4 * value / largest)))


def tile_map(chart_id: str, title: str, summary: str, tiles: list[dict]) -> TileMap:
    """Tiles at grid positions: each dict has column, row, name, value (Value), centre_text, gap, has_centre and
    optionally centres (how many)."""
    size_x, size_y, gap = 112, 72, 6
    largest = max((tile["value"].number or 0 for tile in tiles), default=0)
    drawn = []
    for tile in tiles:
        fill, text_colour = SHADES[shade(tile["value"].number, largest)]
        drawn.append(
            Tile(
                tile["column"] * (size_x + gap) + 2,
                tile["row"] * (size_y + gap) + 2,
                wrap_label(tile["name"], 17),
                tile["value"].text,
                tile["centre_text"],
                fill,
                text_colour,
                tile["gap"],
                tile["has_centre"],
                tile.get("centres", 0),
            )
        )
    columns = max((tile["column"] for tile in tiles), default=0) + 1
    rows = max((tile["row"] for tile in tiles), default=0) + 1
    return TileMap(chart_id, title, summary, columns * (size_x + gap) + 4, rows * (size_y + gap) + 4, drawn)


# ---------------------------------------------------------------- bars with an interval (satisfaction results)

INTERVAL_ROW_HEIGHT = 36
INTERVAL_BAR_HEIGHT = 22
INTERVAL_TOP = 8
CHAR_WIDTH = 8
LABEL_MIN, LABEL_MAX = 120, 300
PLOT_WIDTH = 360
VALUE_WIDTH = 90


@dataclass(frozen=True)
class BarInput:
    label: str
    value: float
    text: str
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class IntervalBar:
    label: str
    short_label: str
    text: str
    y: float
    width: float
    low_x: float | None
    high_x: float | None

    @property
    def middle(self) -> float:
        return self.y + INTERVAL_BAR_HEIGHT / 2


@dataclass(frozen=True)
class IntervalBarChart:
    title: str
    bars: list[IntervalBar]
    label_width: int
    plot_width: int
    width: int
    height: int
    bar_height: int = INTERVAL_BAR_HEIGHT


def _scaled(value: float | None, maximum: float, plot_width: int) -> float | None:
    if value is None:
        return None
    return round(max(0.0, min(value, maximum)) / maximum * plot_width, 1) if maximum > 0 else 0.0


def _shortened(label: str) -> str:
    """Labels too long for the label column are cut with an ellipsis (the table beside has them whole)."""
    room = (LABEL_MAX - 16) // CHAR_WIDTH
    return label if len(label) <= room else label[: room - 1].rstrip() + "…"


def interval_bar_chart(title: str, items: list[BarInput], maximum: float | None = None) -> IntervalBarChart:
    """Bars scaled to `maximum` (the largest value when not given; at least 1 so empty charts draw)."""
    top = maximum if maximum is not None else max([item.value for item in items] + [1])
    longest = max((len(item.label) for item in items), default=0)
    label_width = max(LABEL_MIN, min(LABEL_MAX, longest * CHAR_WIDTH + 16))
    bars = [
        IntervalBar(
            label=item.label,
            short_label=_shortened(item.label),
            text=item.text,
            y=INTERVAL_TOP + index * INTERVAL_ROW_HEIGHT,
            width=_scaled(item.value, top, PLOT_WIDTH),
            low_x=_scaled(item.low, top, PLOT_WIDTH),
            high_x=_scaled(item.high, top, PLOT_WIDTH),
        )
        for index, item in enumerate(items)
    ]
    height = INTERVAL_TOP * 2 + INTERVAL_ROW_HEIGHT * len(items)
    return IntervalBarChart(title, bars, label_width, PLOT_WIDTH, label_width + PLOT_WIDTH + VALUE_WIDTH, height)
