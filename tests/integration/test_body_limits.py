"""Request-body limits from one table (`BODY_LIMITS`), by the kind of route, held on the bytes actually read:
a body sent in chunks (no Content-Length) past its limit answers 413 with a page that says what to do, and
nothing of it is stored; bodies within their limits, chunked or not, still work."""

import http.client
import io
import re
from urllib.parse import urlencode, urlsplit

import flask_babel
import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import stream_encode_multipart

from reporting.body_limits import request_kind
from reporting.config import PROJECT_ROOT, Config
from reporting.extensions import db
from reporting.models import EvidenceFile, Report
from tests.support import factories
from tests.support.html import error_summary, parse_page, text_of
from tests.support.intake import start_draft, step_url
from tests.support.live_server import serve
from tests.support.selfreport import start

PUBLIC_LIMIT = Config.BODY_LIMITS["public_form"]
STAFF_LIMIT = Config.BODY_LIMITS["staff_form"]


def post_chunked(client, path: str, body: bytes, content_type: str = "application/x-www-form-urlencoded"):
    """POST `body` as a server such as gunicorn hands a chunked request over: Transfer-Encoding: chunked, and the
    stream marked as ended by the server (`wsgi.input_terminated`). Werkzeug reads no Content-Length then."""
    headers = {"Transfer-Encoding": "chunked", "Content-Type": content_type}
    overrides = {"wsgi.input_terminated": True}
    return client.post(path, input_stream=io.BytesIO(body), headers=headers, environ_overrides=overrides, csrf=False)


def form_body(client, fields: dict, size: int = 0) -> bytes:
    """An urlencoded form with a valid CSRF token, padded with a `filler` field to `size` bytes if given."""
    body = urlencode({"csrf_token": client.csrf_token(), **fields}, doseq=True).encode()
    return body + b"&filler=" + b"x" * max(0, size - len(body) - 8) if size else body


def _reports() -> list[Report]:
    db.session.expire_all()
    return list(db.session.scalars(select(Report)))


def _assert_refusal_page(response) -> None:
    assert response.status_code == 413
    page = parse_page(response)
    assert text_of(page, "h1") == "What you sent is too large"
    assert "nothing from this page has been saved" in page.get_text(" ")


@pytest.fixture
def places(app):
    factories.centre()
    db.session.commit()


# ------------------------------------------------------------------ public forms


def test_a_chunked_body_over_the_public_limit_is_refused_and_nothing_stored(client, places):
    _assert_refusal_page(post_chunked(client, "/report/questions/start", form_body(client, {}, PUBLIC_LIMIT + 1)))
    assert _reports() == []
    location = start(client, "questions")
    big = form_body(client, {"reporter_role": "victim"}, PUBLIC_LIMIT + 1)
    _assert_refusal_page(post_chunked(client, location, big))
    [report] = _reports()
    assert report.reporter_role is None and report.steps_done == []


def test_a_chunked_body_within_the_public_limit_is_taken_whole(client, places):
    location = start(client, "questions")
    within = form_body(client, {"reporter_role": "victim"}, PUBLIC_LIMIT)
    assert post_chunked(client, location, within).status_code == 302
    assert _reports()[0].reporter_role == "victim"


def test_a_body_over_the_public_limit_with_a_content_length_is_refused_before_it_is_read(client, places):
    location = start(client, "questions")
    response = client.post(location, data={"reporter_role": "victim", "filler": "x" * PUBLIC_LIMIT})
    _assert_refusal_page(response)
    assert _reports()[0].reporter_role is None


def _send_chunked_over_http(base: str, path: str, cookie: str, body_start: bytes, total: int) -> int:
    """POST over a real connection in 1 MB chunks, as an attacker would; returns the status the server answers."""
    address = urlsplit(base)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    connection.putrequest("POST", path)
    for name, value in (("Content-Type", "application/x-www-form-urlencoded"), ("Transfer-Encoding", "chunked"),
                        ("Cookie", cookie)):  # fmt: skip
        connection.putheader(name, value)
    connection.endheaders()
    chunk, sent = b"x" * (1024 * 1024), 0
    try:
        connection.send(b"%x\r\n%s\r\n" % (len(body_start), body_start))
        while sent < total:
            connection.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            sent += len(chunk)
        connection.send(b"0\r\n\r\n")
    except OSError:  # the server answered and closed the connection before the end: that is the point
        pass
    status = connection.getresponse().status
    connection.close()
    return status


class CountingInput(io.RawIOBase):
    """The server's input stream, counting the bytes the app reads from it."""

    def __init__(self, stream, counter: list) -> None:
        super().__init__()
        self._stream, self._counter = stream, counter

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._stream.read(len(buffer))
        self._counter.append(len(data))
        buffer[: len(data)] = data
        return len(data)


def test_over_real_http_a_60_mb_chunked_post_to_a_public_form_answers_413(app, places):
    read: list[int] = []
    inner = app.wsgi_app

    def counting(environ, start_response):
        environ["wsgi.input"] = CountingInput(environ["wsgi.input"], read)
        return inner(environ, start_response)

    app.wsgi_app = counting
    with serve(app) as base:
        address = urlsplit(base)
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
        connection.request("GET", "/report/")
        page = connection.getresponse()
        cookie = page.getheader("Set-Cookie").split(";")[0]
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.read().decode()).group(1)
        connection.close()
        body_start = f"csrf_token={token}&website=&filler=".encode()
        status = _send_chunked_over_http(base, "/report/questions/start", cookie, body_start, 60 * 1024 * 1024)
    assert status == 413
    assert sum(read) <= PUBLIC_LIMIT + 1, "the app stops reading as soon as the body passes its limit"
    assert _reports() == []


