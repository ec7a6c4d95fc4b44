"""The PDF service: renders a document template to a tagged, accessible PDF in the render process.

The template is filled in here, in the request; WeasyPrint turns the HTML into a PDF in a process of
its own (`reporting.pdf_process`), so a web worker never loads it. The filters below help the
document templates say page numbers and mixed-direction text correctly.
"""

import re

from flask import render_template
from flask_babel import get_locale
from markupsafe import Markup

from .. import pdf_process

_COUNTER = re.compile(r"%\((pages|page)\)s")
_CSS_STRING_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\"'\\<>&]")


def render_pdf(template: str, **context) -> bytes:
    """Render a document template to a PDF's bytes."""
    return html_to_pdf(render_template(template, **context))


def html_to_pdf(html: str) -> bytes:
    """A document template's HTML (see `templates/referrals/documents/`) as a tagged PDF/UA file's bytes."""
    return pdf_process.render(html)


def css_string(text: str) -> Markup:
    """`text` as a quoted CSS string, safe inside a `<style>` element.

    Every character that could end the string or the rule (quotes, backslash, the newlines \\n, \\r and \\f, and
    every other control character), or close the `<style>` element (`<`, `>`, `&`), is written as a CSS escape:
    a backslash, its code in hexadecimal and a space."""
    escaped = _CSS_STRING_UNSAFE.sub(lambda found: f"\\{ord(found.group()):x} ", str(text))
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
