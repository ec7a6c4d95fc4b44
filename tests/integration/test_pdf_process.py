"""PDFs are rendered in a process of their own: the web worker never loads WeasyPrint, and a render
that fails or overruns ends with a clear error, not a stuck or crashed worker."""

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from reporting import pdf_process
from tests.support.pdf import needs_poppler, pdftotext

ROOT = Path(__file__).resolve().parents[2]
# Takes WeasyPrint a few seconds: long enough to stop or end a render while it runs.
LONG_DOCUMENT = "<html lang='en'><title>Long</title><table>" + "<tr><td>cell</td></tr>" * 3000 + "</table>"
DOCUMENT = '<html lang="en"><title>Referral</title><body><h1>Referral to Victim Support</h1></body></html>'


@needs_poppler
def test_a_document_is_rendered_to_a_pdf_by_a_process_of_its_own():
    rendered = pdf_process.render_measured(DOCUMENT)
    assert rendered.pdf.startswith(b"%PDF")
    assert "Referral to Victim Support" in pdftotext(rendered.pdf)
    assert rendered.peak_kb > 10_000  # the render process's own memory, in kB: WeasyPrint is loaded there


def test_the_app_renders_pdfs_without_loading_weasyprint_itself():
    script = textwrap.dedent(f"""
        import sys
        from cryptography.fernet import Fernet
        from reporting import create_app
        from reporting.referrals.pdf import html_to_pdf
        app = create_app({{"REPORTING_ENV": "test", "SQLALCHEMY_DATABASE_URI": "sqlite://",
                           "DATA_ENCRYPTION_KEYS": [Fernet.generate_key().decode()]}})
        with app.test_request_context():
            pdf = html_to_pdf({DOCUMENT!r})
        print(pdf[:4].decode(), "weasyprint" in sys.modules)
    """)
    finished = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr[-2000:]
    assert finished.stdout.split() == ["%PDF", "False"]


def test_the_render_server_loads_weasyprint_without_flask_or_the_database_layer():
    loaded = "{'flask', 'sqlalchemy', 'weasyprint'} & set(sys.modules)"
    # The child ends with os._exit once it has answered: the question is what importing loads, and once (in CI,
    # under load) the native libraries' teardown at interpreter exit crashed after the answer was printed.
    script = f"import os, sys, reporting.pdf_renderer; print(sorted({loaded}), flush=True); os._exit(0)"
    finished = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr[-2000:]
    assert finished.stdout.strip() == "['weasyprint']"


def test_a_document_weasyprint_cannot_render_gives_a_render_error_with_the_reason():
    with pytest.raises(pdf_process.RenderError, match="WeasyPrint could not render the PDF: TypeError"):
        pdf_process.render(None)
    assert pdf_process.render(DOCUMENT).startswith(b"%PDF"), "the next document renders as usual"


def test_a_render_that_overruns_is_stopped_with_a_render_error():
    with pytest.raises(pdf_process.RenderError, match="took longer than 0.2 s"):
        pdf_process.render_measured(LONG_DOCUMENT, timeout=0.2)
    assert pdf_process.render(DOCUMENT).startswith(b"%PDF"), "the next document renders as usual"


def test_a_render_process_that_dies_gives_a_render_error_and_the_next_document_renders():
    pdf_process.render(DOCUMENT)  # the render server is running
    server = next(pid for pid in _children(os.getpid()) if b"forkserver" in Path(f"/proc/{pid}/cmdline").read_bytes())
    outcome = {}

    def render_long():
        try:
            pdf_process.render(LONG_DOCUMENT)
        except pdf_process.RenderError as error:
            outcome["error"] = str(error)

    rendering = threading.Thread(target=render_long)
    rendering.start()
    deadline = time.monotonic() + 30
    children = []
    while not children and time.monotonic() < deadline:
        children = _children(server)
        time.sleep(0.01)
    assert children, "the render process was never started"
    os.kill(children[0], signal.SIGKILL)
    rendering.join(timeout=60)
    assert outcome["error"] == "the PDF render process ended without a PDF (exit code -9)"
    assert pdf_process.render(DOCUMENT).startswith(b"%PDF"), "the next document renders as usual"


def _children(pid: int) -> list[int]:
    tasks = Path(f"/proc/{pid}/task").iterdir()
    return [int(child) for task in tasks for child in (task / "children").read_text().split()]
