"""The shipped deployment's files (deploy/): nginx's body limits are the app's table route by route, no POST is sent
to a second server, the access log holds no token or search (checked on a real nginx), the example environment
file lists every setting the app reads, and gunicorn's configuration checks the settings before serving.
"""

import json
import os
import re
import ssl
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from reporting.body_limits import request_kind

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "deploy" / "nginx" / "reporting.conf"
ENV_EXAMPLE = ROOT / "deploy" / "reporting.env.example"
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"
SIZE_UNITS = {"": 1, "k": 1024, "m": 1024 * 1024, "g": 1024 * 1024 * 1024}


# A small reading of nginx's configuration: directives, their arguments and blocks.


@dataclass
class Directive:
    name: str
    args: list[str]
    block: list["Directive"] | None = field(default=None)

    def find(self, name: str) -> list["Directive"]:
        return [each for each in self.block or [] if each.name == name]

    def value(self, name: str) -> str | None:
        found = self.find(name)
        return found[0].args[0] if found else None


def parse(text: str) -> list[Directive]:
    text = "\n".join(re.sub(r"(^|\s)#.*$", "", line) for line in text.splitlines())
    tokens = re.findall(r'"(?:[^"\\]|\\.)*"|[{};]|[^\s{};"]+', text)
    stack: list[list[Directive]] = [[]]
    words: list[str] = []
    for token in tokens:
        if token == ";":
            stack[-1].append(Directive(words[0], words[1:]))
            words = []
        elif token == "{":
            directive = Directive(words[0], words[1:], [])
            stack[-1].append(directive)
            stack.append(directive.block)
            words = []
        elif token == "}":
            stack.pop()
        else:
            words.append(token.strip('"'))
    return stack[0]


def https_server(directives: list[Directive]) -> Directive:
    return next(d for d in directives if d.name == "server" and any("ssl" in each.args for each in d.find("listen")))


