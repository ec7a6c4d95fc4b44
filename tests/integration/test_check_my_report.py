""""Check my report": the follow-up code given with every report, the person's own view at /check, and the
attacks on it (reference without code, another report's code, guessing, the code left anywhere it should not be).
"""

import base64
import logging
import re
import time
import zlib
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from reporting.domain import check_codes
from reporting.extensions import db
from reporting.models import AuditEvent, Referral, Report, utcnow
from reporting.satisfaction import services as satisfaction_services
from tests.conftest import Auth
from tests.support import factories
from tests.support.client import ClientRequest
from tests.support.intake import ANSWERS, go_through, start_draft
from tests.support.pdf import pypdf_text as pdf_text
from tests.support.selfreport import send

CODE = re.compile(r"\b[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}\b")
NO_MATCH = "The reference number and code do not match a report."
ELSEWHERE = {"REMOTE_ADDR": "198.51.100.7"}


@pytest.fixture
def centre(app):
    created = factories.centre(phone="0161 912 3013", opening_hours="Mon-Fri 09:30-17:00")
    db.session.commit()
    return created


def _text(page) -> str:
    return " ".join(page.get_text(" ").split())


def _code_on(page) -> str | None:
    """The code as a person reads it off the page (its groups are drawn apart so that they can wrap)."""
    shown = page.select_one(".app-check-code")
    found = CODE.search(shown.get_text("")) if shown else None
    return found.group(0) if found else None


def _sent_online(client_request) -> tuple[Report, str]:
    """Send a report online; returns it and the code its sent page showed."""
    sent = send(client_request.client)
    code = _code_on(client_request.get_url(sent))
    assert code, "the sent page shows no code"
    report = db.session.scalar(select(Report).order_by(Report.id.desc()))
    return report, code


def _fresh_browser(app) -> ClientRequest:
    return ClientRequest(app.test_client(), auth=None)


def _open(browser: ClientRequest, reference: str, code: str, status=302, **options):
    return browser.post("check.start", _data={"reference": reference, "code": code}, _expected_status=status, **options)


# ---------------------------------------------------------------- the code


def test_a_report_sent_online_gets_a_code_kept_only_as_a_keyed_hash(app, client_request, centre, sqlite_url, caplog):
    caplog.set_level(logging.DEBUG)
    report, code = _sent_online(client_request)
    assert report.check_code_hash and report.check_code_issued_at
    assert report.check_code_hash == check_codes.code_hash(app.config["SECRET_KEY"], report.reference, code)
    db.session.commit()
    db.engine.dispose()
    stored = Path(sqlite_url.removeprefix("sqlite:///"))
    contents = b"".join(path.read_bytes() for path in stored.parent.glob(stored.name + "*"))
    for form in (code, code.replace("-", "")):
        assert form.encode() not in contents, "the code is in the database file"
        assert form not in caplog.text, "the code is in the logs"


def test_the_receipt_never_carries_the_code(client_request, centre):
    report, code = _sent_online(client_request)
    receipt = _text(client_request.get("selfreport.receipt"))
    pdf = pdf_text(client_request.get_response("selfreport.receipt_pdf").data)
    assert report.reference in receipt and report.reference in pdf
    assert code not in receipt and code not in pdf


def test_the_slip_gives_the_code_with_words_on_keeping_it_safe(client_request, centre):
    report, code = _sent_online(client_request)
    slip = client_request.get("selfreport.check_code_slip")
    page = _text(slip)
    assert _code_on(slip) == code and report.reference in page
    assert "Keep it private and apart from your receipt" in page
    pdf = pdf_text(client_request.get_response("selfreport.check_code_slip_pdf").data)
    assert code in pdf and "Nobody from the centre, the council or the police will ask you for this code" in pdf


def test_exit_takes_the_code_off_the_device(client_request, centre):
    _sent_online(client_request)
    client_request.get("pages.exit_this_page", _expected_status=302)
    client_request.get("selfreport.check_code_slip", _expected_status=404)


# ---------------------------------------------------------------- /check


@pytest.mark.parametrize("typed", ["as given", "lower case, no hyphens", "spaces and look-alikes"])
def test_the_reference_and_code_open_the_report_however_they_are_typed(app, client_request, centre, typed):
    report, code = _sent_online(client_request)
    written = {
        "as given": code,
        "lower case, no hyphens": code.replace("-", "").lower(),
        "spaces and look-alikes": " ".join(code.split("-")).replace("1", "l").replace("0", "o"),
    }[typed]
    browser = _fresh_browser(app)
    _open(browser, report.reference.lower().replace("-", ""), written, _expected_redirect="/check/report")
    page = _text(browser.get("check.your_report"))
    assert report.reference in page and "We received your report" in page
    assert "Your report has not been given to a centre yet" in page


