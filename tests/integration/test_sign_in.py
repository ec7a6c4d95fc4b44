"""Staff sign-in: the form, failed attempts, lockout, rate limit, inactivity and sign-out."""

import time

import pytest
from sqlalchemy import select

from reporting.extensions import db
from reporting.models import AuditEvent, User
from tests.support import factories
from tests.support.html import error_summary, parse_page


@pytest.fixture
def volunteer(app):
    centre = factories.centre()
    user = factories.user("vol@example.org", centre_obj=centre)
    db.session.commit()
    return user


def actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_sign_in_page_has_the_fields(client):
    page = parse_page(client.get("/sign-in"))
    assert page.select_one("input#email[type=text], input#email[type=email]")
    assert page.select_one("input#password[type=password]")
    assert page.title.string.startswith("Sign in")


def test_signing_in_takes_staff_to_their_reports_and_is_audited(client, volunteer):
    response = client.post("/sign-in", data={"email": "VOL@example.org ", "password": factories.PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/reports/"
    page = parse_page(client.get("/reports/"))
    assert "Reports made at Sale Library" in page.get_text(" ")
    assert "sign_in" in actions()
    assert db.session.get(User, volunteer.id).last_sign_in_at is not None


def test_sign_in_returns_to_the_page_asked_for_but_never_to_another_site(client, volunteer):
    response = client.post(
        "/sign-in?next=/reports/?page=1", data={"email": volunteer.email, "password": factories.PASSWORD}
    )
    assert response.headers["Location"] == "/reports/?page=1"
    client.post("/sign-out")
    response = client.post(
        "/sign-in?next=https://evil.example/", data={"email": volunteer.email, "password": factories.PASSWORD}
    )
    assert response.headers["Location"] == "/reports/"


@pytest.mark.parametrize(
    "form, messages",
    [
        ({"email": "", "password": ""}, ["Enter your email address", "Enter your password"]),
        (
            {"email": "not-an-email", "password": "x"},
            ["Enter an email address in the correct format, like name@example.com"],
        ),
    ],
)
def test_missing_or_malformed_fields_are_summarised_and_linked(client, form, messages):
    response = client.post("/sign-in", data=form)
    page = parse_page(response)
    assert response.status_code == 200
    assert page.title.string.startswith("Error:")
    assert error_summary(page) == messages
    links = [link["href"] for link in page.select(".govuk-error-summary__list a")]
    assert all(page.select_one(href) for href in links)
    assert page.select_one("#email")["value"] == form["email"] if form["email"] else True


def test_a_wrong_password_is_refused_with_one_message_and_counted(client, volunteer):
    response = client.post("/sign-in", data={"email": volunteer.email, "password": "wrong-password-here"})
    page = parse_page(response)
    assert error_summary(page) == ["The email address or password is not right. Check them and try again."]
    assert page.select_one("#email")["value"] == volunteer.email
    assert db.session.get(User, volunteer.id).failed_sign_ins == 1
    assert "sign_in_failed" in actions()


def test_an_unknown_email_gets_the_same_message(client, app):
    page = parse_page(client.post("/sign-in", data={"email": "nobody@example.org", "password": "whatever-it-is"}))
    assert error_summary(page) == ["The email address or password is not right. Check them and try again."]


def test_an_account_locks_after_five_failures_even_for_the_right_password(client, volunteer):
    for _ in range(5):
        client.post("/sign-in", data={"email": volunteer.email, "password": "wrong-password-here"})
    page = parse_page(client.post("/sign-in", data={"email": volunteer.email, "password": factories.PASSWORD}))
    assert "too many failed attempts" in " ".join(error_summary(page))
    assert "sign_in_refused_locked" in actions()


def test_a_deactivated_user_cannot_sign_in(client, volunteer):
    volunteer.active = False
    db.session.commit()
    response = client.post("/sign-in", data={"email": volunteer.email, "password": factories.PASSWORD})
    assert response.status_code == 200
    assert client.get("/reports/").status_code == 302


@pytest.mark.parametrize("app_config", [{"SIGN_IN_RATE_LIMIT": "3 per minute"}])
def test_sign_in_is_rate_limited(client, app_config, app):
    codes = [client.post("/sign-in", data={"email": "a@example.org", "password": "x"}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    page = parse_page(client.post("/sign-in", data={"email": "a@example.org", "password": "x"}))
    assert "Too many attempts" in page.get_text(" ")


@pytest.mark.parametrize("app_config", [{"SESSION_IDLE_MINUTES": 15}])
def test_the_session_ends_after_inactivity(client, volunteer, app_config, monkeypatch):
    client.post("/sign-in", data={"email": volunteer.email, "password": factories.PASSWORD})
    assert client.get("/reports/").status_code == 200
    later = time.time() + 16 * 60
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.get("/reports/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in")
    page = parse_page(client.get(response.headers["Location"]))
    assert "signed out because you had not done anything for a while" in page.get_text(" ")
    assert client.get("/reports/").status_code == 302


def test_activity_keeps_the_session_alive(client, volunteer, monkeypatch):
    client.post("/sign-in", data={"email": volunteer.email, "password": factories.PASSWORD})
    start = time.time()
    for minutes in (10, 20, 30):
        monkeypatch.setattr(time, "time", lambda m=minutes: start + m * 60)
        assert client.get("/reports/").status_code == 200


def test_a_page_within_half_a_minute_of_the_last_sends_no_new_session_cookie(client, volunteer, monkeypatch):
    client.post("/sign-in", data={"email": volunteer.email, "password": factories.PASSWORD})
    start = time.time()
    monkeypatch.setattr(time, "time", lambda: start)
    client.get("/reports/")
    monkeypatch.setattr(time, "time", lambda: start + 20)
    assert "Set-Cookie" not in client.get("/reports/").headers
    monkeypatch.setattr(time, "time", lambda: start + 31)
    assert client.get("/reports/").headers["Set-Cookie"].startswith("session=")


@pytest.mark.parametrize("app_config", [{"SESSION_IDLE_MINUTES": 15}])
def test_the_session_never_ends_before_the_idle_limit_after_the_last_page(client, volunteer, app_config, monkeypatch):
    client.post("/sign-in", data={"email": volunteer.email, "password": factories.PASSWORD})
    start = time.time()
    monkeypatch.setattr(time, "time", lambda: start)
    client.get("/reports/")
    monkeypatch.setattr(time, "time", lambda: start + 29)  # not written down: too soon after the last
    client.get("/reports/")
    monkeypatch.setattr(time, "time", lambda: start + 29 + 15 * 60 - 1)
    assert client.get("/reports/").status_code == 200


def test_signing_out_ends_the_session(client, volunteer):
    client.post("/sign-in", data={"email": volunteer.email, "password": factories.PASSWORD})
    response = client.post("/sign-out")
    assert response.headers["Location"] == "/sign-in"
    assert client.get("/reports/").status_code == 302
    assert "sign_out" in actions()


def test_changing_the_session_token_ends_existing_sessions(client, volunteer):
    client.post("/sign-in", data={"email": volunteer.email, "password": factories.PASSWORD})
    volunteer.session_token = "rotated"
    db.session.commit()
    assert client.get("/reports/").status_code == 302


def test_sign_in_starts_a_new_session(client, volunteer):
    client.get("/sign-in")
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    client.post("/sign-in", data={"email": volunteer.email, "password": factories.PASSWORD})
    with client.session_transaction() as session:
        assert "planted" not in session


def test_production_hashes_use_the_owasp_argon2id_settings():
    from argon2 import extract_parameters

    from reporting.auth.services import ARGON2_SETTINGS, PasswordHasher

    parameters = extract_parameters(PasswordHasher(**ARGON2_SETTINGS).hash("correct horse battery"))
    assert parameters.type.name == "ID"
    assert (parameters.memory_cost, parameters.time_cost, parameters.parallelism) == (7 * 1024, 5, 1)


@pytest.mark.parametrize("memory_cost, time_cost", [(2048, 1), (19 * 1024, 2)])
def test_a_hash_made_with_other_settings_is_remade_at_sign_in(client, volunteer, memory_cost, time_cost):
    from argon2 import PasswordHasher, extract_parameters

    from reporting.auth import services

    old = PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=1).hash(factories.PASSWORD)
    db.session.get(User, volunteer.id).password_hash = old
    db.session.commit()
    response = client.post("/sign-in", data={"email": "vol@example.org", "password": factories.PASSWORD})
    assert response.headers["Location"] == "/reports/"
    remade = db.session.get(User, volunteer.id).password_hash
    assert remade != old
    assert extract_parameters(remade) == extract_parameters(services.hash_password("another password"))
