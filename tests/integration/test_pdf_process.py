"""PDFs are rendered in a process of their own: the web worker never loads WeasyPrint, and a render
that fails or overruns ends with a clear error, not a stuck or crashed worker."""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reporting import pdf_process
from tests.support.pdf import needs_poppler, pdftotext

ROOT = Path(__file__).resolve().parents[2]
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


def test_a_document_weasyprint_cannot_render_gives_a_render_error_with_the_reason():
    with pytest.raises(pdf_process.RenderError, match="WeasyPrint could not render the PDF: TypeError"):
        pdf_process.render(None)
    assert pdf_process.render(DOCUMENT).startswith(b"%PDF"), "the next document renders as usual"


def test_a_render_that_overruns_is_stopped_with_a_render_error():
    long_document = "<html lang='en'><title>Long</title>" + "<table>" + "<tr><td>cell</td></tr>" * 3000 + "</table>"
    with pytest.raises(pdf_process.RenderError, match="took longer than 0.2 s"):
        pdf_process.render_measured(long_document, timeout=0.2)
    assert pdf_process.render(DOCUMENT).startswith(b"%PDF"), "the next document renders as usual"
