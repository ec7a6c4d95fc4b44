"""The PDF service: renders a document template with the print stylesheet to a tagged, accessible PDF.

Documents are A4 with page numbers (print.css and the layout template), declare their language
(`<html lang>`) and title (`<title>`), and are written as PDF/UA so that screen readers can read
them. WeasyPrint is imported once, when the app loads, not on every request.
"""

import gc
import re
from contextlib import contextmanager
from functools import cache

from flask import render_template
from flask_babel import get_locale
from markupsafe import Markup
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from ..config import PROJECT_ROOT

DOCUMENTS_DIR = PROJECT_ROOT / "templates" / "referrals" / "documents"
PRINT_STYLESHEET = DOCUMENTS_DIR / "print.css"
PDF_VARIANT = "pdf/ua-1"
_COUNTER = re.compile(r"%\((pages|page)\)s")


# Made once per process, when the app loads (each gunicorn worker): without it WeasyPrint makes a new
# font configuration for every document and looks the fonts up again.
FONTS = FontConfiguration()


@cache
def print_stylesheet() -> CSS:
    """Parsed once per process: the stylesheet never changes while the app runs."""
    return CSS(filename=str(PRINT_STYLESHEET), font_config=FONTS)


def render_pdf(template: str, **context) -> bytes:
    """Render a document template with the print stylesheet to a PDF's bytes."""
    return html_to_pdf(render_template(template, **context))


def html_to_pdf(html: str) -> bytes:
    """A document template's HTML (see `templates/referrals/documents/`) as a tagged PDF/UA file's bytes."""
    document = HTML(string=html, base_url=str(DOCUMENTS_DIR))
    with _older_objects_left_out_of_collections():
        return document.write_pdf(stylesheets=[print_stylesheet()], pdf_variant=PDF_VARIANT, font_config=FONTS)


@contextmanager
def _older_objects_left_out_of_collections():
    """Keep the objects that exist before a render out of the cyclic collector's passes while it runs.

    WeasyPrint makes enough long-lived objects to set off dozens of full collections in a render, and each
    walked every object in the worker (the app, its libraries, the request): about 0.9 s of a 3.3 s review
    pack. Frozen, they are skipped; what the render leaves behind is still collected as usual. A worker that
    froze its objects itself (at start-up) is left as it is, since unfreezing would undo that too.
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        # The render's own garbage is collected while the older objects are still left out (a short pass),
        # so it is not frozen into the next render and held through it.
        gc.collect()
        gc.unfreeze()


def css_string(text: str) -> Markup:
    """`text` as a quoted CSS string, safe inside a `<style>` element."""
    escaped = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("<", "\\3c ")
    return Markup(f'"{escaped}"')


def page_counter(pattern: str) -> Markup:
    """CSS `content` for a translated "Page %(page)s of %(pages)s", in the translation's word order."""
    pieces = _COUNTER.split(str(pattern))
    # `split` with a group alternates text and counter names: text, name, text, name, text.
    parts = [f"counter({piece})" if index % 2 else css_string(piece) for index, piece in enumerate(pieces) if piece]
    return Markup(" ".join(parts))


def isolate(text) -> str:
    """Keep a left-to-right run (reference, phone number, web address) in order inside right-to-left text.

    Wraps it in Unicode's LEFT-TO-RIGHT ISOLATE and POP DIRECTIONAL ISOLATE; a no-op in left-to-right
    documents. Without it the groups of "0800 138 1625" would be shown in reverse order in Arabic.
    """
    text = "" if text is None else str(text)
    locale = get_locale()
    if locale is not None and locale.text_direction == "rtl":
        return f"\u2066{text}\u2069"
    return text
