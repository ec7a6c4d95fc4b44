"""The review's SVG charts as drawn: text in them is escaped, even where the drawing switches escaping off."""

import pytest
from bs4 import BeautifulSoup
from flask import render_template_string

from reporting import charts

HOSTILE = "<script>alert('x')</script> & \"friends\""
LABEL = "<i>Race</i> & 'faith'"  # short enough to stay on one line


def draw(chart) -> BeautifulSoup:
    html = render_template_string('{% from "components/charts.html" import chart %}{{ chart(c) }}', c=chart)
    return BeautifulSoup(html, "html.parser")


@pytest.mark.parametrize("series", [("current",), ("current", "previous")])
def test_every_piece_of_text_in_a_bar_chart_is_escaped(app, series):
    rows = [
        (LABEL, [charts.Value(3, HOSTILE)] * len(series)),
        ("Short " + HOSTILE * 2, [charts.Value(None, "<5")] * len(series)),
    ]
    legend = [(name, HOSTILE) for name in series]
    with app.test_request_context():
        page = draw(charts.bar_chart("chart-x", HOSTILE, HOSTILE, rows, series, legend))
    assert not page.find("script")
    svg = page.select_one("svg[role=img]")
    texts = [text.get_text() for text in svg.find_all("text")]
    assert texts.count(LABEL) == 1
    assert texts.count(HOSTILE) == len(series)
    assert texts.count("<5") == len(series)
    assert page.select_one("#chart-x-caption").get_text() == HOSTILE
    assert [item.get_text().strip() for item in page.select(".app-chart__legend li")] == [HOSTILE] * len(series)
