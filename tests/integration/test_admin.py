"""Staff accounts (admins) and the audit trail (partnership unit and admins)."""

import csv
import io

import pytest
from sqlalchemy import select

from reporting.extensions import db
from reporting.models import AuditEvent, User
from tests.support import factories
from tests.support.client import ClientRequest
from tests.support.html import error_summary


def test_an_admin_creates_an_account_that_can_sign_in(client_request):
    factories.centre()
    db.session.commit()
    client_request.login_as("admin")
    client_request.post(
        "admin.new_user",
        _data={"email": "new.vol@example.org", "role": "volunteer", "centre": "sale-library",
               "password": "harbour-lamp-orange-41"},
        _expected_redirect="/admin/users",
    )  # fmt: skip
    page = client_request.get("admin.list_users")
    assert "Account created for new.vol@example.org." in page.get_text(" ")
    assert "new.vol@example.org" in page.select_one("table").get_text(" ")
    user = db.session.scalars(select(User).where(User.email == "new.vol@example.org")).one()
    assert user.centre.code == "sale-library"


@pytest.mark.parametrize(
    "data, message",
    [
        ({"email": "", "role": "admin", "password": "harbour-lamp-orange-41"}, "Enter their email address"),
        (
            {"email": "x@example.org", "role": "volunteer", "password": "harbour-lamp-orange-41"},
            "Select the centre this person works at",
        ),
        ({"email": "x@example.org", "role": "admin", "password": "short"}, "Password must be at least 12 characters"),
        ({"email": "x@example.org", "role": "admin", "password": "passwordpassword"}, "too easy to guess"),
        ({"email": "x@example.org", "role": "admin", "password": " " * 12}, "too easy to guess"),
        ({"email": "x@example.org", "role": "admin", "password": "123456789012"}, "too easy to guess"),
        ({"email": "x@example.org", "role": "admin", "password": "aaaaaaaaaaaa"}, "too easy to guess"),
        ({"email": "x@example.org", "role": "admin", "password": "password1234"}, "too easy to guess"),
        ({"email": "x@example.org", "role": "admin", "password": "x@example.org-1"}, "too easy to guess"),
    ],
)
def test_account_creation_errors_keep_what_was_typed(client_request, data, message):
    client_request.login_as("admin")
    page = client_request.post("admin.new_user", _data={"centre": "", **data})
    assert any(message in text for text in error_summary(page))
    assert page.select_one("#email")["value"] == data["email"]
    assert db.session.scalar(select(User).where(User.email == "x@example.org")) is None


def test_a_refused_password_says_what_to_choose_instead(client_request):
    client_request.login_as("admin")
    data = {"email": "x@example.org", "role": "admin", "centre": "", "password": "password1234"}
    page = client_request.post("admin.new_user", _data=data)
    assert error_summary(page) == [
        "This password is too easy to guess. Choose 3 or 4 random words joined together, and not a common "
        "password, a name, the email address, a repeated character or a sequence such as 1234"
    ]
    assert page.select_one("#password").get("value") in (None, "")


def test_deactivating_a_user_ends_their_session_and_is_audited(app, client_request):
    centre = factories.centre()
    victim_of_change = factories.user("vol@example.org", centre_obj=centre)
    db.session.commit()
    volunteer = ClientRequest(app.test_client(), auth=None)
    volunteer.post("auth.sign_in", _data={"email": "vol@example.org", "password": factories.PASSWORD},
                   _expected_status=302)  # fmt: skip
    volunteer.get("reports.list_reports", _expected_status=200)

    client_request.login_as("admin")
    client_request.post("admin.set_user_active", user_id=victim_of_change.id, _data={"active": "false"},
                        _expected_status=302)  # fmt: skip
    volunteer.get("reports.list_reports", _expected_status=302)
    events = db.session.scalars(select(AuditEvent.action).where(AuditEvent.object_id == str(victim_of_change.id)))
    assert "user_deactivated" in list(events)
    page = client_request.get("admin.list_users")
    assert "Deactivated" in page.get_text(" ")


def test_a_duplicate_email_is_refused_on_the_form(client_request):
    client_request.login_as("admin")
    data = {"email": "admin-all@example.org", "role": "admin", "centre": "", "password": "harbour-lamp-orange-41"}
    page = client_request.post("admin.new_user", _data=data)
    assert error_summary(page) == ["An account with this email address already exists"]


def test_admins_cannot_deactivate_themselves(client_request):
    admin = client_request.login_as("admin")
    client_request.post_response("admin.set_user_active", user_id=admin.id, _data={"active": "false"},
                                 _expected_status=302)  # fmt: skip
    assert db.session.get(User, admin.id).active is True


@pytest.mark.parametrize("role", ["volunteer", "centre_lead", "partnership"])
def test_only_admins_manage_accounts(client_request, role):
    centre = factories.centre()
    client_request.login_as(role, centre if role in ("volunteer", "centre_lead") else None)
    client_request.get("admin.list_users", _expected_status=403)
    client_request.post("admin.set_user_active", user_id=1, _data={"active": "false"}, _expected_status=403)


def test_the_partnership_unit_filters_and_exports_the_audit_trail(client_request, app):
    centre = factories.centre()
    report = factories.report(centre)
    db.session.commit()
    lead = factories.user("lead@example.org", role="centre_lead", centre_obj=centre)
    db.session.commit()
    other = ClientRequest(app.test_client(), auth=None)
    other.post("auth.sign_in", _data={"email": "lead@example.org", "password": factories.PASSWORD},
               _expected_status=302)  # fmt: skip
    other.get("reports.view_report", reference=report.reference)
    client_request.login_as("partnership")
    page = client_request.get("admin.audit_trail", object_id=report.reference.lower())
    rows = page.select("tbody tr")
    assert len(rows) == 1 and "report_viewed" in rows[0].get_text(" ") and lead.email in rows[0].get_text(" ")
    exported = client_request.get_response("admin.audit_trail_csv", user="lead@example.org")
    assert exported.headers["Content-Disposition"] == 'attachment; filename="audit-trail.csv"'
    lines = list(csv.DictReader(io.StringIO(exported.get_data(as_text=True))))
    assert [line["action"] for line in lines] == ["sign_in", "report_viewed"]
    assert "audit_exported" in db.session.scalars(select(AuditEvent.action)).all()


def test_a_bad_audit_date_is_explained(client_request):
    client_request.login_as("partnership")
    page = client_request.get("admin.audit_trail", date_from="31/12/2026")
    assert error_summary(page) == ["Enter the date as year, month and day, like 2026-03-27"]


@pytest.mark.parametrize("role", ["volunteer", "centre_lead"])
def test_centre_staff_cannot_read_the_audit_trail(client_request, role):
    client_request.login_as(role, factories.centre())
    client_request.get("admin.audit_trail", _expected_status=403)
    client_request.get("admin.audit_trail_csv", _expected_status=403)
