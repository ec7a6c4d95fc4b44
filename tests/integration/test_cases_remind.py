"""`cases remind`: a daily digest of overdue cases through a real SMTP server, once a day, references and dates only."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from reporting.domain.ukdates import uk_today
from reporting.extensions import db
from reporting.models import AuditEvent, CaseReminder
from tests.conftest import make_app
from tests.support import factories
from tests.support.smtp import free_port, mail_config

SENDS_MAIL = True  # the app sends its email to the test's `inbox` (tests/conftest.py)

TODAY = uk_today()
PAST, FUTURE = TODAY - timedelta(days=1), TODAY + timedelta(days=5)
NAME, DESCRIPTION = "Amira Khan", "Shouted at outside the mosque on Washway Road."


def _case(centre, **fields):
    values = {"acknowledge_by": FUTURE, "review_by": FUTURE, "description": DESCRIPTION, "contact": {"name": NAME}}
    return factories.report(centre, **{**values, **fields})


def _make_caseload() -> tuple[dict, dict]:
    sale = factories.centre("sale-library", "Sale Library", "sale_central")
    stretford = factories.centre("stretford-library", "Stretford Library", "stretford")
    people = {
        "volunteer": factories.user("volunteer@example.org", "volunteer", sale),
        "idle": factories.user("idle@example.org", "volunteer", sale),
        "lead": factories.user("lead@example.org", "centre_lead", sale),
        "stretford_lead": factories.user("ls@example.org", "centre_lead", stretford),
        "unit": factories.user("unit@example.org", "partnership"),
        "admin": factories.user("admin@example.org", "admin"),
    }
    cases = {
        "late_acknowledging": _case(sale, acknowledge_by=PAST, assigned_to=people["volunteer"]),
        "late_review": _case(sale, acknowledged_at=datetime(2026, 3, 16, tzinfo=UTC), acknowledge_by=PAST,
                             review_by=PAST - timedelta(days=3)),
        "on_time": _case(sale, assigned_to=people["idle"]),
        "closed": _case(sale, acknowledge_by=PAST, status="closed", assigned_to=people["idle"]),
        "self_waiting": _case(None, acknowledge_by=PAST),
    }  # fmt: skip
    db.session.commit()
    return people, {name: case.reference for name, case in cases.items()}


@pytest.fixture
def caseload(any_app):
    people, cases = _make_caseload()
    return {"app": any_app, "people": people, "cases": cases}


def _remind(app):
    result = app.test_cli_runner().invoke(args=["cases", "remind"])
    db.session.rollback()  # see what the command committed
    return result


def test_each_member_of_staff_gets_one_digest_of_their_overdue_cases(caseload, inbox):
    result = _remind(caseload["app"])
    assert result.exit_code == 0, result.output
    assert "sent 3 reminders" in result.output
    cases = caseload["cases"]
    by_person = {message.recipients[0]: message for message in inbox.received}
    assert sorted(by_person) == ["lead@example.org", "unit@example.org", "volunteer@example.org"]
    volunteer = by_person["volunteer@example.org"].body
    assert cases["late_acknowledging"] in volunteer and cases["late_review"] not in volunteer
    assert f"acknowledge by {PAST.day} {PAST:%B %Y}" in volunteer
    lead = by_person["lead@example.org"].body
    assert cases["late_acknowledging"] in lead and cases["late_review"] in lead
    assert lead.index(cases["late_review"]) < lead.index(cases["late_acknowledging"]), "longest overdue first"
    assert cases["on_time"] not in lead and cases["closed"] not in lead
    assert cases["self_waiting"] in by_person["unit@example.org"].body
    assert cases["self_waiting"] not in lead
    assert by_person["lead@example.org"].subject == f"Overdue cases: 2 on {TODAY.day} {TODAY:%B %Y}"


def test_the_digest_holds_references_and_dates_only(caseload, inbox):
    _remind(caseload["app"])
    for message in inbox.received:
        text = message.subject + message.body
        for private in (NAME, DESCRIPTION, "Sale Library", "race", "volunteer@example.org"):
            assert private not in text or private == message.recipients[0], private


def test_running_twice_on_a_day_sends_one_email_each(caseload, inbox):
    assert _remind(caseload["app"]).exit_code == 0
    second = _remind(caseload["app"])
    assert second.exit_code == 0 and "sent 0 reminders; 3 already sent today" in second.output
    assert len(inbox.received) == 3
    assert db.session.scalar(select(func.count(CaseReminder.id))) == 3
    details = db.session.scalars(select(AuditEvent.detail).where(AuditEvent.action == "case_reminders_sent")).all()
    assert details == ["sent=3 already_sent=0 failed=0", "sent=0 already_sent=3 failed=0"]


def test_without_mail_settings_nothing_is_sent(caseload, inbox):
    caseload["app"].config["MAIL_SERVER"] = None
    result = _remind(caseload["app"])
    assert result.exit_code == 0
    assert "no reminders were sent" in result.output
    assert inbox.received == [] and db.session.scalar(select(func.count(CaseReminder.id))) == 0


def test_a_digest_that_could_not_be_sent_is_tried_again_by_the_next_run(sqlite_url, inbox):
    unreachable = make_app(sqlite_url, **{**mail_config(inbox), "MAIL_PORT": free_port()})
    with unreachable.app_context():
        _make_caseload()
        failed = _remind(unreachable)
        assert failed.exit_code == 1 and "3 could not be sent" in failed.output
        assert db.session.scalar(select(func.count(CaseReminder.id))) == 0
        db.session.remove()
        db.engine.dispose()
    working = make_app(sqlite_url, **mail_config(inbox))
    with working.app_context():
        assert "sent 3 reminders" in _remind(working).output
        db.session.remove()
        db.engine.dispose()
    assert len(inbox.received) == 3
