"""Linked reports in a browser: the report page's "Linked reports" section with a suggestion (one report of the
lead's centre, one of another) passes axe-core at every size, and the lead confirms a link with its button.

These tests change reports, so they run on a copy of the seeded database served on its own.
"""


import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from reporting.extensions import db
from reporting.links import services
from reporting.links.models import CONFIRMED, ReportLink
from reporting.models import Centre, User
from tests.browser.conftest import VIEWPORTS, Site, copied_app, sign_in
from tests.browser.helpers import check_every_size
from tests.support import factories
from tests.support.live_server import serve

pytestmark = pytest.mark.browser
PERSON = {"name": "Samira Example", "phone": "07700 900461"}


def _link_reports(app, lead_email: str) -> tuple[str, str]:
    """Two reports of the lead's centre and one of another centre by the same person; returns the references of
    the lead's later report and of the one to confirm."""
    with app.app_context():
        lead = db.session.scalars(select(User).where(User.email == lead_email)).one()
        other = db.session.scalars(select(Centre).where(Centre.id != lead.centre_id)).first()
        reports = [factories.report(centre, contact=dict(PERSON)) for centre in (lead.centre, other, lead.centre)]
        for report in reports:
            services.refresh(report)
        db.session.commit()
        return reports[2].reference, reports[0].reference


@pytest.fixture(scope="module")
def own_site(browser, seeded_database, tmp_path_factory):
    seeded = seeded_database[1]
    with copied_app(seeded_database, tmp_path_factory, "linked-reports") as app:
        references = _link_reports(app, seeded.lead_email)
        with serve(app) as base_url:
            yield Site(base_url, seeded, app), references


def test_the_linked_reports_section_is_accessible_and_a_lead_confirms_a_link(open_page, own_site):
    site, (later, earlier) = own_site
    page = open_page()
    sign_in(page, site, site.seeded.lead_email)
    page.goto(site.at(f"/reports/{later}"))
    suggestions = page.locator(".app-suggested-links")
    expect(suggestions).to_contain_text("Why: same phone number")
    expect(suggestions).to_contain_text("The partnership unit decides this link.")
    problems = check_every_size(page, VIEWPORTS)
    page.set_viewport_size(VIEWPORTS["desktop"]["viewport"])
    assert not problems, "\n".join(problems)
    mine = suggestions.locator("li", has_text=earlier)
    mine.get_by_role("button", name="Confirm: the same person").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#reported-before")).to_contain_text("Reported before")
    expect(page.locator("#same-person")).to_contain_text(earlier)
    with site.app.app_context():
        assert CONFIRMED in db.session.scalars(select(ReportLink.status)).all()
