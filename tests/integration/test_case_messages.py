"""The conversation with the person and their changes of mind in "Check my report", and the case history.

The centre writes, the person reads it signed by the centre and replies, adds information and evidence,
gives contact details, changes police consent (until a police referral), asks for erasure (cooling-off,
cancel, `retention erase-due`); email notices through a real SMTP server; the history on the report page.
"""

import io
from datetime import timedelta

import pytest
import sqlalchemy as sa
from PIL import Image
from sqlalchemy import select

from reporting.domain import check_codes
from reporting.extensions import db
from reporting.intake.evidence import read as read_evidence
from reporting.models import AuditEvent, CaseMessage, ErasureRequest, Referral, Report, ReportNote, utcnow
from tests.conftest import Auth
from tests.support import factories
from tests.support.client import ClientRequest
from tests.support.evidence_files import GPS_IFD, jpeg_with_gps

SENDS_MAIL = True  # the app sends its email to the test's `inbox` (tests/conftest.py)


CODE = "7KQ2-M9XD-4PTA-WR3C"
WORDS = "We have spoken to the housing officer about the shouting."


def _text(page) -> str:
    return " ".join(page.get_text(" ").split())


def _case(app, **fields) -> Report:
    """A report of Sale Library with a code the person holds (`CODE`)."""
    centre = db.session.scalar(select(factories.Centre).where(factories.Centre.code == "sale-library"))
    report = factories.report(centre or factories.centre(), **fields)
    report.check_code_hash = check_codes.code_hash(app.config["SECRET_KEY"], report.reference, CODE)
    db.session.commit()
    return report


def _person(app, report) -> ClientRequest:
    browser = ClientRequest(app.test_client(), auth=None)
    browser.post("check.start", _data={"reference": report.reference, "code": CODE}, _expected_status=302,
                 _expected_redirect="/check/report")  # fmt: skip
    return browser


def _staff(app, role="centre_lead", centre=None) -> ClientRequest:
    client = app.test_client()
    staff = ClientRequest(client, Auth(client))
    staff.login_as(role, centre or db.session.scalar(select(factories.Centre)))
    return staff


def _write(staff, report, text=WORDS):
    staff.post("check_staff.write_to_person", reference=report.reference, _data={"text": text}, _expected_status=303)


def _history(staff, report) -> str:
    page = staff.get("reports.view_report", reference=report.reference)
    return _text(page.find(id="case-history").parent)


# ---------------------------------------------------------------- the centre writes, the person reads and replies


def test_the_centre_writes_and_the_person_reads_it_signed_by_the_centre(any_app):
    any_app.config["MAIL_SERVER"] = None
    report = _case(any_app)
    staff = _staff(any_app)
    page = _text(staff.get("check_staff.write_to_person", reference=report.reference))
    assert "No email will be sent: email is not set up." in page
    refused = staff.post("check_staff.write_to_person", reference=report.reference, _data={"text": " "},
                         _expected_status=400)  # fmt: skip
    assert "Enter a message" in _text(refused)
    _write(staff, report)
    seen = _text(_person(any_app, report).get("check.your_report"))
    assert WORDS in seen and "From the centre" in seen
    assert "centre_lead-sale-library" not in seen, "the person's view names a member of staff"
    raw = db.session.execute(sa.text("SELECT body FROM case_messages")).scalar_one()
    assert raw and WORDS not in raw and "housing" not in raw, "the message is not encrypted at rest"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "case_message_sent"))
    assert event.detail == "email_notice=not_set_up" and WORDS not in (event.detail or "")


def test_the_person_replies_and_adds_information_highlighted_until_the_case_is_opened(any_app):
    report = _case(any_app)
    staff = _staff(any_app)
    _write(staff, report)
    person = _person(any_app, report)
    person.post("check.reply", _data={"text": "Thank you, he shouted again on Monday."}, _expected_status=303)
    person.post("check.add_information", _data={"text": "A neighbour saw it too."}, _expected_status=303)
    assert "Your message has been sent to the centre." in _text(person.get("check.your_report"))
    first = _history(staff, report)
    assert "Reply from the person" in first and "Information added by the person" in first
    assert first.count("New") >= 2 and "From the person" in first and "To the person" in first
    assert "The person added 2 things since the case was last opened" in first
    again = _history(staff, report)
    assert " New " not in f" {again} " and "Thank you, he shouted again on Monday." in again
    read = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "person_additions_read"))
    assert read.detail == "count=2" and read.object_id == report.reference
    bodies = db.session.execute(sa.text("SELECT body FROM case_messages WHERE direction = 'from_person'")).scalars()
    assert all("neighbour" not in body and "Monday" not in body for body in bodies)


