"""Reading PDFs in tests the way a recipient's software does: real text extraction and metadata.

`pdftotext`, `pdfinfo` and `pdffonts` come from poppler-utils; `pypdf` reads the document catalogue.
Bidi control characters that extraction inserts (or that isolate left-to-right runs) are stripped,
and text is NFKC-normalised with whitespace collapsed, so sentences can be compared as written.
"""

import io
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Arabic vowel marks are extracted apart from their letters, and punctuation between right-to-left and
# left-to-right runs lands on either side of a space: `words` compares the words, in order, without them.
ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670]")
PUNCTUATION = re.compile(r"[.,:;!?()\u060c\u061b\u061f\u06d4]")
POPPLER = all(shutil.which(tool) for tool in ("pdftotext", "pdfinfo", "pdffonts"))

# Skipped without poppler-utils, except in CI (`CI=true`), where the PDF tests are mandatory.
needs_poppler = pytest.mark.skipif(
    not POPPLER and os.environ.get("CI") != "true", reason="poppler-utils (pdftotext, pdfinfo, pdffonts) not installed"
)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", BIDI_CONTROLS.sub("", text))
    return " ".join(text.split())


def words(text: str) -> str:
    """`text` as its words in order, for comparing right-to-left sentences with what extraction gives."""
    return " ".join(PUNCTUATION.sub(" ", ARABIC_MARKS.sub("", normalise(text))).split())


def _poppler(tool: str, data: bytes, *args: str) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(data)
        result = subprocess.run([tool, *args, str(path), *(["-"] if tool == "pdftotext" else [])],
                                capture_output=True, text=True, check=True)  # fmt: skip
        return result.stdout


def pdftotext(data: bytes) -> str:
    """All the text, normalised, as poppler extracts it."""
    return normalise(_poppler("pdftotext", data, "-enc", "UTF-8"))


def pypdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return normalise(" ".join(page.extract_text() or "" for page in reader.pages))


def pdfinfo(data: bytes) -> dict[str, str]:
    lines = _poppler("pdfinfo", data, "-enc", "UTF-8").splitlines()
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in lines)}


def font_names(data: bytes) -> set[str]:
    """Embedded font names without the subset prefix, for example `Noto-Naskh-Arabic`."""
    rows = _poppler("pdffonts", data).splitlines()[2:]
    return {row.split()[0].split("+", 1)[-1] for row in rows if row.strip()}


def catalogue(data: bytes) -> dict:
    """What the document catalogue declares: language, tagging, title, page sizes."""
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    return {
        "lang": str(root.get("/Lang", "")),
        "marked": bool(root.get("/MarkInfo", {}).get("/Marked")),
        "has_structure": "/StructTreeRoot" in root,
        "display_title": bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle")),
        "title": (reader.metadata or {}).get("/Title", ""),
        "page_sizes": {(round(page.mediabox.width), round(page.mediabox.height)) for page in reader.pages},
        "pages": len(reader.pages),
    }
