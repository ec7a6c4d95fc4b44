"""Serving the app over real HTTP for the browser tests and the README screenshots, with seeded data.

The server runs in a thread (werkzeug's `make_server` on 127.0.0.1, port 0); the data is built
with the test factories so every run shows the same centres, staff and reports.
"""

import threading
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime

from werkzeug.serving import WSGIRequestHandler, make_server

from reporting.extensions import db
from reporting.models import Referral
from tests.support import factories

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

BILINGUAL = {"en": "English", "ar": "العربية"}


@dataclass(frozen=True)
class Seeded:
    """What the seeded database holds that the browser journeys need to know."""

    lead_email: str
    volunteer_email: str
    partnership_email: str
    password: str
    referred_report: str


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs) -> None:
        return None


@contextmanager
def serve(app):
    """Serve `app` from a background thread; yields the base URL, such as http://127.0.0.1:40123."""
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()


def _reports(library, housing) -> list:
    return [
        factories.report(library, categories=["race", "religion"], incident_types=["verbal_abuse"]),
        factories.report(
            library,
            reported_at=datetime(2026, 3, 2, 15, 5, tzinfo=UTC),
            occurred_on=date(2026, 3, 1),
            categories=["disability"],
            incident_types=["harassment"],
            location_type="public_transport",
            police_consent="named",
            status="referred",
        ),
        factories.report(
            housing,
            reported_at=datetime(2026, 2, 20, 11, 0, tzinfo=UTC),
            categories=["sexual_orientation", "transgender"],
            incident_types=["online"],
            location_type="online",
            police_consent="none",
        ),
        factories.report(
            None,
            reported_at=datetime(2026, 2, 11, 19, 45, tzinfo=UTC),
            categories=["alternative_subculture"],
            incident_types=["damage"],
            location_type="home",
            description="Someone wrote on our front door during the night.",
        ),
    ]


def seed(app) -> Seeded:
    """An area, two centres, staff in each role and a few reports, one of them referred to the police."""
    with app.app_context():
        factories.area("stretford", "Stretford")
        library = factories.centre("sale-library", "Sale Library")
        housing = factories.centre("stretford-housing", "Stretford Housing Office", "stretford")
        factories.user("lead@sale-library.example.org", role="centre_lead", centre_obj=library)
        factories.user("volunteer@sale-library.example.org", role="volunteer", centre_obj=library)
        factories.user("unit@partnership.example.org", role="partnership")
        reports = _reports(library, housing)
        referred = reports[1]
        db.session.add(
            Referral(
                report=referred,
                recipient="police",
                organisation="Greater Manchester Police",
                sent_at=datetime(2026, 3, 3, 9, 15, tzinfo=UTC),
                method="email",
                crime_reference="CR/01234/26",
            )
        )
        db.session.commit()
        return Seeded(
            lead_email="lead@sale-library.example.org",
            volunteer_email="volunteer@sale-library.example.org",
            partnership_email="unit@partnership.example.org",
            password=factories.PASSWORD,
            referred_report=referred.reference,
        )
