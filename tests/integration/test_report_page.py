"""A report's page for staff: every answer, notes and status changes (audited), and the status filter."""

import pytest
from sqlalchemy import select

from reporting import messages
from reporting.extensions import db as _db
from reporting.models import AuditEvent, Report, ReportStatusChange
from tests.support import factories
from tests.support.html import error_summary, text_of


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


def test_the_report_page_shows_the_answers_in_sections(client_request, lead, report):
    page = client_request.get("reports.view_report", reference=report.reference)
    text = text_of(page, "main")
    for expected in ("Who is making this report?", "Witnesses", "Yes, more than one person", "Not sure",
                     "Help with housing, for example moving home", "Sam Example", "0161 496 0000",
                     "No evidence files were added."):  # fmt: skip
        assert expected in text, expected
    assert _audit("report_viewed")[0].object_id == report.reference


def test_a_note_is_added_and_audited(client_request, lead, report):
    response = client_request.post_response(
        "reports.add_note", reference=report.reference, _data={"text": "Called back, left no message."},
        _expected_status=303,
    )  # fmt: skip
    page = client_request.get_url(response.headers["Location"])
    assert "Called back, left no message." in text_of(page, "#report-notes ~ ul")
    assert lead.email in text_of(page, "#report-notes ~ ul")
    [event] = _audit("report_note_added")
    assert event.object_id == report.reference and "Called back" not in (event.detail or "")


@pytest.mark.parametrize(("text", "message"), [("   ", messages.ENTER_NOTE), ("n" * 5_001, messages.NOTE_TOO_LONG)])
def test_a_note_must_say_something_and_not_too_much(client_request, lead, report, text, message):
    page = client_request.post("reports.add_note", reference=report.reference, _data={"text": text},
                               _expected_status=400)  # fmt: skip
    assert error_summary(page) == [str(message)]
    assert page.select_one(".govuk-error-summary__list a")["href"] == "#text"
    assert _audit("report_note_added") == []


def test_the_status_is_changed_and_audited(client_request, lead, report):
    client_request.post("reports.change_status", reference=report.reference, _data={"status": "referred"},
                        _expected_status=303)  # fmt: skip
    _db.session.expire_all()
    changed = _db.session.get(Report, report.id)
    assert changed.status == "referred" and changed.referred_at is not None
    [change] = _db.session.scalars(select(ReportStatusChange)).all()
    assert (change.from_status, change.to_status, change.changed_by_id) == ("received", "referred", lead.id)
    assert _audit("report_status_changed")[0].detail == "from=received to=referred"
    page = client_request.get("reports.view_report", reference=report.reference)
    assert "Received to Referred" in text_of(page, "#report-status ~ ul")


@pytest.mark.parametrize("status", ["", "draft", "received", "lost", "closed"])
def test_the_status_must_be_a_new_one(client_request, lead, report, status):
    page = client_request.post("reports.change_status", reference=report.reference, _data={"status": status},
                               _expected_status=400)  # fmt: skip
    assert error_summary(page) == [str(messages.SELECT_STATUS)]
    _db.session.expire_all()
    assert _db.session.get(Report, report.id).status == "received"


def test_the_report_list_filters_by_status(client_request, lead, centre, report):
    closed = factories.report(centre, status="closed")
    _db.session.commit()
    page = client_request.get("reports.list_reports", status="closed")
    assert closed.reference in text_of(page, "main table") and report.reference not in text_of(page, "main table")
    assert page.select_one("#status option[selected]")["value"] == "closed"
    page = client_request.get("reports.list_reports")
    assert closed.reference in text_of(page, "main table") and report.reference in text_of(page, "main table")
    assert page.select_one("a[href='/intake/start']"), "centre staff can start a new report from the list"


def test_the_partnership_sees_no_start_button(client_request, report):
    client_request.login_as("partnership")
    page = client_request.get("reports.list_reports")
    assert page.select_one("a[href='/intake/start']") is None
