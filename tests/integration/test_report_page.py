"""A report's page for staff: every answer, notes and status changes (audited), and the status filter."""

import pytest
from sqlalchemy import select

from reporting import messages
from reporting.extensions import db as _db
from reporting.models import AuditEvent, Report, ReportStatusChange
from tests.support import factories
from tests.support.html import error_summary, parse_page, text_of


@pytest.fixture
def centre(app):
    return factories.centre()


@pytest.fixture
def lead(auth, centre):
    return auth.login_as("centre_lead", centre)


@pytest.fixture
def report(centre):
    created = factories.report(
        centre,
        witnesses="several",
        witnesses_willing="not_sure",
        support_wanted=True,
        support_kinds=["housing"],
        contact={"name": "Sam Example", "phone": "0161 496 0000"},
    )
    _db.session.commit()
    return created  # fmt: skip


def _audit(action) -> list[AuditEvent]:
    return list(_db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_the_report_page_shows_the_answers_in_sections(client, lead, report):
    page = parse_page(client.get(f"/reports/{report.reference}"))
    text = text_of(page, "main")
    for expected in ("Who is making this report?", "Witnesses", "Yes, more than one person", "Not sure",
                     "Help with housing, for example moving home", "Sam Example", "0161 496 0000",
                     "No evidence files were added."):  # fmt: skip
        assert expected in text, expected
    assert _audit("report_viewed")[0].object_id == report.reference


def test_a_note_is_added_and_audited(client, lead, report):
    response = client.post(f"/reports/{report.reference}/notes", data={"text": "Called back, left no message."})
    assert response.status_code == 303
    page = parse_page(client.get(response.headers["Location"]))
    assert "Called back, left no message." in text_of(page, "#report-notes ~ ul")
    assert lead.email in text_of(page, "#report-notes ~ ul")
    [event] = _audit("report_note_added")
    assert event.object_id == report.reference and "Called back" not in (event.detail or "")


@pytest.mark.parametrize(("text", "message"), [("   ", messages.ENTER_NOTE), ("n" * 5_001, messages.NOTE_TOO_LONG)])
def test_a_note_must_say_something_and_not_too_much(client, lead, report, text, message):
    response = client.post(f"/reports/{report.reference}/notes", data={"text": text})
    assert response.status_code == 400
    page = parse_page(response)
    assert error_summary(page) == [str(message)]
    assert page.select_one(".govuk-error-summary__list a")["href"] == "#text"
    assert _audit("report_note_added") == []


def test_the_status_is_changed_and_audited(client, lead, report):
    response = client.post(f"/reports/{report.reference}/status", data={"status": "closed"})
    assert response.status_code == 303
    _db.session.expire_all()
    changed = _db.session.get(Report, report.id)
    assert changed.status == "closed" and changed.closed_at is not None
    [change] = _db.session.scalars(select(ReportStatusChange)).all()
    assert (change.from_status, change.to_status, change.changed_by_id) == ("received", "closed", lead.id)
    assert _audit("report_status_changed")[0].detail == "from=received to=closed"
    page = parse_page(client.get(f"/reports/{report.reference}"))
    assert "Received to Closed" in text_of(page, "#report-status ~ ul")


@pytest.mark.parametrize("status", ["", "draft", "received", "lost"])
def test_the_status_must_be_a_new_one(client, lead, report, status):
    response = client.post(f"/reports/{report.reference}/status", data={"status": status})
    assert response.status_code == 400
    assert error_summary(parse_page(response)) == [str(messages.SELECT_STATUS)]
    _db.session.expire_all()
    assert _db.session.get(Report, report.id).status == "received"


def test_the_report_list_filters_by_status(client, lead, centre, report):
    closed = factories.report(centre, status="closed")
    _db.session.commit()
    page = parse_page(client.get("/reports/?status=closed"))
    assert closed.reference in text_of(page, "main table") and report.reference not in text_of(page, "main table")
    assert page.select_one("#status option[selected]")["value"] == "closed"
    page = parse_page(client.get("/reports/"))
    assert closed.reference in text_of(page, "main table") and report.reference in text_of(page, "main table")
    assert page.select_one("a[href='/intake/start']"), "centre staff can start a new report from the list"


def test_the_partnership_sees_no_start_button(client, auth, report):
    auth.login_as("partnership")
    page = parse_page(client.get("/reports/"))
    assert page.select_one("a[href='/intake/start']") is None
