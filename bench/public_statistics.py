"""The public statistics page (`/statistics`) against `/hello` on the same server.

The set-up publishes the last eight quarters that have ended (counting each from the benchmark's reports,
as `statistics publish` does); the page then reads only the small tables of published figures, so it
should be served nearly as fast as a page that reads nothing.
"""

from statistics import median

from reporting.domain.quarters import ended_quarters
from reporting.domain.ukdates import uk_today
from reporting.extensions import db
from reporting.statistics import services

from . import wrk
from .figures import Figure, Target, timed

QUARTERS = 8
CLIENTS = 16
PATH = "/statistics"


def publish_quarters(app) -> float:
    """Publish the last eight ended quarters; the seconds it took (counting a million reports included)."""

    def publish() -> None:
        today = uk_today()
        for quarter in ended_quarters(today, QUARTERS):
            try:
                services.publish(db.session, quarter, None, today)
            except services.NothingChanged:
                pass
        db.session.commit()

    with app.app_context():
        seconds = timed(publish)
        db.engine.dispose()
    return seconds


def measure(server, settings, label: str) -> tuple[list[Figure], list[str]]:
    """`/statistics` and `/hello` throughput at 16 clients, each the median of the runs; and any problems."""
    requests, seconds = settings.load_requests, settings.load_seconds
    for path in ("/hello", PATH):  # warm both workers: templates compiled, connections open
        wrk.run(server.base_url, [path], CLIENTS, 100, 2)
    hello, page, problems = [], [], []
    for _run in range(settings.runs):
        for path, results in (("/hello", hello), (PATH, page)):
            result = wrk.run(server.base_url, [path], CLIENTS, requests, seconds)
            if not result.only(200):
                problems.append(f"{path} at {CLIENTS} clients: statuses {result.statuses}, {result.errors} errors")
            results.append(result.throughput)
    figure = Figure(
        f"statistics page GET throughput ({label})", median(page), "req/s",
        f"/hello, {CLIENTS} clients", median(hello), Target("ratio", ">=", 0.1),
    )  # fmt: skip
    return [figure], problems
