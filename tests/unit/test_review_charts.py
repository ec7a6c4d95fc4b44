"""Geometry of the review's SVG charts: how bar labels are wrapped and placed."""

import textwrap

import pytest

from reporting import charts

LABELS = [
    "",
    "Race",
    "Exactly thirty characters long",
    "Thirty-one characters, just so.",
    "A label long enough to need two lines and then a third one",
    "A label so long that at thirty characters a line it needs three lines or more",
    " leading space",
    "trailing space ",
    "two  spaces",
    "tab\there",
    "new\nline",
    "no\u00a0break",
    "Averyveryverylongwordwithoutanyspacesatallinit",
]


@pytest.mark.parametrize("label", LABELS)
@pytest.mark.parametrize("width", [17, 30])
def test_labels_wrap_as_textwrap_does(label, width):
    wrapped = textwrap.wrap(label, width) or [""]
    if len(wrapped) > 2:
        wrapped = [wrapped[0], wrapped[1][: width - 1].rstrip() + "…"]
    assert charts.wrap_label(label, width) == tuple(wrapped)


def test_each_line_of_a_label_sits_15_below_the_last():
    chart = charts.bar_chart("c", "Title", "Summary", [(LABELS[4], [charts.Value(1, "1")])])
    (first_y, first), (second_y, second) = chart.rows[0].labels
    assert second_y - first_y == 15
    assert (first, second) == ("A label long enough to need", "two lines and then a third one")