def test_an_empty_reply_is_refused_with_a_message(app):
    report = _case(app)
    person = _person(app, report)
    page = person.post("check.reply", _data={"text": ""}, _expected_status=400)
    assert "Enter your message" in _text(page) and _text(page).startswith("Error:")
    assert db.session.scalar(select(sa.func.count()).select_from(CaseMessage)) == 0


def test_the_person_adds_a_photo_stored_without_its_metadata(app, evidence_dir):
    report = _case(app)
    person = _person(app, report)
    upload = {"files": (io.BytesIO(jpeg_with_gps()), "IMG_2041.jpg"), "text": "The graffiti on my door."}
    person.post("check.add_evidence", _data=upload, _content_type="multipart/form-data", _expected_status=303)
    message = db.session.scalar(select(CaseMessage).where(CaseMessage.kind == "evidence"))
    stored = message.evidence_file
    assert stored is not None and stored.report_id == report.id and stored.uploaded_by_id is None
    kept = Image.open(io.BytesIO(read_evidence(evidence_dir, stored.stored_name)))
    assert not kept.getexif() and not kept.getexif().get_ifd(GPS_IFD), "metadata kept"
    history = _history(_staff(app), report)
    assert "Evidence added by the person" in history and "IMG_2041.jpg" in history and "graffiti" in history


def test_a_file_that_is_not_evidence_is_refused(app):
    person = _person(app, _case(app))
    upload = {"files": (io.BytesIO(b"MZ not a photo"), "photo.jpg")}
    page = person.post("check.add_evidence", _data=upload, _content_type="multipart/form-data", _expected_status=400)
    assert "photo.jpg" in _text(page)
    assert db.session.scalar(select(sa.func.count()).select_from(CaseMessage)) == 0


# ---------------------------------------------------------------- changes of mind


def test_police_consent_changes_before_a_referral_and_not_after(any_app):
    report = _case(any_app, police_consent="anonymous")
    person = _person(any_app, report)
    person.post("check.police_consent", _data={"police_consent": "named"}, _expected_status=303)
    db.session.expire_all()
    assert db.session.get(Report, report.id).police_consent == "named"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "police_consent_changed"))
    assert event.detail == "from=anonymous to=named by=person"
    assert "changed their police consent" in _history(_staff(any_app), report)
    db.session.add(Referral(report_id=report.id, recipient="police"))
    db.session.commit()
    page = _text(person.get("check.your_report"))
    assert "Your report has been passed to the police. To change what you agreed, contact the centre." in page
    person.post("check.police_consent", _data={"police_consent": "none"}, _expected_status=200)
    db.session.expire_all()
    assert db.session.get(Report, report.id).police_consent == "named"


def test_the_person_agrees_to_be_contacted_and_their_details_are_encrypted(any_app):
    report = _case(any_app)
    person = _person(any_app, report)
    refused = person.post("check.contact_details", _data={"name": "Sam", "preferred_method": "email"},
                          _expected_status=400)  # fmt: skip
    assert "Enter an email address in the correct format" in _text(refused)
    details = {"name": "Sam Example", "preferred_method": "email", "email": "sam@example.org",
               "safe_to_leave_message": "yes"}  # fmt: skip
    person.post("check.contact_details", _data=details, _expected_status=303)
    db.session.expire_all()
    contact = db.session.get(Report, report.id).contact
    assert (contact.name, contact.email, contact.preferred_method, contact.safe_to_leave_message) == (
        "Sam Example", "sam@example.org", "email", True)  # fmt: skip
    raw = db.session.execute(sa.text("SELECT email FROM contact_details")).scalar_one()
    assert "sam@example.org" not in raw
    page = _text(person.get("check.your_report"))
    assert "The centre can contact you" in page and "sam@example.org" not in page
    assert "agreed to be contacted" in _history(_staff(any_app), report)


def test_erasure_waits_for_the_cooling_off_period_and_can_be_cancelled(any_app):
    runner = any_app.test_cli_runner()
    report = _case(any_app, contact={"name": "Sam Example", "email": "sam@example.org"})
    db.session.add(ReportNote(report_id=report.id, text="Called Sam."))
    db.session.commit()
    person = _person(any_app, report)
    person.post("check.reply", _data={"text": "Please stop."}, _expected_status=303)
    person.post("check.erase", _data={}, _expected_status=303)
    page = _text(person.get("check.your_report"))
    assert "You asked us to erase your personal details. We will erase them on" in page
    staff = _staff(any_app)
    history = _history(staff, report)
    assert "The person asked for their personal details to be erased" in history
    assert "unless the person cancels" in history
    person.post("check.cancel_erasure", _data={}, _expected_status=303)
    assert "Your personal details will not be erased." in _text(person.get("check.your_report"))
    assert "cancelled their request" in _history(staff, report)
    person.post("check.erase", _data={}, _expected_status=303)
    assert "erased personal details from 0 report(s)" in runner.invoke(args=["retention", "erase-due"]).output
    db.session.expire_all()
    assert db.session.get(Report, report.id).contact is not None, "erased before the cooling-off period"
    pending = db.session.scalar(select(ErasureRequest).where(ErasureRequest.cancelled_at.is_(None)))
    assert pending.erase_after - pending.asked_at == timedelta(days=7)
    pending.erase_after = utcnow() - timedelta(minutes=1)
    db.session.commit()
    result = runner.invoke(args=["retention", "erase-due"])
    assert result.exit_code == 0 and "erased personal details from 1 report(s)" in result.output
    db.session.expire_all()
    erased = db.session.get(Report, report.id)
    assert erased.contact is None and erased.description is None and erased.notes == []
    assert db.session.scalars(select(CaseMessage.body).where(CaseMessage.body.isnot(None))).all() == []
    assert "erased personal details from 0 report(s)" in runner.invoke(args=["retention", "erase-due"]).output
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "personal_details_erased"))
    assert event.detail == "asked_by=person"


