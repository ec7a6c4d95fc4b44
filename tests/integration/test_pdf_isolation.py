"""PDFs cannot reach the network or the server's files: a centre's name cannot break out of the CSS string it is put
in, and WeasyPrint fetches only `data:` URLs and the app's own files, whatever a document asks for."""

import socket
import threading
from datetime import UTC, date, datetime

import pytest

from reporting.config import PROJECT_ROOT
from reporting.domain.periods import Period
from reporting.extensions import db
from reporting.models import Referral
from reporting.referrals import services
from reporting.referrals.pdf import css_string
from reporting.review.figures.pack import render_pack
from tests.support import factories
from tests.support.pdf import needs_poppler, normalise, pdftotext
from tests.support.review_data import add_reports


class Listener:
    """A local listening socket that counts the connections made to it while a PDF renders."""

    def __init__(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while self.running:
            try:
                connection, _ = self.server.accept()
            except TimeoutError:
                continue
            self.connections += 1
            connection.close()

    def close(self) -> int:
        self.running = False
        self.thread.join(5)
        self.server.close()
        return self.connections


@pytest.fixture
def listener():
    started = Listener()
    yield started
    started.close()


def hostile_name(port: int) -> str:
    """A centre name whose form feed would end the CSS string, then close the rule and add a background image."""
    return f"Sale\f;}}}} body {{ background: url(http://127.0.0.1:{port}/pack.png) }} @page {{ @top-left {{ content: 'x"


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Sale Library", '"Sale Library"'),
        ("Sale\fLibrary", '"Sale\\c Library"'),
        ("a\nb\rc\x00d\x7fe", '"a\\a b\\d c\\0 d\\7f e"'),
        ("\"quoted\" 'single' back\\slash", '"\\22 quoted\\22  \\27 single\\27  back\\5c slash"'),
        ("</style><script>", '"\\3c /style\\3e \\3c script\\3e "'),
        ("Caf\u00e9 \u0645\u0631\u0643\u0632", '"Caf\u00e9 \u0645\u0631\u0643\u0632"'),
    ],
)
def test_css_strings_escape_everything_that_could_end_them(text, escaped):
    assert str(css_string(text)) == escaped


@needs_poppler
def test_a_hostile_centre_name_renders_the_review_pack_without_reaching_the_network(app, listener):
    name = hostile_name(listener.port)
    centre = factories.centre("hostile", name, "sale_central")
    add_reports(6, centre, datetime(2025, 5, 2, 9, tzinfo=UTC), ["race"], factories.area())
    db.session.commit()
    with app.test_request_context():
        data = render_pack(db.session, Period(date(2025, 4, 1), date(2025, 9, 30)), "hostile", date(2025, 10, 1))
    assert listener.close() == 0
    assert normalise(name) in pdftotext(data)


@needs_poppler
def test_a_hostile_centre_name_renders_the_referral_without_reaching_the_network(app, listener):
    name = hostile_name(listener.port)
    report = factories.report(factories.centre("hostile", name, "sale_central"), police_consent="named")
    referral = Referral(report=report, recipient="police", method="secure_email")
    db.session.add(referral)
    db.session.commit()
    data = services.referral_document(referral).content
    assert listener.close() == 0
    assert normalise(name) in pdftotext(data)


@pytest.fixture(scope="module")
def renderer():
    from reporting import pdf_renderer

    return pdf_renderer


REFUSED_URLS = [
    "file:///etc/passwd", "file://localhost/etc/passwd", "FILE:/etc/passwd", "file://example.org/etc/passwd",
    f"file://{PROJECT_ROOT}/templates/referrals/documents/../../../pyproject.toml",
    f"file://{PROJECT_ROOT}/reporting/config.py",
    "http://127.0.0.1:9/x.png", "https://example.org/x.css", "ftp://example.org/x",
]  # fmt: skip


@pytest.mark.parametrize("url", REFUSED_URLS)
def test_the_fetcher_refuses_other_files_and_the_network(renderer, url):
    with pytest.raises(ValueError):
        renderer.FETCHER(url)


def test_the_fetcher_serves_the_apps_stylesheet_its_images_and_data_urls(renderer):
    stylesheet = renderer.FETCHER(renderer.PRINT_STYLESHEET.as_uri())
    assert stylesheet.content_type == "text/css" and stylesheet.read() == renderer.PRINT_STYLESHEET.read_bytes()
    image = next(path for path in sorted((renderer.STATIC_DIR / "images").rglob("*")) if path.is_file())
    assert renderer.FETCHER(image.as_uri()).read() == image.read_bytes()
    assert renderer.FETCHER("data:text/plain,hello").read() == b"hello"


def test_a_document_asking_for_the_network_or_the_servers_files_renders_without_them(renderer, listener):
    html = f"""<!DOCTYPE html><html lang="en"><head><title>T</title>
    <link rel="stylesheet" href="http://127.0.0.1:{listener.port}/style.css">
    <style>body {{ background: url(http://127.0.0.1:{listener.port}/bg.png) }}</style></head>
    <body><p>Text</p><img src="http://127.0.0.1:{listener.port}/img.png" alt="">
    <img src="file:///etc/passwd" alt=""><a rel="attachment" href="file:///etc/passwd">passwd</a></body></html>"""
    pdf = renderer.render(html)
    assert listener.close() == 0
    assert pdf.startswith(b"%PDF") and b"root:" not in pdf
