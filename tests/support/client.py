"""Test clients: one that fills in the CSRF token on form posts, as a browser would from the page, and
`ClientRequest` (the `client_request` fixture), which names endpoints, asserts statuses and checks pages."""

import hashlib
import os

from flask import url_for
from flask.testing import FlaskClient
from itsdangerous import URLSafeTimedSerializer

from tests.support.html import parse_page


class CSRFClient(FlaskClient):
    """Adds a valid `csrf_token` to POSTed form data unless the test passes `csrf=False`."""

    def csrf_token(self) -> str:
        app = self.application
        with self.session_transaction() as session:
            raw = session.get("csrf_token")
            if raw is None:
                raw = session["csrf_token"] = hashlib.sha1(os.urandom(64)).hexdigest()
        serializer = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="wtf-csrf-token")
        return serializer.dumps(raw)

    def open(self, *args, csrf: bool = True, **kwargs):
        method = kwargs.get("method", "GET").upper()
        data = kwargs.get("data")
        if csrf and method == "POST" and (data is None or isinstance(data, dict)) and "json" not in kwargs:
            data = dict(data or {})
            data.setdefault("csrf_token", self.csrf_token())
            kwargs["data"] = data
        return super().open(*args, **kwargs)


REDIRECTS = (301, 302, 303, 307, 308)
NO_CONTENT = 204
OPTIONS = {"_data", "_headers", "_content_type", "_environ_base", "_follow_redirects", "_csrf", "_expected_redirect"}


class ClientRequest:
    """Requests by endpoint name, as GOV.UK Notify's tests make them: each asserts the status it expects,
    and every HTML page it gets is parsed and checked (tests/support/html.py) before the test sees it.

    `get`/`post` return the parsed page, or None for a redirect (checked against `_expected_redirect`
    when given); `get_response`/`post_response` return the response itself, for files and headers.
    Arguments the endpoint's rule does not take become the query string, as with `url_for`. Options, each
    with a leading underscore: `_expected_status` (one, or a tuple of those allowed), `_expected_redirect`
    (the Location), `_follow_redirects`, `_data`, `_content_type`, `_headers`, `_environ_base` (such as
    `{"REMOTE_ADDR": …}`) and `_csrf=False`.
    """

    def __init__(self, client: FlaskClient, auth):
        self.client = client
        self.auth = auth

    def login(self, user):
        return self.auth.login(user)

    def login_as(self, role: str, centre=None):
        """Sign in through the sign-in form as a new user with `role` (at `centre`); returns the user."""
        return self.auth.login_as(role, centre)

    def url_for(self, endpoint: str, **values) -> str:
        with self.client.application.test_request_context():
            return url_for(endpoint, **values)

    def get(self, endpoint: str, _expected_status: int = 200, **options):
        return self.get_url(self._url(endpoint, options), _expected_status, **options)

    def get_url(self, url: str, _expected_status: int = 200, **options):
        return self._page_of(*self._request("GET", url, _expected_status, options))

    def post(self, endpoint: str, _expected_status: int | None = None, **options):
        return self.post_url(self._url(endpoint, options), _expected_status, **options)

    def post_url(self, url: str, _expected_status: int | None = None, **options):
        return self._page_of(*self._request("POST", url, self._post_status(_expected_status, options), options))

    def get_response(self, endpoint: str, _expected_status: int = 200, **options):
        return self.get_response_from_url(self._url(endpoint, options), _expected_status, **options)

    def get_response_from_url(self, url: str, _expected_status: int = 200, **options):
        return self._request("GET", url, _expected_status, options)[0]

    def post_response(self, endpoint: str, _expected_status: int | None = None, **options):
        return self.post_response_to_url(self._url(endpoint, options), _expected_status, **options)

    def post_response_to_url(self, url: str, _expected_status: int | None = None, **options):
        return self._request("POST", url, self._post_status(_expected_status, options), options)[0]

    @staticmethod
    def _post_status(expected: int | None, options: dict) -> int:
        """A POST is expected to answer 200, or 302 when a redirect is expected, unless the test says."""
        if expected is not None:
            return expected
        return 302 if options.get("_expected_redirect") else 200

    def _url(self, endpoint: str, options: dict) -> str:
        """The endpoint's address from the options that are not the request's own (`_data`, `_headers`, …)."""
        values = {name: options.pop(name) for name in list(options) if not name.startswith("_")}
        return self.url_for(endpoint, **values)

    def _request(self, method: str, url: str, expected_status: int | tuple[int, ...], options: dict) -> tuple:
        """(response, page): the status and any expected redirect asserted, an HTML page parsed and checked."""
        unknown = set(options) - OPTIONS
        assert not unknown, f"unknown options {sorted(unknown)}; the options are {sorted(OPTIONS)}"
        passed = {name[1:]: options[name] for name in ("_data", "_headers", "_content_type", "_environ_base")
                  if name in options}  # fmt: skip
        response = self.client.open(
            url,
            method=method,
            follow_redirects=options.get("_follow_redirects", False),
            csrf=options.get("_csrf", True),
            **passed,
        )
        allowed = expected_status if isinstance(expected_status, tuple) else (expected_status,)
        assert response.status_code in allowed, (
            f"{method} {url}: expected {expected_status}, got {response.status_code} {response.location or ''}"
        )
        expected_redirect = options.get("_expected_redirect")
        if expected_redirect is not None:
            assert response.location == expected_redirect, f"{method} {url} went to {response.location}"
        return response, self._checked_page(response)

    def _checked_page(self, response):
        """The page, parsed and checked; None for a redirect, No Content, or a response that is not HTML."""
        if response.status_code in (*REDIRECTS, NO_CONTENT) or response.mimetype != "text/html":
            return None
        return parse_page(response, self.client.application)

    @staticmethod
    def _page_of(response, page):
        if page is None and response.status_code not in (*REDIRECTS, NO_CONTENT):
            raise AssertionError(f"not a page but {response.mimetype}: use get_response or post_response")
        return page
