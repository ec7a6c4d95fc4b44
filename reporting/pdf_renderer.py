"""WeasyPrint, in the PDF render process: a document's HTML to a tagged, accessible PDF file.

Only the render process imports this module (see `reporting.pdf_process`); the web workers never
load WeasyPrint. Its server imports it once: WeasyPrint itself, the font configuration, the print
stylesheet and a first small render, which finds the fonts and readies Pango. Every document is then
rendered in a process forked from that server, which starts with all of it ready.

Documents are A4 with page numbers (print.css and the layout template), declare their language
(`<html lang>`) and title (`<title>`), and are written as PDF/UA so that screen readers can read them.
"""

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from .config import PROJECT_ROOT

DOCUMENTS_DIR = PROJECT_ROOT / "templates" / "referrals" / "documents"
PRINT_STYLESHEET = DOCUMENTS_DIR / "print.css"
PDF_VARIANT = "pdf/ua-1"

# One of each for the server and every render forked from it: without them WeasyPrint makes a new font
# configuration for every document, looks the fonts up again and parses the stylesheet again.
FONTS = FontConfiguration()
STYLESHEET = CSS(filename=str(PRINT_STYLESHEET), font_config=FONTS)
_FIRST_DOCUMENT = '<html lang="en"><title>PDF</title><p>PDF</p></html>'


def render(html: str) -> bytes:
    """A document template's HTML (see `templates/referrals/documents/`) as a tagged PDF/UA file's bytes."""
    document = HTML(string=html, base_url=str(DOCUMENTS_DIR))
    return document.write_pdf(stylesheets=[STYLESHEET], pdf_variant=PDF_VARIANT, font_config=FONTS)


render(_FIRST_DOCUMENT)