# ---------------------------------------------------------------- email notices


def _named(app, **contact) -> Report:
    details = {"name": "Sam Example", "email": "sam@example.org", "preferred_method": "email",
               "safe_to_leave_message": True, **contact}  # fmt: skip
    return _case(app, police_consent="named", contact=details, language="ur")


def test_a_named_person_who_asked_for_email_gets_a_notice_without_content(app, inbox):
    report = _named(app)
    staff = _staff(app)
    notice = _text(staff.get("check_staff.write_to_person", reference=report.reference))
    assert "The person will get a short email saying there is a new message" in notice
    _write(staff, report)
    [received] = inbox.to("sam@example.org")
    assert report.reference not in received.subject and report.reference.replace("-", "") not in received.subject
    assert WORDS not in received.body and "housing" not in received.body and report.reference not in received.body
    assert "/check" in received.body
    assert "An email notice was sent." in _history(staff, report)


@pytest.mark.parametrize(
    ("contact", "reason"),
    [
        ({"safe_to_leave_message": False}, "it is not safe to leave the person a message"),
        ({"preferred_method": "phone"}, "the person did not ask to be contacted by email"),
        ({"email": None}, "the person gave no email address"),
    ],
)
def test_no_notice_unless_email_is_their_way_and_safe(app, inbox, contact, reason):
    report = _named(app, **contact)
    staff = _staff(app)
    assert f"No email will be sent: {reason}." in _text(staff.get("check_staff.write_to_person",
                                                                   reference=report.reference))  # fmt: skip
    _write(staff, report)
    assert inbox.received == []


# ---------------------------------------------------------------- the case history and who may write


def test_the_case_history_is_in_time_order_with_who_and_when(app):
    report = _case(app)
    staff = _staff(app)
    staff.post("reports.add_note", reference=report.reference, _data={"text": "Rang the person."},
               _expected_status=303)  # fmt: skip
    _write(staff, report)
    _person(app, report).post("check.reply", _data={"text": "Thanks."}, _expected_status=303)
    history = _history(staff, report)
    order = ["Report received", "Private note", "Message to the person", "Reply from the person"]
    positions = [history.index(title) for title in order]
    assert positions == sorted(positions)
    assert "centre_lead-sale-library@example.org" in history and "The person" in history
    assert "Staff only" in history


def test_another_centres_caseworker_gets_404(app):
    report = _case(app)
    other = factories.centre("stretford-library", "Stretford Library", "stretford")
    db.session.commit()
    staff = _staff(app, "centre_lead", other)
    staff.get("check_staff.write_to_person", reference=report.reference, _expected_status=404)
    staff.post("check_staff.write_to_person", reference=report.reference, _data={"text": "Hi"}, _expected_status=404)


def test_a_volunteer_not_working_the_case_cannot_write(app):
    report = _case(app)
    staff = _staff(app, "volunteer")
    page = _text(staff.get("check_staff.write_to_person", reference=report.reference))
    assert "Only the caseworker" in page
    staff.post("check_staff.write_to_person", reference=report.reference, _data={"text": "Hi"}, _expected_status=303)
    assert db.session.scalar(select(sa.func.count()).select_from(CaseMessage)) == 0


def test_the_persons_pages_need_the_report_open(app):
    browser = ClientRequest(app.test_client(), auth=None)
    for endpoint in ("check.reply", "check.add_information", "check.add_evidence", "check.contact_details",
                     "check.police_consent", "check.erase"):  # fmt: skip
        browser.get(endpoint, _expected_status=302, _expected_redirect="/check")
        browser.post(endpoint, _data={"text": "x"}, _expected_status=302, _expected_redirect="/check")
    assert db.session.scalar(select(sa.func.count()).select_from(CaseMessage)) == 0
