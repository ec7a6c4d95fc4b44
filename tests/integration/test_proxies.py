"""Behind proxies: the client's address comes from X-Forwarded-For only as far as TRUSTED_PROXIES says, and the
rate limits, the audit trail and the self-report protections all use it."""

import pytest
from sqlalchemy import select
from werkzeug.middleware.proxy_fix import ProxyFix

from reporting import create_app
from reporting.extensions import db
from reporting.models import AuditEvent, Report
from tests.support import factories
from tests.support.client import ClientRequest

PROXY = "10.0.0.2"  # what the app sees as the peer when a proxy stands in front of it
ALICE, BOB = "203.0.113.5", "203.0.113.6"


def _post(browser: ClientRequest, endpoint: str, forwarded_for: str | None, status: int, data: dict | None = None,
          **values):
    """POST through the proxy: the app's peer is the proxy, the client's address in X-Forwarded-For."""
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    return browser.post_response(endpoint, **values, _data=data or {}, _headers=headers,
                                 _environ_base={"REMOTE_ADDR": PROXY}, _expected_status=status)  # fmt: skip


def _browser(app) -> ClientRequest:
    return ClientRequest(app.test_client(), auth=None)


def _failed_sign_in(browser, forwarded_for: str | None, status: int):
    return _post(browser, "auth.sign_in", forwarded_for, status, {"email": "nobody@example.org", "password": "wrong"})


def _start_report(browser, forwarded_for: str, status: int):
    return _post(browser, "selfreport.begin", forwarded_for, status, flow="questions")


def _sign_in_address(client_request, forwarded_for: str) -> str:
    user = factories.user("volunteer@example.org", role="volunteer", centre_obj=factories.centre())
    db.session.commit()
    _post(client_request, "auth.sign_in", forwarded_for, 302, {"email": user.email, "password": factories.PASSWORD})
    return db.session.scalar(select(AuditEvent.ip_address).where(AuditEvent.action == "sign_in"))


LIMITS = {"SIGN_IN_RATE_LIMIT": "3 per minute", "SELF_REPORT_ADDRESS_START_RATE_LIMIT": "2 per hour"}


@pytest.mark.parametrize("app_config", [{**LIMITS, "TRUSTED_PROXIES": 0}])
def test_without_trusted_proxies_a_spoofed_forwarded_for_does_not_escape_the_sign_in_limit(client_request,
                                                                                            app_config):  # fmt: skip
    for n, status in enumerate([200, 200, 200, 429]):
        _failed_sign_in(client_request, f"198.51.100.{n}", status)


@pytest.mark.parametrize("app_config", [{"TRUSTED_PROXIES": 0}])
def test_without_trusted_proxies_the_audit_trail_records_the_peer_not_a_spoofed_address(client_request, app_config):
    assert _sign_in_address(client_request, forwarded_for=ALICE) == PROXY


@pytest.mark.parametrize("app_config", [{**LIMITS, "TRUSTED_PROXIES": 0}])
def test_without_trusted_proxies_a_spoofed_forwarded_for_does_not_escape_the_self_report_address_limit(app, app_config):
    for n, status in enumerate([302, 302, 429]):
        _start_report(_browser(app), f"198.51.100.{n}", status)
    assert len(db.session.scalars(select(Report)).all()) == 2


@pytest.mark.parametrize("app_config", [{**LIMITS, "TRUSTED_PROXIES": 1}])
def test_behind_one_proxy_each_client_has_its_own_sign_in_limit(app, app_config):
    alice, bob = _browser(app), _browser(app)
    for status in [200, 200, 200, 429]:
        _failed_sign_in(alice, ALICE, status)
    # What Alice writes in front of the address her proxy adds is not trusted either.
    _failed_sign_in(alice, f"198.51.100.1, {ALICE}", 429)
    _failed_sign_in(bob, BOB, 200)


@pytest.mark.parametrize("app_config", [{**LIMITS, "TRUSTED_PROXIES": 1}])
def test_behind_one_proxy_each_client_has_its_own_self_report_address_limit(app, app_config):
    for status in [302, 302, 429]:
        _start_report(_browser(app), ALICE, status)
    _start_report(_browser(app), BOB, 302)


@pytest.mark.parametrize("app_config", [{"TRUSTED_PROXIES": 1}])
def test_behind_one_proxy_the_audit_trail_records_the_forwarded_address(client_request, app_config):
    assert _sign_in_address(client_request, forwarded_for=f"198.51.100.1, {ALICE}") == ALICE


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


# The scheme follows TRUSTED_PROXIES too: flask-talisman would otherwise take a raw `X-Forwarded-Proto: https` as
# HTTPS, whatever the setting, and skip its redirect (tests on a production app, which forces HTTPS).


def _get_start(app, forwarded_proto: str | None, forwarded_for: str = ALICE):
    headers = {"X-Forwarded-For": forwarded_for}
    if forwarded_proto:
        headers["X-Forwarded-Proto"] = forwarded_proto
    return app.test_client().get("/", headers=headers, environ_base={"REMOTE_ADDR": PROXY})


@pytest.mark.parametrize("forwarded_proto", [None, "https"])
def test_without_trusted_proxies_a_client_cannot_claim_https(monkeypatch, sqlite_url, forwarded_proto):
    from tests.support.production import production_app

    with production_app(monkeypatch, sqlite_url, TRUSTED_PROXIES=0) as app:
        response = _get_start(app, forwarded_proto)
        assert response.status_code == 302 and response.location.startswith("https://")
        assert "Strict-Transport-Security" not in response.headers


def test_behind_one_proxy_its_https_is_honoured(monkeypatch, sqlite_url):
    from tests.support.production import production_app

    with production_app(monkeypatch, sqlite_url, TRUSTED_PROXIES=1) as app:
        response = _get_start(app, "https")
        assert response.status_code == 200
        assert response.headers["Strict-Transport-Security"].startswith("max-age=")
        # What a client wrote in front of the proxy's own value is not trusted: "http" from the proxy wins.
        assert _get_start(app, "https, http").status_code == 302


@pytest.mark.parametrize(("count", "forwarded_proto", "secure"), [(0, "https", False), (1, "https", True),
                                                                  (1, "https, http", False)])  # fmt: skip
def test_the_app_sees_only_the_trusted_scheme_and_no_forwarded_header(app_config, sqlite_url, count, forwarded_proto,
                                                                       secure):  # fmt: skip
    from flask import request, url_for

    from tests.conftest import make_app

    app = make_app(sqlite_url, **app_config, TRUSTED_PROXIES=count)
    environ = {"REMOTE_ADDR": PROXY}
    headers = {"X-Forwarded-Proto": forwarded_proto, "X-Forwarded-For": ALICE}
    seen = {}

    @app.get("/scheme-seen")
    def scheme_seen():
        forwarded = [name for name in request.headers.keys() if name.lower().startswith("x-forwarded")]
        seen.update(secure=request.is_secure, external=url_for("pages.start", _external=True), forwarded=forwarded)
        return ""

    app.test_client().get("/scheme-seen", headers=headers, environ_base=environ)
    assert seen["secure"] is secure
    assert seen["external"].startswith("https://" if secure else "http://")
    assert seen["forwarded"] == []
