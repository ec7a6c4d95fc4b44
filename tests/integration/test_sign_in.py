"""Staff sign-in: the form, failed attempts and their throttling, rate limit, inactivity, lifetime and sign-out."""

import time

import pytest
from flask_babel import force_locale, gettext
from sqlalchemy import select

from reporting.extensions import db
from reporting.models import AuditEvent, User
from tests.support import factories
from tests.support.client import ClientRequest
from tests.support.html import error_summary, parse_page


@pytest.fixture
def volunteer(app):
    centre = factories.centre()
    user = factories.user("vol@example.org", centre_obj=centre)
    db.session.commit()
    return user


def actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def sign_in(client_request, email: str, status: int = 302, **options):
    return client_request.post_response(
        "auth.sign_in", _data={"email": email, "password": factories.PASSWORD}, _expected_status=status, **options
    )


def reports(client_request, status: int = 200):
    return client_request.get_response("reports.list_reports", _expected_status=status)


def another_device(app) -> ClientRequest:
    return ClientRequest(app.test_client(), auth=None)


def test_sign_in_page_has_the_fields(client_request):
    page = client_request.get("auth.sign_in")
    assert page.select_one("input#email[type=text], input#email[type=email]")
    assert page.select_one("input#password[type=password]")
    assert page.title.string.startswith("Sign in")


def test_signing_in_takes_staff_to_their_reports_and_is_audited(client_request, volunteer):
    sign_in(client_request, "VOL@example.org ", _expected_redirect="/reports/")
    page = client_request.get("reports.list_reports")
    assert "Reports made at Sale Library" in page.get_text(" ")
    assert "sign_in" in actions()
    assert db.session.get(User, volunteer.id).last_sign_in_at is not None


def test_sign_in_returns_to_the_page_asked_for_but_never_to_another_site(client_request, volunteer):
    data = {"email": volunteer.email, "password": factories.PASSWORD}
    client_request.post("auth.sign_in", next="/reports/?page=1", _data=data, _expected_redirect="/reports/?page=1")
    client_request.post("auth.sign_out", _expected_status=302)
    client_request.post("auth.sign_in", next="https://evil.example/", _data=data, _expected_redirect="/reports/")


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
def test_missing_or_malformed_fields_are_summarised_and_linked(client_request, form, messages):
    page = client_request.post("auth.sign_in", _data=form, _expected_status=200)
    assert page.title.string.startswith("Error:")
    assert error_summary(page) == messages
    links = [link["href"] for link in page.select(".govuk-error-summary__list a")]
    assert all(page.select_one(href) for href in links)
    assert page.select_one("#email")["value"] == form["email"] if form["email"] else True


FAILED = (
    "The email address or password is not right, or there have been too many attempts to sign in. "
    "Check them and try again, or wait 15 minutes."
)
HERE = {"REMOTE_ADDR": "198.51.100.7"}
ELSEWHERE = {"REMOTE_ADDR": "203.0.113.66"}


def attempt(client_request, email: str, password: str, address: dict = HERE, status: int = 200):
    """A sign-in from `address`: refused (200, the form again) unless `status` says it goes through."""
    return client_request.post_response(
        "auth.sign_in", _data={"email": email, "password": password}, _environ_base=address, _expected_status=status
    )


def test_a_wrong_password_is_refused_with_one_message_and_audited(client_request, volunteer):
    page = parse_page(attempt(client_request, volunteer.email, "wrong-password-here"))
    assert error_summary(page) == [FAILED]
    assert page.select_one("#email")["value"] == volunteer.email
    assert "sign_in_failed" in actions()


def test_an_unknown_email_gets_the_same_message(client_request):
    page = parse_page(attempt(client_request, "nobody@example.org", "whatever-it-is"))
    assert error_summary(page) == [FAILED]


def page_text(response) -> str:
    """What the page says, with the email typed (echoed in the field) and the CSRF token left out."""
    return " ".join(parse_page(response).get_text(" ").split())


def test_an_unknown_email_and_a_throttled_known_one_get_identical_pages(client_request, volunteer):
    unknown = page_text(attempt(client_request, "nobody@example.org", factories.PASSWORD))
    for _ in range(5):
        attempt(client_request, volunteer.email, "wrong-password-here")
    throttled = attempt(client_request, volunteer.email, factories.PASSWORD, status=200)
    assert page_text(throttled) == unknown
    for _ in range(5):
        attempt(client_request, "nobody@example.org", "wrong-password-here")
    assert page_text(attempt(client_request, "nobody@example.org", factories.PASSWORD)) == unknown