def size(text: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([kKmMgG]?)", text).groups()
    return int(number) * SIZE_UNITS[unit.lower()]


def location_for(server: Directive, path: str) -> Directive | None:
    """The location nginx picks for `path`: exact, then the longest prefix unless a regex matches (nginx's rules)."""
    locations = [(d.args[:-1][0] if len(d.args) == 2 else "", d.args[-1], d) for d in server.find("location")]
    for modifier, pattern, location in locations:
        if modifier == "=" and pattern == path:
            return location
    prefixes = [(pattern, location, modifier) for modifier, pattern, location in locations
                if modifier in ("", "^~") and path.startswith(pattern)]  # fmt: skip
    best = max(prefixes, key=lambda found: len(found[0]), default=None)
    if best and best[2] == "^~":
        return best[1]
    for modifier, pattern, location in locations:
        if modifier in ("~", "~*") and re.search(pattern, path, re.IGNORECASE if modifier == "~*" else 0):
            return location
    return best[1] if best else None


def nginx_limit(server: Directive, path: str) -> int:
    location = location_for(server, path)
    value = (location and location.value("client_max_body_size")) or server.value("client_max_body_size")
    return size(value)


# Every route of the app, with example addresses


def _slugs() -> set[str]:
    from reporting.intake.forms import STEPS
    from reporting.selfreport.flows import FLOWS

    return set(STEPS) | {page.slug for flow in FLOWS.values() for page in flow.pages} | {"check-answers"}


EXAMPLES = {"reference": ["HR-2345-6789"], "code": ["sale-library"], "token": ["k3Jd8sLq0pXz7TgB2vYw"],
            "month": ["2026-01"], "filename": ["css/app.css"]}  # fmt: skip


def example_paths(app) -> list[tuple[str, str]]:
    """An address of every route (every value of a choice or a step), with a method it takes (POST if any)."""
    adapter = app.url_map.bind("localhost")
    paths = set()
    for rule in app.url_map.iter_rules():
        combinations = [{}]
        for name in rule.arguments:
            converter = rule._converters[name]
            if hasattr(converter, "items"):
                values = sorted(converter.items)
            elif type(converter).__name__ == "IntegerConverter":
                values = [1]
            else:
                values = sorted(_slugs()) if name == "slug" else EXAMPLES.get(name, ["x"])
            combinations = [{**each, name: value} for each in combinations for value in values]
        if rule.endpoint == "static":
            continue  # nginx serves static files itself
        method = "POST" if "POST" in rule.methods else "GET"
        for values in combinations:
            paths.add((adapter.build(rule.endpoint, values, method=method), method))
    return sorted(paths)


def test_nginx_gives_every_route_the_body_limit_of_its_kind_in_the_apps_table(app):
    server = https_server(parse(SITE.read_text()))
    limits = app.config["BODY_LIMITS"]
    checked, wrong = 0, []
    for path, method in example_paths(app):
        with app.test_request_context(path, method=method, base_url="https://localhost"):
            kind = request_kind()
        checked += 1
        if nginx_limit(server, path) != limits[kind]:
            wrong.append(f"{path}: nginx {nginx_limit(server, path)}, app {kind} {limits[kind]}")
    assert checked > 100
    assert not wrong, "\n".join(wrong)


def test_each_kind_of_route_in_use_has_its_limit_in_nginx_and_the_proxy_stores_at_most_the_largest(app):
    server = https_server(parse(SITE.read_text()))
    values = {size(d.value("client_max_body_size")) for d in server.find("location") if d.value("client_max_body_size")}
    values.add(size(server.value("client_max_body_size")))
    kinds = set()
    for path, method in example_paths(app):
        with app.test_request_context(path, method=method):
            kinds.add(request_kind())
    assert values == {app.config["BODY_LIMITS"][kind] for kind in kinds}


def test_no_request_is_sent_to_a_second_server_once_the_first_had_it_and_servers_are_health_checked():
    directives = parse(SITE.read_text())
    everywhere = [d for each in directives for d in [each, *(each.block or [])] for d in [d, *(d.block or [])]]
    assert not [d for d in everywhere if d.name == "proxy_next_upstream" and "non_idempotent" in d.args]
    server = https_server(directives)
    assert server.find("proxy_next_upstream")[0].args == ["error", "timeout"]
    upstream = next(d for d in directives if d.name == "upstream")
    servers = upstream.find("server")
    assert len(servers) >= 2
    assert all(any(a.startswith("max_fails=") for a in s.args) and any(a.startswith("fail_timeout=") for a in s.args)
               for s in servers)  # fmt: skip
    headers = {d.args[0]: d.args[1] for d in server.find("proxy_set_header")}
    assert headers["X-Forwarded-For"] == "$proxy_add_x_forwarded_for" and headers["X-Forwarded-Proto"] == "$scheme"
    redirect = next(d for d in directives if d.name == "server" and d is not server)
    assert redirect.find("location")[0].find("return")[0].args == ["301", "https://$host$request_uri"]


def test_the_log_format_has_no_raw_request_line_or_referrer():
    log_format = next(d for d in parse(SITE.read_text()) if d.name == "log_format")
    written = " ".join(log_format.args)
    assert "$request " not in written and "$request_uri" not in written and "$args" not in written
    assert "$http_referer" not in written and "$http_cookie" not in written
    assert "$reporting_log_path$reporting_log_query" in written


# The access log on a real nginx


class Answer200(BaseHTTPRequestHandler):
    asked: list[tuple[str, str, str | None]] = []  # (method, path, Content-Length) of each request that came through

    def do_GET(self):  # noqa: N802 - the server's own name
        Answer200.asked.append((self.command, self.path, self.headers.get("Content-Length")))
        too_large = self.path == "/request-too-large"
        self.send_response(413 if too_large else 200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"What you sent is too large" if too_large else b"ok")

    def log_message(self, *args):
        pass


SECRET_ADDRESSES = [
    "/follow-up/Secr3tT0kenAbc",
    "/follow-up/Secr3tT0kenAbc?lang=ur",
    "/follow-up%2FSecr3tT0kenDef",
    "/follow-up/Secr3tT0ken%47hi",
    "/centres?postcode=M33+7ZF",
    "/centres?postcode=M33%207ZF&lang=pl",
    "/reports/find?reference=HR-2345-6789",
    "/audit?user=someone%40example.org",
    "/language/ur?next=%2Fcentres%3Fpostcode%3DM33%2B7ZF",
    "/sign-in?next=%2Freports%2FHR-2345-6789",
]
SECRETS = ["Secr3t", "M33", "7ZF", "HR-2345", "someone", "example.org"]


@pytest.fixture
def nginx_in_front(tmp_path):
    pytest.importorskip("cryptography")
    from bench.deployment import nginx, nginx_binary

    try:
        nginx_binary()
    except FileNotFoundError:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip("nginx is not installed")
    upstream = ThreadingHTTPServer(("127.0.0.1", 0), Answer200)
    thread = threading.Thread(target=upstream.serve_forever, daemon=True)
    thread.start()
    try:
        with nginx(tmp_path / "nginx", [f"127.0.0.1:{upstream.server_port}"]) as proxy:
            yield proxy
    finally:
        upstream.shutdown()
        upstream.server_close()


def _get(proxy, path: str, headers: dict | None = None) -> int:
    context = ssl.create_default_context(cafile=str(proxy.certificate))
    request = urllib.request.Request(proxy.base_url + path, headers=headers or {})
    try:
        with urllib.request.urlopen(request, context=context, timeout=10) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def _log_once_written(proxy, lines: int) -> str:
    """The access log once it holds `lines` lines: nginx writes a request's line after its answer has gone."""
    deadline = time.monotonic() + 5
    log = proxy.access_log.read_text()
    while len(log.splitlines()) < lines and time.monotonic() < deadline:
        time.sleep(0.05)
        log = proxy.access_log.read_text()
    return log


def test_the_access_log_masks_follow_up_tokens_searches_and_links_back_to_them(nginx_in_front):
    for path in SECRET_ADDRESSES:
        assert _get(nginx_in_front, path, {"Referer": "https://x.example/follow-up/Secr3tT0kenRef?postcode=M33"}) == 200
    assert _get(nginx_in_front, "/follow-up/thank-you") == 200
    log = _log_once_written(nginx_in_front, len(SECRET_ADDRESSES) + 1)
    assert len(log.splitlines()) == len(SECRET_ADDRESSES) + 1
    assert not [secret for secret in SECRETS if secret in log], log
    assert log.count('"GET /follow-up/[token] HTTP/1.1"') == 3
    assert log.count('"GET /follow-up/[token]?[query not logged] HTTP/1.1"') == 1
    assert log.count('"GET /centres?[query not logged] HTTP/1.1"') == 2
    assert '"GET /reports/find?[query not logged] HTTP/1.1"' in log
    assert '"GET /follow-up/thank-you HTTP/1.1"' in log
    assert "upstream=127.0.0.1:" in log


def test_a_static_files_version_stays_in_the_log_and_its_cache_lifetime_follows_it(nginx_in_front):
    context = ssl.create_default_context(cafile=str(nginx_in_front.certificate))
    headers = {}
    for path in ("/static/css/app.css?v=0123456789ab", "/static/css/app.css"):
        request = urllib.request.Request(nginx_in_front.base_url + path, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, context=context, timeout=10) as answer:
            headers[path] = (answer.headers["Cache-Control"], answer.headers["Content-Encoding"])
    assert headers == {"/static/css/app.css?v=0123456789ab": ("public, max-age=31536000, immutable", "gzip"),
                       "/static/css/app.css": ("no-cache", "gzip")}  # fmt: skip
    assert '"GET /static/css/app.css?v=0123456789ab HTTP/1.1" 200' in _log_once_written(nginx_in_front, 2)


# The example environment file and gunicorn's configuration

RECORD_READS = """
import json, os, sys
ROOT = sys.argv[1]
read = set()

class Recording(dict):
    def _note(self, name):
        caller = sys._getframe(2).f_code.co_filename
        if caller.startswith(os.path.join(ROOT, "reporting")):
            read.add(name)

    def get(self, name, default=None):
        self._note(name)
        return super().get(name, default)

    def __getitem__(self, name):
        self._note(name)
        return super().__getitem__(name)

    def __contains__(self, name):
        self._note(name)
        return super().__contains__(name)

    def copy(self):
        return dict(self)

os.environ = Recording(os.environ)
from reporting import create_app
from reporting.config import CONFIGS
for config in CONFIGS.values():
    config()
create_app()
print(json.dumps(sorted(read)))
"""


def _settings_the_app_reads() -> set[str]:
    environment = {**os.environ, "REPORTING_ENV": "test", "PYTHONPATH": str(ROOT)}
    finished = subprocess.run([sys.executable, "-c", RECORD_READS, str(ROOT)], capture_output=True, text=True,
                              cwd=ROOT, env=environment, check=True, timeout=120)  # fmt: skip
    return set(json.loads(finished.stdout.strip().splitlines()[-1]))


def _listed(path: Path) -> set[str]:
    return set(re.findall(r"^#?([A-Z][A-Z0-9_]+)=", path.read_text(), flags=re.MULTILINE))


def test_the_example_environment_lists_every_setting_the_app_reads():
    read = _settings_the_app_reads() - {"TEST_DATABASE_URL"}  # the test suite's own database
    assert {"DATABASE_URL", "SECRET_KEY", "DATA_ENCRYPTION_KEYS", "RATELIMIT_STORAGE_URI", "TRUSTED_PROXIES"} <= read
    assert read - _listed(ENV_EXAMPLE) == set()


def test_every_setting_in_the_example_environment_is_documented():
    documented = (ROOT / "docs" / "configuration.md").read_text()
    gunicorn = set(re.findall(r'os\.environ\.get\("([A-Z_]+)"', GUNICORN_CONF.read_text()))
    assert {"GUNICORN_BIND", "GUNICORN_WORKERS"} <= gunicorn
    settings = _listed(ENV_EXAMPLE) & (_settings_the_app_reads() | gunicorn)
    assert [name for name in sorted(settings) if f"`{name}`" not in documented] == []


def test_the_example_environment_is_for_production_behind_nginx():
    values = dict(re.findall(r"^([A-Z][A-Z0-9_]+)=(.*)$", ENV_EXAMPLE.read_text(), flags=re.MULTILINE))
    assert values["REPORTING_ENV"] == "production"
    assert values["TRUSTED_PROXIES"] == "1"
    assert values["RATELIMIT_STORAGE_URI"].startswith("redis://")
    assert values["DATABASE_URL"].startswith("postgresql+psycopg://")


def test_gunicorns_configuration_checks_the_settings_and_leaves_the_scheme_to_the_app(monkeypatch):
    import runpy

    from reporting.configuration import check_before_serving

    monkeypatch.setenv("GUNICORN_BIND", "127.0.0.1:8001,10.0.0.5:8000")
    settings = runpy.run_path(str(GUNICORN_CONF))
    assert settings["on_starting"] is check_before_serving
    assert settings["bind"] == ["127.0.0.1:8001", "10.0.0.5:8000"]
    assert settings["wsgi_app"] == "reporting:create_app()"
    assert settings["forwarded_allow_ips"] == "" and settings["secure_scheme_headers"] == {}
    assert settings["timeout"] > 120  # a PDF may render for 120 s


def test_a_body_over_its_limit_gets_the_apps_own_page_without_the_body(nginx_in_front):
    """nginx refuses the body before the app sees it, then asks the app (GET, no body) for its page in its place."""
    Answer200.asked.clear()
    context = ssl.create_default_context(cafile=str(nginx_in_front.certificate))
    body = b"account=" + b"x" * (300 * 1024)  # over public_form's 256 KiB
    request = urllib.request.Request(nginx_in_front.base_url + "/check", data=body, method="POST")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, context=context, timeout=10)
    assert refused.value.code == 413
    assert refused.value.read() == b"What you sent is too large"
    assert Answer200.asked == [("GET", "/request-too-large", None)]
    assert _get(nginx_in_front, "/request-too-large") == 404, "the page is nginx's to ask for, not a visitor's"
