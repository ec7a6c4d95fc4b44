"""Bar chart geometry for the server-side SVG charts."""

from reporting.charts import BarInput, interval_bar_chart


def test_bars_are_scaled_to_the_largest_value_and_stacked():
    chart = interval_bar_chart("Answers", [BarInput("Very satisfied", 6, "6"), BarInput("Satisfied", 3, "3")])
    first, second = chart.bars
    assert first.width == chart.plot_width
    assert second.width == chart.plot_width / 2
    assert second.y - first.y == 36
    assert chart.height == 8 * 2 + 36 * 2


def test_an_interval_is_placed_on_the_same_scale_as_its_bar():
    chart = interval_bar_chart("Share", [BarInput("Centre A", 60, "60%", 23, 88)], maximum=100)
    (bar,) = chart.bars
    assert (bar.width, bar.low_x, bar.high_x) == (216.0, 82.8, 316.8)


def test_a_chart_without_answers_still_draws():
    chart = interval_bar_chart("Answers", [BarInput("Very satisfied", 0, "0")])
    assert chart.bars[0].width == 0


def test_long_labels_are_shortened_in_the_chart_only():
    label = "Neither satisfied nor dissatisfied, and a good deal more besides"
    (bar,) = interval_bar_chart("Answers", [BarInput(label, 1, "1")]).bars
    assert bar.label == label
    assert bar.short_label.endswith("…") and len(bar.short_label) <= 35