def test_five_failures_from_one_address_stop_that_address_even_for_the_right_password(client_request, volunteer):
    for _ in range(5):
        assert error_summary(parse_page(attempt(client_request, volunteer.email, "wrong-password-here"))) == [FAILED]
    response = attempt(client_request, volunteer.email, factories.PASSWORD, status=200)
    assert error_summary(parse_page(response)) == [FAILED]
    reports(client_request, status=302)
    assert actions().count("sign_in_throttled") == 1


def test_guesses_from_another_address_do_not_lock_the_owner_out(app, volunteer):
    guesser = another_device(app)
    for _ in range(12):
        attempt(guesser, volunteer.email, "wrong-password-here", ELSEWHERE)
    assert "Sign out" not in page_text(attempt(guesser, volunteer.email, factories.PASSWORD, ELSEWHERE))
    owner = another_device(app)
    response = attempt(owner, volunteer.email, factories.PASSWORD, HERE, status=302)
    assert response.headers["Location"] == "/reports/"
    reports(owner, status=200)


def test_a_right_password_clears_the_failures_of_that_address(client_request, volunteer):
    for _ in range(4):
        attempt(client_request, volunteer.email, "wrong-password-here")
    attempt(client_request, volunteer.email, factories.PASSWORD, status=302)
    client_request.post("auth.sign_out", _expected_status=302)
    for _ in range(4):
        attempt(client_request, volunteer.email, "wrong-password-here")
    attempt(client_request, volunteer.email, factories.PASSWORD, status=302)


@pytest.mark.parametrize("app_config", [{"SIGN_IN_ACCOUNT_FAILURE_LIMIT": "12 per hour"}])
def test_guessing_spread_over_many_addresses_meets_a_cap_on_the_account(app, volunteer, app_config):
    guesser = another_device(app)
    for number in range(12):
        attempt(guesser, volunteer.email, "wrong-password-here", {"REMOTE_ADDR": f"192.0.2.{number // 4}"})
    owner = another_device(app)
    attempt(owner, volunteer.email, factories.PASSWORD, status=200)
    attempt(owner, "someone.else@example.org", "whatever-it-is", status=200)


def test_every_attempt_checks_a_password_hash_known_unknown_or_throttled(client_request, volunteer, monkeypatch):
    from reporting.auth import services

    checked = []
    real = services.verify_password

    def spy(user, password):
        checked.append(user)
        return real(user, password)

    monkeypatch.setattr(services, "verify_password", spy)
    attempt(client_request, "nobody@example.org", "whatever-it-is")
    for _ in range(6):
        attempt(client_request, volunteer.email, "wrong-password-here")
    assert [user.email if user else None for user in checked] == [None] + [volunteer.email] * 6


def test_failed_sign_ins_are_counted_without_the_email_in_the_limiter(client_request, volunteer):
    from reporting.extensions import limiter

    for _ in range(2):
        attempt(client_request, volunteer.email, "wrong-password-here")
    stored = repr(vars(limiter.limiter.storage))
    assert "sign-in-failures" in stored
    assert "vol@example.org" not in stored and "example.org" not in stored


def test_a_deactivated_user_cannot_sign_in(client_request, volunteer):
    volunteer.active = False
    db.session.commit()
    sign_in(client_request, volunteer.email, status=200)
    reports(client_request, status=302)


@pytest.mark.parametrize("app_config", [{"SIGN_IN_RATE_LIMIT": "3 per minute"}])
def test_sign_in_is_rate_limited(client_request, app_config):
    for status in (200, 200, 200, 429):
        client_request.post_response("auth.sign_in", _data={"email": "a@example.org", "password": "x"},
                                     _expected_status=status)  # fmt: skip
    page = client_request.post("auth.sign_in", _data={"email": "a@example.org", "password": "x"}, _expected_status=429)
    assert "Too many attempts" in page.get_text(" ")


@pytest.mark.parametrize("app_config", [{"SESSION_IDLE_MINUTES": 15}])
def test_the_session_ends_after_inactivity(client_request, volunteer, app_config, monkeypatch):
    sign_in(client_request, volunteer.email)
    reports(client_request, status=200)
    later = time.time() + 16 * 60
    monkeypatch.setattr(time, "time", lambda: later)
    response = reports(client_request, status=302)
    assert response.headers["Location"].startswith("/sign-in")
    page = client_request.get_url(response.headers["Location"])
    assert "signed out because you had not done anything for a while" in page.get_text(" ")
    reports(client_request, status=302)


