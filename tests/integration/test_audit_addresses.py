"""Addresses in the audit trail: none for a person reporting anonymously, staff addresses cleared after a while."""

import csv
import io
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy import insert, select

from reporting.extensions import db
from reporting.models import AuditEvent, AuditTrailIsAppendOnly, Report, expire_audit_addresses, utcnow
from tests.support import factories
from tests.support.client import ClientRequest
from tests.support.selfreport import send

REPORTER_ADDRESS = "203.0.113.77"
STAFF_ADDRESS = "198.51.100.24"


def _client(app, address: str) -> ClientRequest:
    """A browser whose requests come from `address`."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return ClientRequest(client, auth=None)


def _sign_in(browser: ClientRequest, email: str) -> None:
    browser.post("auth.sign_in", _data={"email": email, "password": factories.PASSWORD}, _expected_status=302)


def _raw_addresses() -> list:
    return list(db.session.execute(sa.text("SELECT ip_address FROM audit_events ORDER BY id")).scalars())


def _audit_csv(app) -> list[dict]:
    factories.user("unit@example.org", role="partnership")
    db.session.commit()
    staff = _client(app, STAFF_ADDRESS)
    _sign_in(staff, "unit@example.org")
    exported = staff.get_response("admin.audit_trail_csv", _expected_status=200)
    return list(csv.DictReader(io.StringIO(exported.get_data(as_text=True))))


def test_a_whole_self_report_journey_leaves_no_address_in_the_audit_trail(any_app):
    factories.centre()
    db.session.commit()
    reporter = _client(any_app, REPORTER_ADDRESS)
    reporter.get_url(send(reporter.client, "questions"))
    reference = db.session.scalars(select(Report.reference)).one()
    reporter.get_response("satisfaction.start_survey", reference=reference, _expected_status=(200, 302))
    steps = db.session.scalars(select(AuditEvent).where(AuditEvent.object_id == reference)).all()
    assert len(steps) > 10  # every step of the journey is audited...
    assert _raw_addresses() == [None] * len(_raw_addresses())  # ...and none of them keeps the address
    lines = _audit_csv(any_app)
    reporter_lines = [line for line in lines if line["object_id"] == reference]
    assert reporter_lines and {line["ip_address"] for line in reporter_lines} == {""}
    assert REPORTER_ADDRESS not in str(lines)


def test_a_staff_action_records_the_staff_members_address(any_app):
    centre = factories.centre()
    report = factories.report(centre)
    factories.user("lead@example.org", role="centre_lead", centre_obj=centre)
    db.session.commit()
    staff = _client(any_app, STAFF_ADDRESS)
    _sign_in(staff, "lead@example.org")
    staff.get("reports.view_report", reference=report.reference, _expected_status=200)
    viewed = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "report_viewed")).one()
    assert viewed.ip_address == STAFF_ADDRESS and viewed.user.email == "lead@example.org"


def _event_at(age: timedelta, action: str) -> None:
    row = {"at": utcnow() - age, "action": action, "ip_address": STAFF_ADDRESS, "detail": "kept"}
    db.session.execute(insert(AuditEvent.__table__), row)


@pytest.mark.parametrize("app_config", [{"AUDIT_ADDRESS_DAYS": 90}])
def test_retention_clears_the_addresses_of_old_audit_events_only(any_app):
    _event_at(timedelta(days=91), "old_action")
    _event_at(timedelta(days=89), "recent_action")
    db.session.commit()
    result = any_app.test_cli_runner().invoke(args=["retention", "apply"])
    assert result.exit_code == 0, result.output
    assert "cleared the address of 1 audit event(s) older than 90 days" in result.output
    rows = db.session.execute(
        sa.text("SELECT action, ip_address, detail FROM audit_events WHERE detail = 'kept' ORDER BY action")
    ).all()
    assert [tuple(row) for row in rows] == [("old_action", None, "kept"), ("recent_action", STAFF_ADDRESS, "kept")]
    applied = db.session.scalars(select(AuditEvent.detail).where(AuditEvent.action == "retention_applied")).one()
    assert applied.endswith("addresses=1")


def test_the_audit_trail_allows_clearing_an_address_and_nothing_else(any_app):
    _event_at(timedelta(days=1), "report_viewed")
    db.session.commit()
    event = db.session.scalars(select(AuditEvent)).one()
    event.ip_address = "192.0.2.1"
    with pytest.raises(AuditTrailIsAppendOnly):
        db.session.flush()
    db.session.rollback()
    event.action, event.ip_address = "something_else", None
    with pytest.raises(AuditTrailIsAppendOnly):
        db.session.flush()
    db.session.rollback()
    for statement in (sa.update(AuditEvent).values(detail="changed"), sa.update(AuditEvent).values(ip_address=None),
                      sa.delete(AuditEvent)):  # fmt: skip
        with pytest.raises(AuditTrailIsAppendOnly):
            db.session.execute(statement)
        db.session.rollback()
    event.ip_address = None
    db.session.commit()
    assert _raw_addresses() == [None]


def test_the_address_expiry_statement_leaves_recent_events_alone(any_app):
    _event_at(timedelta(days=1), "report_viewed")
    db.session.commit()
    db.session.execute(expire_audit_addresses(utcnow() - timedelta(days=2)))
    db.session.commit()
    assert _raw_addresses() == [STAFF_ADDRESS]