def test_the_reference_alone_opens_nothing(app, client_request, centre):
    report, _code = _sent_online(client_request)
    browser = _fresh_browser(app)
    page = _open(browser, report.reference, "", status=400)
    assert "Enter your code" in _text(page)
    browser.get("check.your_report", _expected_status=302, _expected_redirect="/check")


def test_another_reports_code_opens_nothing(app, client_request, centre):
    first, first_code = _sent_online(client_request)
    client_request.get("pages.exit_this_page", _expected_status=302)
    second, _second_code = _sent_online(client_request)
    browser = _fresh_browser(app)
    page = _open(browser, second.reference, first_code, status=400)
    assert NO_MATCH in _text(page)
    assert NO_MATCH in _text(_open(browser, "HR-2222-2222", first_code, status=400)), "an unknown reference differs"
    browser.get("check.your_report", _expected_status=302, _expected_redirect="/check")


def test_guessing_is_throttled_without_locking_out_the_person(app, client_request, centre):
    report, code = _sent_online(client_request)
    attacker = _fresh_browser(app)
    for _ in range(5):
        _open(attacker, report.reference, check_codes.new_code(), status=400)
    refused = _text(_open(attacker, report.reference, code, status=429))
    assert "Too many codes that did not match" in refused and "Get in touch another way" in refused
    owner = _fresh_browser(app)
    _open(owner, report.reference, code, _environ_base=ELSEWHERE, _expected_redirect="/check/report")


def test_guessing_across_many_references_is_throttled_per_address(app, client_request, centre):
    report, code = _sent_online(client_request)
    attacker = _fresh_browser(app)
    for serial in range(10):
        _open(attacker, f"HR-2222-22{serial:02d}", check_codes.new_code(), status=400)
    _open(attacker, report.reference, code, status=429)
    _open(_fresh_browser(app), report.reference, code, _environ_base=ELSEWHERE, _expected_redirect="/check/report")


def test_the_persons_view_follows_the_case_and_names_no_staff(app, client_request, centre):
    report, code = _sent_online(client_request)
    lead = factories.user("lead.person@example.org", "centre_lead", centre)
    report = db.session.get(Report, report.id)
    report.assigned_centre, report.assigned_at = centre, utcnow()
    db.session.add(Referral(report=report, recipient="police", sent_by=lead, crime_reference="CRI/2026/1234"))
    db.session.commit()
    browser = _fresh_browser(app)
    _open(browser, report.reference, code)
    page = _text(browser.get("check.your_report"))
    assert "Your report was given to Sale Library to follow up" in page
    assert "Your report was passed to the police" in page and "CRI/2026/1234" in page
    assert "Phone: 0161 912 3013" in page and "Monday to Friday: 09:30 to 17:00" in page
    assert "lead.person" not in page


def test_the_persons_view_closes_when_left_unused(app, client_request, centre, monkeypatch):
    report, code = _sent_online(client_request)
    browser = _fresh_browser(app)
    _open(browser, report.reference, code)
    later = time.time() + 31 * 60
    monkeypatch.setattr(time, "time", lambda: later)
    assert "Your report was closed on this device" in _text(browser.get("check.your_report"))
    browser.get("check.your_report", _expected_status=302, _expected_redirect="/check")


def test_leaving_closes_the_view(app, client_request, centre):
    report, code = _sent_online(client_request)
    browser = _fresh_browser(app)
    _open(browser, report.reference, code)
    browser.post("check.leave", _expected_redirect="/check")
    browser.get("check.your_report", _expected_status=302, _expected_redirect="/check")


# ---------------------------------------------------------------- at the centre


def _assisted_report(client_request) -> str:
    reference = start_draft(client_request.client)
    go_through(client_request.client, reference, {"accessibility-and-language": ANSWERS["accessibility-and-language"]})
    client_request.post("intake.check_answers", reference=reference, _expected_status=302)
    return reference


def test_an_assisted_report_handed_back_is_checked_from_a_fresh_browser(app, client_request, centre):
    client_request.login_as("volunteer", centre)
    reference = _assisted_report(client_request)
    code = _code_on(client_request.get("intake.submitted", reference=reference))
    slip = pdf_text(client_request.get_response("check_staff.slip_pdf", reference=reference).data)
    assert code in slip
    receipt = pdf_text(client_request.get_response("referrals.download_receipt", reference=reference).data)
    assert reference in receipt and code not in receipt, "a receipt printed by staff carries the code"
    client_request.post("intake.start", _expected_status=302)  # the next person: the code is gone from the tablet
    assert _code_on(client_request.get("intake.submitted", reference=reference)) is None
    client_request.get("check_staff.slip", reference=reference, _expected_status=404)
    browser = _fresh_browser(app)
    _open(browser, reference, code)
    assert "Your report was made at Sale Library" in _text(browser.get("check.your_report"))