def test_activity_keeps_the_session_alive(client_request, volunteer, monkeypatch):
    sign_in(client_request, volunteer.email)
    start = time.time()
    for minutes in (10, 20, 30):
        monkeypatch.setattr(time, "time", lambda m=minutes: start + m * 60)
        reports(client_request, status=200)


def test_a_page_within_half_a_minute_of_the_last_sends_no_new_session_cookie(client_request, volunteer, monkeypatch):
    sign_in(client_request, volunteer.email)
    start = time.time()
    monkeypatch.setattr(time, "time", lambda: start)
    reports(client_request)
    monkeypatch.setattr(time, "time", lambda: start + 20)
    assert "Set-Cookie" not in reports(client_request).headers
    monkeypatch.setattr(time, "time", lambda: start + 31)
    assert reports(client_request).headers["Set-Cookie"].startswith("session=")


@pytest.mark.parametrize("app_config", [{"SESSION_IDLE_MINUTES": 15}])
def test_the_session_never_ends_before_the_idle_limit_after_the_last_page(client_request, volunteer, app_config,
                                                                          monkeypatch):  # fmt: skip
    sign_in(client_request, volunteer.email)
    start = time.time()
    monkeypatch.setattr(time, "time", lambda: start)
    reports(client_request)
    monkeypatch.setattr(time, "time", lambda: start + 29)  # not written down: too soon after the last
    reports(client_request)
    monkeypatch.setattr(time, "time", lambda: start + 29 + 15 * 60 - 1)
    reports(client_request, status=200)


def test_signing_out_ends_the_session(client_request, volunteer):
    sign_in(client_request, volunteer.email)
    client_request.post("auth.sign_out", _expected_redirect="/sign-in")
    reports(client_request, status=302)
    assert "sign_out" in actions()


def test_a_cookie_copied_before_sign_out_no_longer_works_after_it(app, client, client_request, volunteer):
    sign_in(client_request, volunteer.email)
    copied = client.get_cookie("session").value
    thief = another_device(app)
    thief.client.set_cookie("session", copied)
    reports(thief, status=200)
    client_request.post("auth.sign_out", _expected_status=302)
    response = reports(thief, status=302)
    assert response.headers["Location"].startswith("/sign-in")
    thief.post("auth.keep_alive", _expected_status=302)


def test_signing_out_on_one_tablet_signs_out_the_others_and_signing_in_again_works(app, client_request, volunteer):
    other_tablet = another_device(app)
    sign_in(other_tablet, volunteer.email)
    sign_in(client_request, volunteer.email)
    client_request.post("auth.sign_out", _expected_status=302)
    reports(other_tablet, status=302)
    sign_in(client_request, volunteer.email, status=302)
    reports(client_request, status=200)


@pytest.mark.parametrize("app_config", [{"SESSION_MAX_HOURS": 12}])
def test_the_session_ends_after_its_absolute_lifetime_however_busy(client_request, volunteer, app_config, monkeypatch):
    start = time.time()
    monkeypatch.setattr(time, "time", lambda: start)
    sign_in(client_request, volunteer.email)
    for minutes in range(10, 12 * 60, 10):  # a page every ten minutes: never idle
        monkeypatch.setattr(time, "time", lambda m=minutes: start + m * 60)
        reports(client_request, status=200)
    monkeypatch.setattr(time, "time", lambda: start + 12 * 3600 + 1)
    response = reports(client_request, status=302)
    assert response.headers["Location"].startswith("/sign-in")
    page = client_request.get_url(response.headers["Location"])
    assert "You were signed out because you had been signed in for a long time" in page.get_text(" ")
    reports(client_request, status=302)


def test_a_session_without_a_sign_in_time_is_ended(client, client_request, volunteer):
    sign_in(client_request, volunteer.email)
    with client.session_transaction() as session:
        del session["signed_in_at"]
    reports(client_request, status=302)


def keep_alive(client, client_request, status: int):
    """The timeout warning's "stay signed in": a script's POST, its CSRF token in a header."""
    return client_request.post_response("auth.keep_alive", _headers={"X-CSRFToken": client.csrf_token()}, _csrf=False,
                                        _expected_status=status)  # fmt: skip


