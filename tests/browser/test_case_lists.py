"""My cases and Overdue in a browser: each passes axe-core at every size, as does a report's "Case work" section,
and a lead gives a case to a caseworker and the caseworker acknowledges it.

These tests change cases, so they run on a copy of the seeded database served on its own.
"""

from datetime import timedelta

import pytest
from sqlalchemy import select

from reporting.domain.ukdates import uk_today
from reporting.extensions import db
from reporting.models import Report, User
from tests.browser.conftest import VIEWPORTS, Site, copied_app, sign_in
from tests.browser.helpers import check_every_size
from tests.support.live_server import serve

pytestmark = pytest.mark.browser


def _give_cases(app, volunteer_email: str) -> str:
    """Every open report of the volunteer's centre overdue, half of them the volunteer's; returns one not given."""
    today = uk_today()
    with app.app_context():
        volunteer = db.session.scalars(select(User).where(User.email == volunteer_email)).one()
        cases = db.session.scalars(
            select(Report).where(Report.centre_id == volunteer.centre_id, Report.status.in_(("received", "referred")))
            .order_by(Report.id)
        ).all()  # fmt: skip
        for number, case in enumerate(cases):
            case.acknowledge_by = today - timedelta(days=3)
            case.review_by = today - timedelta(days=1) if number % 3 == 0 else today + timedelta(days=9)
            case.assigned_to = volunteer if number % 2 == 0 else None
        db.session.commit()
        return next(case.reference for case in cases if case.assigned_to is None)


@pytest.fixture(scope="module")
def own_site(browser, seeded_database, tmp_path_factory):
    seeded = seeded_database[1]
    with copied_app(seeded_database, tmp_path_factory, "case-lists") as app:
        unassigned = _give_cases(app, seeded.volunteer_email)
        with serve(app) as base_url:
            yield Site(base_url, seeded, app), unassigned


def _accessible(page, name: str) -> None:
    problems = check_every_size(page, VIEWPORTS)
    page.set_viewport_size(VIEWPORTS["desktop"]["viewport"])
    assert not problems, f"{name}:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    ("who", "path", "heading"),
    [
        ("volunteer_email", "/cases/mine", "My cases"),
        ("volunteer_email", "/cases/overdue", "Overdue cases"),
        ("lead_email", "/cases/overdue", "Overdue cases"),
        ("partnership_email", "/cases/overdue", "Overdue cases"),
    ],
)
def test_the_case_lists_pass_axe_at_every_size(open_page, own_site, who, path, heading):
    site, _unassigned = own_site
    page = open_page()
    sign_in(page, site, getattr(site.seeded, who))
    page.goto(site.at(path))
    assert page.locator("h1").inner_text() == heading
    assert page.locator("main table tbody tr").count() > 0
    assert page.locator("main table .govuk-tag--red").count() > 0, "overdue dates are marked"
    _accessible(page, f"{path} as {who}")


def test_a_lead_gives_a_case_to_the_volunteer_who_acknowledges_it(open_page, own_site):
    site, unassigned = own_site
    lead = open_page()
    sign_in(lead, site, site.seeded.lead_email)
    lead.goto(site.at(f"/reports/{unassigned}"))
    _accessible(lead, "the report page's case work")
    lead.select_option("#caseworker", label=site.seeded.volunteer_email)
    lead.get_by_role("button", name="Save caseworker").click()
    lead.wait_for_url(f"**/reports/{unassigned}#case-work")
    assert site.seeded.volunteer_email in lead.locator("#case-work + dl").inner_text()

    volunteer = open_page(viewport="tablet")
    sign_in(volunteer, site, site.seeded.volunteer_email)
    volunteer.goto(site.at("/cases/mine"))
    volunteer.get_by_role("link", name=unassigned).click()
    volunteer.get_by_role("button", name="Acknowledge the case").click()
    volunteer.wait_for_url(f"**/reports/{unassigned}#case-work")
    assert "Case acknowledged." in volunteer.locator(".govuk-notification-banner").inner_text()
    volunteer.get_by_role("button", name="Record a review").click()
    _accessible(volunteer, "record a review")
    volunteer.fill("#note", "Spoke to the person; waiting for the housing office.")
    volunteer.get_by_role("button", name="Record review").click()
    volunteer.wait_for_url(f"**/reports/{unassigned}#case-work")
    assert "Review recorded" in volunteer.locator(".govuk-notification-banner").inner_text()
