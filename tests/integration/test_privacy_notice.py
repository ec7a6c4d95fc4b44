"""The privacy notice says truly who can see a report, including one made online and given to a centre."""

from reporting.extensions import db
from tests.support import factories
from tests.support.html import text_of


def who_can_see(client_request) -> str:
    page = client_request.get("pages.privacy")
    heading = page.find("h2", string="Who can see it")
    return " ".join(" ".join(part.get_text(" ").split()) for part in heading.find_next_siblings(["ul", "p"])[:2])


def test_the_notice_says_the_centre_given_an_online_report_can_see_it(client_request):
    text = who_can_see(client_request)
    assert (
        "if you reported online, the trained staff and volunteers at the centre we give your report to, "
        "so that they can follow it up" in text
    )
    assert (
        "Staff at a centre cannot see reports made at other centres, or reports made online that were not "
        "given to their centre." in text
    )
    assert "cannot see reports made at other centres or online" not in text


def test_what_the_notice_says_is_what_centre_staff_can_see(client_request):
    given_to = factories.centre("sale-library", "Sale Library")
    elsewhere = factories.centre("altrincham-library", "Altrincham Library", "altrincham")
    online = factories.report(None, channel="self", assigned_centre=given_to)
    not_given = factories.report(None, channel="self")
    other_centres = factories.report(elsewhere)
    db.session.commit()
    client_request.login_as("volunteer", given_to)
    page = client_request.get("reports.view_report", reference=online.reference)
    assert online.reference in text_of(page, "main")
    client_request.get("reports.view_report", reference=not_given.reference, _expected_status=404)
    client_request.get("reports.view_report", reference=other_centres.reference, _expected_status=404)
