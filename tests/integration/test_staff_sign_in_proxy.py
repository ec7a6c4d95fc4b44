"""Single sign-on in front of the staff pages, as docs/production.md shows it: its nginx blocks, taken from the
document, on a real nginx in front of every route of the app, with a stand-in for oauth2-proxy. Without the
provider's sign-in every staff route goes to the provider and every public route reaches the app; with it,
every route reaches the app."""

import re
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from werkzeug.routing import AnyConverter, IntegerConverter

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "production.md"
SECTION = "## Single sign-on or a second factor for staff"
SIGNED_IN = "_oauth2_proxy=signed-in"
# Public in the app, yet for staff only: the staff sign-in page goes behind the council's sign-in too.
STAFF_THOUGH_PUBLIC = {"/sign-in"}


def _documented_blocks() -> tuple[str, str]:
    text = GUIDE.read_text()
    section = text[text.index(SECTION) :]
    blocks = re.findall(r"```nginx\n(.*?)```", section, flags=re.S)
    assert len(blocks) == 2, "the section shows the map and the server's blocks"
    return blocks[0], blocks[1]


class _Answer(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def _reply(self, status: int, body: str) -> None:
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class _App(_Answer):
    def _any(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._reply(200, f"app {self.path}")

    do_GET = do_POST = _any


class _OAuth2Proxy(_Answer):
    def do_GET(self) -> None:
        if self.path.startswith("/oauth2/auth"):
            self._reply(202 if SIGNED_IN in (self.headers.get("Cookie") or "") else 401, "")
        else:
            self._reply(200, f"provider {self.path}")


def _serve(handler) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _configuration(folder: Path, port: int, app_port: int, proxy_port: int) -> Path:
    http_block, server_block = _documented_blocks()
    server_block = server_block.replace("127.0.0.1:4180", f"127.0.0.1:{proxy_port}")
    temporary = "\n".join(f"    {kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi",
                                                                                "uwsgi", "scgi"))  # fmt: skip
    main = folder / "nginx.conf"
    main.write_text(f"""
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} warn;
events {{}}
http {{
    access_log off;
{temporary}
{http_block}
    server {{
        listen 127.0.0.1:{port};
{server_block}
        location / {{
            proxy_pass http://127.0.0.1:{app_port};
        }}
    }}
}}
""")
    return main


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    binary = shutil.which("nginx") or next((path for path in ("/usr/sbin/nginx",) if Path(path).exists()), None)
    if binary is None:
        pytest.skip("nginx is not installed")
    folder = tmp_path_factory.mktemp("staff-sign-in")
    app, oauth2_proxy, port = _serve(_App), _serve(_OAuth2Proxy), _free_port()
    main = _configuration(folder, port, app.server_port, oauth2_proxy.server_port)
    checked = subprocess.run([binary, "-t", "-q", "-p", str(folder), "-c", str(main)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen([binary, "-p", str(folder), "-c", str(main), "-g", "daemon off;"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
        app.shutdown()
        oauth2_proxy.shutdown()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _request(base: str, path: str, method: str, cookie: str | None) -> tuple[int, str, str]:
    data = b"x=1" if method == "POST" else None
    request = urllib.request.Request(
        base + path, data=data, method=method, headers={"Cookie": cookie} if cookie else {}
    )
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.read().decode(), ""
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), (error.headers.get("Location") or "").removeprefix(base)


def _every_route(app) -> list[tuple[str, str, bool]]:
    """(path, method, for staff only) for every route of the app, with sample values in its placeholders."""
    routes = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda rule: rule.rule):
        if rule.endpoint == "static":
            routes.append(("/static/css/app.css", "GET", False))
            continue
        values = {}
        for name, converter in rule._converters.items():
            if isinstance(converter, IntegerConverter):
                values[name] = 1
            elif isinstance(converter, AnyConverter):
                values[name] = sorted(converter.items)[0]
            else:
                values[name] = "HR-7K3M-Q9XC"
        path = rule.build(values, append_unknown=False)[1]
        access = getattr(app.view_functions[rule.endpoint], "access", None)
        staff = access != "public" or path in STAFF_THOUGH_PUBLIC
        for method in sorted(rule.methods & {"GET", "POST"}):
            routes.append((path, method, staff))
    return routes


def test_staff_routes_go_to_the_provider_and_public_ones_reach_the_app(app, proxy):
    wrong = []
    routes = _every_route(app)
    assert any(staff for *_, staff in routes) and any(not staff for *_, staff in routes)
    for path, method, staff in routes:
        status, body, location = _request(proxy, path, method, cookie=None)
        if staff and not (status == 302 and location.startswith("/oauth2/start?rd=/")):
            wrong.append(f"{method} {path}: staff only, yet answered {status} {body[:40]!r}")
        if not staff and not (status == 200 and body.startswith("app ")):
            wrong.append(f"{method} {path}: public, yet answered {status} {location}")
    assert not wrong, "\n".join(wrong)


def test_after_the_providers_sign_in_every_route_reaches_the_app(app, proxy):
    wrong = []
    for path, method, _staff in _every_route(app):
        status, body, _ = _request(proxy, path, method, cookie=SIGNED_IN)
        if not (status == 200 and body.startswith("app ")):
            wrong.append(f"{method} {path}: {status}")
    assert not wrong, "\n".join(wrong)


def test_the_sign_in_returns_to_the_page_asked_for(proxy):
    status, _, location = _request(proxy, "/reports/?status=received", "GET", cookie=None)
    assert status == 302 and location == "/oauth2/start?rd=/reports/?status=received"
    status, body, _ = _request(proxy, location, "GET", cookie=None)
    assert status == 200 and body.startswith("provider /oauth2/start")
