"""PDF evidence rewritten on the way in: the pages kept; what could run, hide a file or name a person dropped.

A new document is made from the pages alone, so the document's own parts never come across: its information
dictionary (author, title, software), XMP metadata, /OpenAction and /AA, the JavaScript and embedded-file name
trees and the form (/AcroForm). Within the pages, every dictionary loses /AA, /JS, /Metadata (XMP on the page or
its images), /PieceInfo and embedded file streams; annotations that are form fields, file attachments or media
go; a link keeps only a web, email or in-document target. A PDF that needs a password, or that is not a PDF
with at least one page, is refused.

pypdf is imported by the first PDF that arrives (about 2 MB in a web worker that may never see one).
"""

import io
from urllib.parse import urlsplit

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

# Never needed by a page; the last four belong to a document's catalog, reachable from a page only in a crafted file.
DROPPED_KEYS = ("/AA", "/JS", "/JavaScript", "/Metadata", "/PieceInfo", "/EF", "/RichMediaContent", "/EmbeddedFiles",
                "/OpenAction", "/AcroForm", "/Names")  # fmt: skip
DROPPED_ANNOTATIONS = {"/Widget", "/FileAttachment", "/Screen", "/Movie", "/Sound", "/RichMedia", "/3D"}
KEPT_URI_SCHEMES = {"http", "https", "mailto"}


class PdfRefused(ValueError):
    """A PDF that cannot be cleaned; `reason` is `pdf_encrypted` or `pdf_unreadable`."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def rewrite(data: bytes) -> bytes:
    """The PDF's pages in a new document without metadata, scripts, attachments or forms."""
    try:
        reader = _open(data)
        writer = PdfWriter()
        for page in reader.pages:
            _clean_page(page, page.indirect_reference)
            writer.add_page(page)
        out = io.BytesIO()
        writer.write(out)
    except PdfRefused:
        raise
    except Exception:  # pypdf raises many kinds of error on a broken or hostile file
        raise PdfRefused("pdf_unreadable") from None
    return out.getvalue()


def _open(data: bytes) -> PdfReader:
    reader = PdfReader(io.BytesIO(data), strict=False)
    # A PDF locked only against changes opens with an empty password; one that needs a password to read is refused.
    if reader.is_encrypted and not reader.decrypt(""):
        raise PdfRefused("pdf_encrypted")
    if len(reader.pages) < 1:
        raise PdfRefused("pdf_unreadable")
    return reader


def _clean_page(page: DictionaryObject, stored: IndirectObject | None) -> None:
    """Clean the page and everything it refers to, in place, before it is copied into the new document.

    `page` is pypdf's copy of the `stored` page dictionary; both are cleaned, as references may lead to either.
    Everything that copying the page could bring across is reached, so nothing uncleaned is written even unused."""
    seen: set[tuple[int, int]] = set()
    waiting = [page] + ([stored] if stored is not None else [])
    while waiting:
        item = waiting.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            _clean_dictionary(item)
            waiting.extend(item.values())
        elif isinstance(item, ArrayObject):
            waiting.extend(item)


def _clean_dictionary(item: DictionaryObject) -> None:
    for key in DROPPED_KEYS:
        item.pop(key, None)
    item.pop("/Next", None)  # an action's follow-on action, which could be a script
    if "/A" in item and _is_unsafe_action(item["/A"].get_object()):
        del item["/A"]
    if "/Annots" in item:
        annotations = item["/Annots"].get_object()
        kept = [entry for entry in annotations if _kept_annotation(entry.get_object())]
        item[NameObject("/Annots")] = ArrayObject(kept)


def _kept_annotation(annotation) -> bool:
    return isinstance(annotation, DictionaryObject) and annotation.get("/Subtype") not in DROPPED_ANNOTATIONS


def _is_unsafe_action(action) -> bool:
    """Anything but a link to a web page, an email address or another place in the document."""
    if not isinstance(action, DictionaryObject) or "/S" not in action:
        return False  # not an action: /A has other meanings in a few dictionaries
    if action["/S"] == "/GoTo":
        return False
    return action["/S"] != "/URI" or urlsplit(str(action.get("/URI", ""))).scheme.lower() not in KEPT_URI_SCHEMES
