"""Server-side SVG charts: the review's category chart built and drawn by the app, against a bare template.

The app's chart works out its geometry in Python (`reporting.charts`) and draws it with the
review's Jinja macros, labels, ticks and values included. The baseline draws the same bars as
plain `<rect>` and `<text>` from a one-line template in the same Jinja environment.
"""

from reporting.charts import Value, bar_chart
from reporting.domain import vocabulary

from .figures import Figure, Target, median_seconds

BARE = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 {{ rows|length * 40 }}">'
    "{% for label, now, before in rows %}"
    '<text x="200" y="{{ loop.index0 * 40 + 14 }}">{{ label }}</text>'
    '<rect x="210" y="{{ loop.index0 * 40 }}" width="{{ now }}" height="14"/>'
    '<rect x="210" y="{{ loop.index0 * 40 + 18 }}" width="{{ before }}" height="14"/>'
    "{% endfor %}</svg>"
)
REPEAT = 200


def _rows() -> list[tuple[str, int, int]]:
    codes = vocabulary.codes("categories")
    return [
        (code.replace("_", " ").capitalize(), 900 - 70 * index, 850 - 60 * index) for index, code in enumerate(codes)
    ]


def measure(app, settings) -> list[Figure]:
    rows = _rows()
    with app.test_request_context():
        draw = app.jinja_env.get_template("components/charts.html").module.chart
        bare = app.jinja_env.from_string(BARE)

        def product() -> None:
            for _ in range(REPEAT):
                values = [
                    (label, [Value(now, f"{now:,}"), Value(before, f"{before:,}")]) for label, now, before in rows
                ]
                chart = bar_chart("categories", "Reports by category", "Reports in each category.", values,
                                  series=("current", "previous"))  # fmt: skip
                draw(chart)

        def baseline() -> None:
            for _ in range(REPEAT):
                bare.render(rows=rows)

        product()
        baseline()
        chart_s = median_seconds(settings.page_runs, product) / REPEAT
        bare_s = median_seconds(settings.page_runs, baseline) / REPEAT
    ms = 1000
    return [
        Figure("SVG chart, categories current and previous", chart_s * ms, "ms",
               "bare Jinja SVG of the same bars", bare_s * ms, Target("value", "<=", 1)),
    ]  # fmt: skip
