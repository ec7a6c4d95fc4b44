"""A small HTTP client for setting the scene the way a browser would: cookies, CSRF tokens, redirects seen.

Used to sign in, to fill in a report step by step, and to time single pages; the loads themselves
come from `wrk` (bench/wrk.py) or Locust (the load test).
"""

import http.client
import re
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')


@dataclass
class Answer:
    status: int
    location: str | None
    body: str
    seconds: float


class Browser:
    """One person's browser: keeps its cookies and one keep-alive connection to the server."""

    def __init__(self, base_url: str, source: str | None = None, tls=None, headers: dict | None = None) -> None:
        """`source`: the loopback address to connect from (each looks like another visitor to a proxy); `tls`: an
        `ssl.SSLContext` for an https `base_url`; `headers`: sent with every request (as a proxy would add)."""
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.cookies: dict[str, str] = {}
        self.headers = dict(headers or {})
        source_address = (source, 0) if source else None
        if parts.scheme == "https":
            self._connection = http.client.HTTPSConnection(self.host, self.port, timeout=120, context=tls,
                                                           source_address=source_address)  # fmt: skip
        else:
            self._connection = http.client.HTTPConnection(self.host, self.port, timeout=120,
                                                          source_address=source_address)  # fmt: skip

    @property
    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def request(self, method: str, path: str, form: dict | None = None, headers: dict | None = None) -> Answer:
        headers = {**self.headers, **(headers or {}), **({"Cookie": self.cookie_header} if self.cookies else {})}
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        start = time.perf_counter()
        self._connection.request(method, path, body=body, headers=headers)
        response = self._connection.getresponse()
        content = response.read()
        seconds = time.perf_counter() - start
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        self.last_headers = response.headers
        location = response.headers.get("Location")
        if location and location.startswith("http"):
            location = urlsplit(location)._replace(scheme="", netloc="").geturl()
        self.last_body = content
        return Answer(response.status, location, content.decode("utf-8", "replace"), seconds)

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def post(self, path: str, form: dict | None = None, token_from: str | None = None) -> Answer:
        """POST `form` with the CSRF token of the page at `token_from` (default: the same path)."""
        token = self.csrf_token(token_from or path)
        return self.request("POST", path, {**(form or {}), "csrf_token": token})

    def csrf_token(self, path: str) -> str:
        page = self.get(path)
        found = CSRF.search(page.body)
        if not found:
            raise RuntimeError(f"no CSRF token on {path} ({page.status})")
        return found.group(1) or found.group(2)

    def sign_in(self, email: str, password: str) -> None:
        answer = self.post("/sign-in", {"email": email, "password": password})
        if answer.status != 302:
            raise RuntimeError(f"could not sign in as {email} ({answer.status})")

    def close(self) -> None:
        self._connection.close()
