"""Behind proxies: the client's address comes from X-Forwarded-For only as far as TRUSTED_PROXIES says, and the
rate limits, the audit trail and the self-report protections all use it."""

import pytest
from sqlalchemy import select
from werkzeug.middleware.proxy_fix import ProxyFix

from reporting import create_app
from reporting.extensions import db
from reporting.models import AuditEvent, Report
from tests.support import factories

PROXY = "10.0.0.2"  # what the app sees as the peer when a proxy stands in front of it
ALICE, BOB = "203.0.113.5", "203.0.113.6"


def _post(client, path: str, forwarded_for: str | None = None, data: dict | None = None):
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    return client.post(path, data=data or {}, headers=headers, environ_base={"REMOTE_ADDR": PROXY})


def _failed_sign_in(client, forwarded_for: str | None = None) -> int:
    return _post(client, "/sign-in", forwarded_for, {"email": "nobody@example.org", "password": "wrong"}).status_code


def _sign_in_address(client, forwarded_for: str) -> str:
    user = factories.user("volunteer@example.org", role="volunteer", centre_obj=factories.centre())
    db.session.commit()
    response = _post(client, "/sign-in", forwarded_for, {"email": user.email, "password": factories.PASSWORD})
    assert response.status_code == 302
    return db.session.scalar(select(AuditEvent.ip_address).where(AuditEvent.action == "sign_in"))


LIMITS = {"SIGN_IN_RATE_LIMIT": "3 per minute", "SELF_REPORT_ADDRESS_START_RATE_LIMIT": "2 per hour"}


@pytest.mark.parametrize("app_config", [{**LIMITS, "TRUSTED_PROXIES": 0}])
def test_without_trusted_proxies_a_spoofed_forwarded_for_does_not_escape_the_sign_in_limit(client, app_config):
    codes = [_failed_sign_in(client, forwarded_for=f"198.51.100.{n}") for n in range(4)]
    assert codes == [200, 200, 200, 429]


@pytest.mark.parametrize("app_config", [{"TRUSTED_PROXIES": 0}])
def test_without_trusted_proxies_the_audit_trail_records_the_peer_not_a_spoofed_address(client, app_config):
    assert _sign_in_address(client, forwarded_for=ALICE) == PROXY


@pytest.mark.parametrize("app_config", [{**LIMITS, "TRUSTED_PROXIES": 0}])
def test_without_trusted_proxies_a_spoofed_forwarded_for_does_not_escape_the_self_report_address_limit(app, app_config):
    codes = [_post(app.test_client(), "/report/questions/start", f"198.51.100.{n}").status_code for n in range(3)]
    assert codes == [302, 302, 429]
    assert len(db.session.scalars(select(Report)).all()) == 2


@pytest.mark.parametrize("app_config", [{**LIMITS, "TRUSTED_PROXIES": 1}])
def test_behind_one_proxy_each_client_has_its_own_sign_in_limit(app, app_config):
    alice, bob = app.test_client(), app.test_client()
    assert [_failed_sign_in(alice, ALICE) for _ in range(4)] == [200, 200, 200, 429]
    # What Alice writes in front of the address her proxy adds is not trusted either.
    assert _failed_sign_in(alice, f"198.51.100.1, {ALICE}") == 429
    assert _failed_sign_in(bob, BOB) == 200


@pytest.mark.parametrize("app_config", [{**LIMITS, "TRUSTED_PROXIES": 1}])
def test_behind_one_proxy_each_client_has_its_own_self_report_address_limit(app, app_config):
    alice = [_post(app.test_client(), "/report/questions/start", ALICE).status_code for _ in range(3)]
    assert alice == [302, 302, 429]
    assert _post(app.test_client(), "/report/questions/start", BOB).status_code == 302


@pytest.mark.parametrize("app_config", [{"TRUSTED_PROXIES": 1}])
def test_behind_one_proxy_the_audit_trail_records_the_forwarded_address(client, app_config):
    assert _sign_in_address(client, forwarded_for=f"198.51.100.1, {ALICE}") == ALICE


@pytest.mark.parametrize("app_config", [{"TRUSTED_PROXIES": "2"}])
def test_the_address_and_scheme_are_trusted_from_the_proxies_but_never_the_host(app, app_config):
    assert isinstance(app.wsgi_app, ProxyFix)
    assert (app.wsgi_app.x_for, app.wsgi_app.x_proto, app.wsgi_app.x_host, app.wsgi_app.x_prefix) == (2, 2, 0, 0)


def test_no_proxy_is_trusted_by_default(app):
    assert app.config["TRUSTED_PROXIES"] == 0 and not isinstance(app.wsgi_app, ProxyFix)


@pytest.mark.parametrize("value", ["-1", "two"])
def test_a_wrong_number_of_proxies_stops_the_start(sqlite_url, value):
    with pytest.raises(RuntimeError, match="TRUSTED_PROXIES"):
        create_app({"REPORTING_ENV": "test", "SQLALCHEMY_DATABASE_URI": sqlite_url, "TRUSTED_PROXIES": value})