@pytest.mark.parametrize("app_config", [{"SESSION_IDLE_MINUTES": 15}])
def test_staying_signed_in_restarts_the_idle_limit(client, client_request, volunteer, app_config, monkeypatch):
    start = time.time()
    monkeypatch.setattr(time, "time", lambda: start)
    sign_in(client_request, volunteer.email)
    monkeypatch.setattr(time, "time", lambda: start + 14 * 60)
    assert keep_alive(client, client_request, status=204).data == b""
    monkeypatch.setattr(time, "time", lambda: start + 28 * 60)
    reports(client_request, status=200)


@pytest.mark.parametrize("app_config", [{"SESSION_IDLE_MINUTES": 15}])
def test_staying_signed_in_is_refused_once_the_session_has_ended(client, client_request, volunteer, app_config,
                                                                 monkeypatch):  # fmt: skip
    start = time.time()
    monkeypatch.setattr(time, "time", lambda: start)
    sign_in(client_request, volunteer.email)
    monkeypatch.setattr(time, "time", lambda: start + 16 * 60)
    keep_alive(client, client_request, status=302)
    reports(client_request, status=302)


def test_staying_signed_in_needs_the_csrf_token(client_request, volunteer):
    sign_in(client_request, volunteer.email)
    client_request.post_response("auth.keep_alive", _csrf=False, _expected_status=400)


def test_the_timeout_warning_ending_the_session_signs_out_this_tablet_only(app, client_request, volunteer):
    other_tablet = another_device(app)
    sign_in(other_tablet, volunteer.email)
    sign_in(client_request, volunteer.email)
    client_request.post("auth.sign_out", _data={"session_ended": "1"}, _expected_redirect="/sign-in")
    page = client_request.get("auth.sign_in")
    assert "signed out because you had not done anything for a while" in page.get_text(" ")
    reports(client_request, status=302)
    reports(other_tablet, status=200)


def test_changing_the_session_token_ends_existing_sessions(client_request, volunteer):
    sign_in(client_request, volunteer.email)
    volunteer.session_token = "rotated"
    db.session.commit()
    reports(client_request, status=302)


def test_sign_in_starts_a_new_session(client, client_request, volunteer):
    client_request.get("auth.sign_in")
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    sign_in(client_request, volunteer.email)
    with client.session_transaction() as session:
        assert "planted" not in session


def test_production_hashes_use_the_owasp_argon2id_settings():
    from argon2 import extract_parameters

    from reporting.auth.services import ARGON2_SETTINGS, PasswordHasher

    parameters = extract_parameters(PasswordHasher(**ARGON2_SETTINGS).hash("correct horse battery"))
    assert parameters.type.name == "ID"
    assert (parameters.memory_cost, parameters.time_cost, parameters.parallelism) == (7 * 1024, 5, 1)


@pytest.mark.parametrize("memory_cost, time_cost", [(2048, 1), (19 * 1024, 2)])
def test_a_hash_made_with_other_settings_is_remade_at_sign_in(client_request, volunteer, memory_cost, time_cost):
    from argon2 import PasswordHasher, extract_parameters

    from reporting.auth import services

    old = PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=1).hash(factories.PASSWORD)
    db.session.get(User, volunteer.id).password_hash = old
    db.session.commit()
    sign_in(client_request, "vol@example.org", _expected_redirect="/reports/")
    remade = db.session.get(User, volunteer.id).password_hash
    assert remade != old
    assert extract_parameters(remade) == extract_parameters(services.hash_password("another password"))


@pytest.mark.parametrize("language", ["en", "pl", "ur"])
def test_the_show_password_button_speaks_the_pages_language(app, client_request, language):
    page = client_request.get("auth.sign_in", lang=language)
    wrapper = page.select_one("[data-module=govuk-password-input]")
    words = {"show-password": "Show", "hide-password": "Hide", "hide-password-aria-label": "Hide password",
             "password-shown-announcement": "Your password is visible"}  # fmt: skip
    with app.test_request_context(), force_locale(language):
        expected = {key: gettext(text) for key, text in words.items()}
    # The script reads its words from these attributes; without them it says "Show" and "Hide" in English.
    for key, text in expected.items():
        assert wrapper[f"data-i18n.{key}"] == text
    assert page.select_one(".govuk-js-password-input-toggle").get_text(strip=True) == expected["show-password"]