# ------------------------------------------------------------------ staff forms and evidence


@pytest.fixture
def volunteer_draft(client, auth, places):
    from reporting.models import Centre

    auth.login_as("volunteer", db.session.scalars(select(Centre)).one())
    return start_draft(client)


def test_a_chunked_body_over_the_staff_limit_is_refused_on_a_staff_page(client, volunteer_draft):
    path = step_url(volunteer_draft, "who-is-reporting")
    big = form_body(client, {"reporter_role": "victim"}, STAFF_LIMIT + 1)
    _assert_refusal_page(post_chunked(client, path, big))
    assert _reports()[0].reporter_role is None
    within = form_body(client, {"reporter_role": "victim"}, PUBLIC_LIMIT * 2)  # more than a public page takes
    assert post_chunked(client, path, within).status_code == 302
    assert _reports()[0].reporter_role == "victim"


LIMITS = {**Config.BODY_LIMITS, "staff_form": 100_000, "evidence_upload": 600_000}


def _pdf(size: int) -> bytes:
    from pypdf import PdfWriter

    writer, out = PdfWriter(), io.BytesIO()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Subject": "x" * size})
    writer.write(out)
    return out.getvalue()


def _evidence_upload(client, content: bytes):
    upload = FileStorage(io.BytesIO(content), filename="letter.pdf", content_type="application/pdf")
    fields = {"csrf_token": client.csrf_token(), "action": "upload", "files": upload}
    stream, _length, boundary = stream_encode_multipart(fields)
    return stream.read(), f"multipart/form-data; boundary={boundary}"


def _evidence_count() -> int:
    return db.session.scalar(select(func.count()).select_from(EvidenceFile))


@pytest.mark.parametrize("app_config", [{"BODY_LIMITS": LIMITS, "EVIDENCE_MAX_BYTES": 500_000}])
def test_an_evidence_upload_within_its_limit_still_works_when_chunked(client, volunteer_draft, app_config):
    body, content_type = _evidence_upload(client, _pdf(300_000))
    assert LIMITS["staff_form"] < len(body) < LIMITS["evidence_upload"]
    response = post_chunked(client, step_url(volunteer_draft, "evidence"), body, content_type)
    assert response.status_code == 302
    assert _evidence_count() == 1


@pytest.mark.parametrize("app_config", [{"BODY_LIMITS": LIMITS, "EVIDENCE_MAX_BYTES": 500_000}])
def test_an_evidence_upload_over_its_limit_when_chunked_gets_the_evidence_page_and_stores_nothing(
    client, volunteer_draft, app_config
):
    body, content_type = _evidence_upload(client, _pdf(700_000))
    response = post_chunked(client, step_url(volunteer_draft, "evidence"), body, content_type)
    assert response.status_code == 413
    assert error_summary(parse_page(response)), "the evidence page, with a message by the files field"
    assert _evidence_count() == 0


# ------------------------------------------------------------------ the table


@pytest.mark.parametrize(
    ("path", "method", "kind"),
    [
        ("/report/questions/who-is-reporting", "POST", "public_form"),
        ("/report/easy-read/start", "POST", "public_form"),
        ("/sign-in", "POST", "public_form"),
        (f"/follow-up/{'B' * 43}", "POST", "public_form"),
        ("/no-such-page", "POST", "public_form"),
        ("/intake/HR-AAAA-AAAA/who-is-reporting", "POST", "staff_form"),
        ("/intake/HR-AAAA-AAAA/evidence", "POST", "evidence_upload"),
        ("/intake/HR-AAAA-AAAA/what-happened", "POST", "recording"),
        ("/report/questions/tell-us-what-happened", "POST", "recording"),
        ("/report/easy-read/tell-us-more", "POST", "recording"),
        ("/report/easy-read/pictures-and-files", "POST", "self_report_evidence"),
        ("/intake/start", "POST", "staff_form"),
    ],
)
def test_each_route_takes_the_limit_of_its_kind(app, path, method, kind):
    with app.test_request_context(path, method=method):
        assert request_kind() == kind


def test_the_configuration_docs_show_every_limit_in_the_table():
    documented = (PROJECT_ROOT / "docs" / "configuration.md").read_text()
    for kind in Config.BODY_LIMITS:
        assert f"| `{kind}` |" in documented


def test_the_proxy_in_front_gets_the_refusal_page_in_the_persons_language(client):
    """nginx refuses an oversize body itself and shows this page in its place (deploy/nginx/reporting.conf)."""
    _assert_refusal_page(client.get("/request-too-large"))
    client.set_cookie("lang", "pl")
    flask_babel.refresh()  # the test's app context outlives each request: forget the locale the last one chose
    polish = client.get("/request-too-large")
    assert polish.status_code == 413 and parse_page(polish).html["lang"] == "pl"
    flask_babel.refresh()
    assert text_of(parse_page(client.get("/request-too-large?lang=ur")), "h1") != "What you sent is too large"
