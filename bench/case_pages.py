"""Finding a report, against `/hello` on the same server: a report opened by its reference, and the reports list
filtered by a category and three months of dates (with its true count), each as a signed-in volunteer.

The report page is where the header's "Go to a report" box leads (`/reports/find` answers with a redirect to it,
after one indexed look-up): it loads the report in one query and audits the view, so each request also writes.
"""

from datetime import timedelta
from statistics import median

from sqlalchemy import func, select

from reporting.demo.generator import DEMO_PASSWORD
from reporting.domain.ukdates import uk_date
from reporting.extensions import db
from reporting.models import Report, User

from . import wrk
from .client import Browser
from .figures import Figure, Target

VOLUNTEER = "volunteer@demo.example"
CLIENTS = 16
CATEGORY = "race"
PAGES = ("report page by reference", "filtered reports list")


def _paths(app) -> dict[str, str]:
    """The newest report of the volunteer's centre, and the list filtered to the three months up to it."""
    with app.app_context():
        centre_id = select(User.centre_id).where(User.email == VOLUNTEER).scalar_subquery()
        at_centre = select(Report.reference).where(Report.centre_id == centre_id, Report.submitted)
        newest = db.session.scalars(at_centre.order_by(Report.reported_at.desc()).limit(1)).one()
        last_day = uk_date(db.session.scalar(select(func.max(Report.reported_at)).where(Report.submitted)))
        db.engine.dispose()
    first_day = last_day - timedelta(days=91)
    dates = f"reported_from={first_day:%d/%m/%Y}&reported_to={last_day:%d/%m/%Y}".replace("/", "%2F")
    return {PAGES[0]: f"/reports/{newest}", PAGES[1]: f"/reports/?category={CATEGORY}&{dates}"}


def measure(server, app, settings, label: str) -> tuple[list[Figure], list[str]]:
    """Each page's throughput and `/hello`'s at 16 clients, the median of the runs; and any problems."""
    paths = _paths(app)
    browser = Browser(server.base_url)
    browser.sign_in(VOLUNTEER, DEMO_PASSWORD)
    cookie = browser.cookie_header
    requests, seconds = settings.load_requests, settings.load_seconds
    wrk.run(server.base_url, ["/hello"], CLIENTS, 100, 2)  # warm both workers: templates compiled, connections open
    for path in paths.values():
        wrk.run(server.base_url, [path], CLIENTS, 10, 2, cookie=cookie)
    throughputs, problems = {name: [] for name in ("hello", *paths)}, []
    for _run in range(settings.runs):
        for name, path in (("hello", "/hello"), *paths.items()):
            result = wrk.run(server.base_url, [path], CLIENTS, requests, seconds, cookie=cookie)
            if not result.only(200):
                problems.append(f"{name} at {CLIENTS} clients: statuses {result.statuses}, {result.errors} errors")
            throughputs[name].append(result.throughput)
    browser.close()
    hello = median(throughputs["hello"])
    figures = [
        Figure(f"{name} GET throughput ({label})", median(throughputs[name]), "req/s",
               f"/hello, {CLIENTS} clients", hello, Target("ratio", ">=", 0.06))
        for name in paths
    ]  # fmt: skip
    return figures, problems
