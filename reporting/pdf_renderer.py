"""WeasyPrint, in the PDF render process: a document's HTML to a tagged, accessible PDF file.

Only the render process imports this module (see `reporting.pdf_process`); the web workers never
load WeasyPrint. Its server imports it once: WeasyPrint itself, the font configuration, the print
stylesheet and a first small render, which finds the fonts and readies Pango. Every document is then
rendered in a process forked from that server, which starts with all of it ready.

Documents are A4 with page numbers (print.css and the layout template), declare their language
(`<html lang>`) and title (`<title>`), and are written as PDF/UA so that screen readers can read them.

A document holds text that people typed (a centre's name, a description). Should any of it ever be read as a
URL, WeasyPrint fetches nothing but `data:` URLs and the app's own files (`OwnFilesOnly`): never the network,
never another file on the server.
"""

import mimetypes
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .config import PROJECT_ROOT

DOCUMENTS_DIR = PROJECT_ROOT / "templates" / "referrals" / "documents"
STATIC_DIR = Path(__file__).parent / "static"  # the app's own images, fonts and stylesheets
PRINT_STYLESHEET = DOCUMENTS_DIR / "print.css"
PDF_VARIANT = "pdf/ua-1"


class OwnFilesOnly(URLFetcher):
    """Serves `data:` URLs and files under `roots`; refuses every other URL (`http:`, `https:`, other files)."""

    def __init__(self, *roots: Path):
        super().__init__(timeout=5, allowed_protocols={"data"}, allow_redirects=False)
        self.roots = tuple(root.resolve() for root in roots)

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        if url[:5].lower() != "file:":
            return super().fetch(url, headers)  # `data:` only: other schemes are refused there
        path = self.own_file(url)
        if path is None:
            raise ValueError("not one of the app's own files")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})

    def own_file(self, url: str) -> Path | None:
        """The file a `file:` URL names, if it is one of the app's own; else None."""
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return None
        path = Path(url2pathname(parts.path)).resolve()
        return path if path.is_file() and any(path.is_relative_to(root) for root in self.roots) else None


FETCHER = OwnFilesOnly(STATIC_DIR, DOCUMENTS_DIR)

# One of each for the server and every render forked from it: without them WeasyPrint makes a new font
# configuration for every document, looks the fonts up again and parses the stylesheet again.
FONTS = FontConfiguration()
STYLESHEET = CSS(filename=str(PRINT_STYLESHEET), font_config=FONTS, url_fetcher=FETCHER)
# Rendered once by the server, so that every document forked from it starts with the fonts and faces of
# the documents' own parts (page boxes and counters, headings, tables, bold) already loaded. Warmed with a
# one-line document instead, a referral took 291 ms through its render process against 226 ms rendered in
# place; warmed with this one, 268 ms against 255 ms (medians of 9, this project's 2-core machine).
_FIRST_DOCUMENT = """<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>PDF</title>
<style>@page { @top-center { content: "PDF"; } @bottom-right { content: "Page " counter(page) " of " counter(pages); } }
</style></head><body><header><p class="marking">PDF</p><h1>PDF</h1><div class="document-facts"><p>PDF</p></div></header>
<main><p class="statement">PDF</p><section><h2>PDF</h2><table class="rows"><tr><th scope="row">PDF</th><td>PDF 0123</td>
</tr></table></section><section><h2>PDF</h2><table><thead><tr><th scope="col">PDF</th></tr></thead><tbody><tr><td>1</td>
</tr></tbody></table><ul><li>PDF</li></ul></section></main></body></html>"""


def render(html: str) -> bytes:
    """A document template's HTML (see `templates/referrals/documents/`) as a tagged PDF/UA file's bytes."""
    document = HTML(string=html, base_url=str(DOCUMENTS_DIR), url_fetcher=FETCHER)
    return document.write_pdf(stylesheets=[STYLESHEET], pdf_variant=PDF_VARIANT, font_config=FONTS)


render(_FIRST_DOCUMENT)
