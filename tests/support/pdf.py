"""Reading PDFs in tests the way a recipient's software does: real text extraction and metadata.

`pdftotext`, `pdfinfo`, `pdffonts` and `pdftoppm` come from poppler-utils; `pypdf` reads the document catalogue.
Bidi control characters that extraction inserts (or that isolate left-to-right runs) are stripped,
and text is NFKC-normalised with whitespace collapsed, so sentences can be compared as written.
"""

import html
import io
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Arabic vowel marks are extracted apart from their letters, and punctuation between right-to-left and
# left-to-right runs lands on either side of a space: `words` compares the words, in order, without them.
ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670]")
PUNCTUATION = re.compile(r"[.,:;!?()\u060c\u061b\u061f\u06d4]")
POPPLER = all(shutil.which(tool) for tool in ("pdftotext", "pdfinfo", "pdffonts", "pdftoppm"))

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


def pdftotext_page(data: bytes, page: int) -> str:
    """The text of one page (from 1), normalised, as poppler extracts it."""
    return normalise(_poppler("pdftotext", data, "-f", str(page), "-l", str(page), "-enc", "UTF-8"))


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


@dataclass(frozen=True)
class Word:
    """A word as poppler lays it out: its page (from 1) and its box in points from the page's top left."""

    page: int
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: "Word") -> bool:
        """Whether the two words are drawn over each other. A word's box runs from the font's ascent to its
        descent, so the boxes of lines set close together touch: only half a line's height counts."""
        across = min(self.x1, other.x1) - max(self.x0, other.x0)
        down = min(self.y1, other.y1) - max(self.y0, other.y0)
        return self.page == other.page and across > 0.5 and down > min(self.y1 - self.y0, other.y1 - other.y0) / 2


def word_boxes(data: bytes) -> list[Word]:
    """Every word of the document with its page and box, in reading order (`pdftotext -bbox`)."""
    xhtml = _poppler("pdftotext", data, "-bbox", "-enc", "UTF-8")
    found = []
    for number, page in enumerate(re.findall(r"<page\b.*?</page>", xhtml, re.S), start=1):
        for x0, y0, x1, y1, text in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page
        ):
            found.append(Word(number, html.unescape(text), float(x0), float(y0), float(x1), float(y1)))
    return found


def page_image(data: bytes, page: int, dpi: int = 144) -> Image.Image:
    """One page drawn as poppler draws it for the screen, in RGB; a point is `dpi / 72` pixels."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(data)
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
                        str(path), str(Path(folder) / "page")], capture_output=True, check=True)  # fmt: skip
        with Image.open(Path(folder) / "page.png") as image:
            return image.convert("RGB")
