"""Geometry for the server-side SVG bar charts; `templates/components/charts.html` draws them.

A chart is horizontal bars, one a row, each with its label on the left, the bar, and its value
written after it; a bar may carry an interval drawn as a whisker. Values run from 0 to `maximum`.
Every chart on a page sits beside a table of the same figures, for screen readers and for copying.
"""

from dataclasses import dataclass

ROW_HEIGHT = 36
BAR_HEIGHT = 22
TOP = 8
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
class Bar:
    label: str
    short_label: str
    text: str
    y: float
    width: float
    low_x: float | None
    high_x: float | None

    @property
    def middle(self) -> float:
        return self.y + BAR_HEIGHT / 2


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: list[Bar]
    label_width: int
    plot_width: int
    width: int
    height: int
    bar_height: int = BAR_HEIGHT


def _scaled(value: float | None, maximum: float, plot_width: int) -> float | None:
    if value is None:
        return None
    return round(max(0.0, min(value, maximum)) / maximum * plot_width, 1) if maximum > 0 else 0.0


def _shortened(label: str) -> str:
    """Labels too long for the label column are cut with an ellipsis (the table beside has them whole)."""
    room = (LABEL_MAX - 16) // CHAR_WIDTH
    return label if len(label) <= room else label[: room - 1].rstrip() + "…"


def bar_chart(title: str, items: list[BarInput], maximum: float | None = None) -> BarChart:
    """Bars scaled to `maximum` (the largest value when not given; at least 1 so empty charts draw)."""
    top = maximum if maximum is not None else max([item.value for item in items] + [1])
    longest = max((len(item.label) for item in items), default=0)
    label_width = max(LABEL_MIN, min(LABEL_MAX, longest * CHAR_WIDTH + 16))
    bars = [
        Bar(
            label=item.label,
            short_label=_shortened(item.label),
            text=item.text,
            y=TOP + index * ROW_HEIGHT,
            width=_scaled(item.value, top, PLOT_WIDTH),
            low_x=_scaled(item.low, top, PLOT_WIDTH),
            high_x=_scaled(item.high, top, PLOT_WIDTH),
        )
        for index, item in enumerate(items)
    ]
    height = TOP * 2 + ROW_HEIGHT * len(items)
    return BarChart(title, bars, label_width, PLOT_WIDTH, label_width + PLOT_WIDTH + VALUE_WIDTH, height)