def test_a_new_code_stops_the_old_one_and_records_how_the_person_was_recognised(app, client_request, centre):
    report, old_code = _sent_online(client_request)
    person = _fresh_browser(app)
    _open(person, report.reference, old_code)
    staff_client = app.test_client()
    staff = ClientRequest(staff_client, Auth(staff_client))
    report = db.session.get(Report, report.id)
    report.assigned_centre = centre
    db.session.commit()
    staff.login_as("centre_lead", centre)
    refused = staff.post("check_staff.new_code", reference=report.reference, _data={}, _expected_status=400)
    assert "Select how you know this person made the report" in _text(refused)
    staff.post("check_staff.new_code", reference=report.reference, _data={"recognised_by": "in_person"},
               _expected_status=303)  # fmt: skip
    new_code = _code_on(staff.get("check_staff.new_code_given", reference=report.reference))
    assert new_code != old_code
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "check_code_replaced"))
    assert event.object_id == report.reference and event.detail == "recognised_by=in_person"
    person.get("check.your_report", _expected_status=302, _expected_redirect="/check")  # its session has ended
    assert NO_MATCH in _text(_open(_fresh_browser(app), report.reference, old_code, status=400))
    _open(_fresh_browser(app), report.reference, new_code, _expected_redirect="/check/report")


def test_a_volunteer_cannot_give_a_new_code(client_request, centre):
    report = factories.report(centre)
    db.session.commit()
    client_request.login_as("volunteer", centre)
    client_request.get("check_staff.new_code", reference=report.reference, _expected_status=403)


def test_the_follow_up_survey_is_offered_inside_check_my_report_once_it_opens(app, client_request, centre):
    report, code = _sent_online(client_request)
    browser = _fresh_browser(app)
    _open(browser, report.reference, code)
    assert "you can tell us here whether you were kept informed" in _text(browser.get("check.your_report"))
    report = db.session.get(Report, report.id)
    report.reported_at = utcnow() - timedelta(days=app.config["FOLLOW_UP_DAYS"] + 1)
    invitation = satisfaction_services.issue_follow_up(report)
    invitation.valid_from = utcnow() - timedelta(days=1)
    db.session.commit()
    page = browser.get("check.your_report")
    link = page.find("a", string="Answer a few questions about how it went")
    assert link is not None and "/follow-up/" in link["href"]


def test_a_closed_case_shows_the_person_how_it_ended(app, client_request, centre):
    report, code = _sent_online(client_request)
    client_request.get("pages.exit_this_page", _expected_status=302)
    report = db.session.get(Report, report.id)
    report.assigned_centre = centre
    db.session.commit()
    lead = factories.user("lead@example.org", "centre_lead", centre)
    db.session.commit()
    client_request.login(lead)
    client_request.post("reports.close_case", reference=report.reference,
                        _data={"outcomes": ["support_given", "signposted"]}, _expected_status=303)  # fmt: skip
    browser = _fresh_browser(app)
    _open(browser, report.reference, code)
    page = _text(browser.get("check.your_report"))
    assert "Your report was closed" in page and "How it ended:" in page
    assert "You were given support" in page and "You were told about other help" in page


def test_the_session_cookie_holds_the_code_only_encrypted(client_request, centre):
    _report, code = _sent_online(client_request)
    cookie = client_request.client.get_cookie("session").value
    payload = cookie.split(".")[0] if not cookie.startswith(".") else cookie.split(".")[1]
    data = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    if cookie.startswith("."):
        data = zlib.decompress(data)
    assert b"check_codes" in data, "the cookie was not read"
    assert code.encode() not in data and code.replace("-", "").encode() not in data


def test_finishing_many_saved_drafts_in_a_row_keeps_the_session_cookie_small(app, client_request, centre):
    """A volunteer finishing the day's saved drafts one after another: the tablet keeps the codes of the last few
    reports only, so the session cookie stays under the 4 KB a browser keeps (past it, the browser drops the cookie
    and the volunteer is signed out without a word)."""
    client_request.login_as("volunteer", centre)
    drafts = [start_draft(client_request.client) for _ in range(12)]
    for reference in drafts:
        go_through(client_request.client, reference)
    codes = {}
    for reference in drafts:
        client_request.post("intake.check_answers", reference=reference, _expected_status=302)
        codes[reference] = _code_on(client_request.get("intake.submitted", reference=reference))
    cookie = client_request.client.get_cookie("session").value
    assert len(cookie) < 3000, f"the session cookie has grown to {len(cookie)} bytes"
    assert all(codes.values()), "a submitted report's code was not shown on its sent page"
    assert _code_on(client_request.get("intake.submitted", reference=drafts[-1])) == codes[drafts[-1]]
    assert _code_on(client_request.get("intake.submitted", reference=drafts[0])) is None
    _open(_fresh_browser(app), drafts[0], codes[drafts[0]])  # the code still opens the report from anywhere
