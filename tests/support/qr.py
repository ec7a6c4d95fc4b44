"""Decoding QR codes in tests, the same way every run: from the code as drawn, at a fixed resolution.

A receipt's QR code is an SVG that WeasyPrint draws into the PDF as vector lines, one per run of
dark modules (segno's `h` strokes become `x y+0.5 m … l` in module units). Rendering the page with
pdftoppm and decoding the screenshot failed now and then: modules land on fractions of a pixel,
anti-aliased, and which codes fail depends on the random token. Here the modules are read from the
page's own drawing, redrawn crisp at `PIXELS_PER_MODULE` with a quiet zone, and decoded.

OpenCV's classic `QRCodeDetector` misses about 2% of perfectly crisp codes (some masks confuse its
finder); `QRCodeDetectorAruco` decoded every one of 8,000 random follow-up links, so it is the decoder.
Without OpenCV these tests are skipped, except in CI (`CI=true`), where they fail.
"""

import io
import os
from dataclasses import dataclass

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

PIXELS_PER_MODULE = 8
QUIET_ZONE = 4  # modules of light border, the standard's minimum
SMALLEST_CODE = 21  # a version 1 code is 21 modules wide
PAINT_OPERATORS = {b"S", b"s", b"B", b"B*", b"b", b"b*", b"f", b"F", b"f*", b"n"}


def opencv():
    """The `cv2` and `numpy` modules, or a skip (a failure in CI) when OpenCV is not installed."""
    try:
        import cv2
        import numpy
    except ImportError:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip("opencv-python-headless is not installed")
    return cv2, numpy


def decode_image(image) -> str | None:
    """The text of the QR code in a greyscale image (a numpy array), or None if none is found."""
    cv2, _ = opencv()
    text, points, _ = cv2.QRCodeDetectorAruco().detectAndDecode(image)
    return text if points is not None and text else None


def decode_png(image_bytes: bytes) -> str | None:
    """The text of the QR code in a PNG, or None."""
    cv2, numpy = opencv()
    return decode_image(cv2.imdecode(numpy.frombuffer(image_bytes, dtype=numpy.uint8), cv2.IMREAD_GRAYSCALE))


@dataclass(frozen=True)
class Run:
    """A horizontal run of dark modules: row `row`, columns `start` up to (not including) `end`."""

    row: int
    start: int
    end: int


def qr_codes_in_pdf(data: bytes) -> list[str]:
    """The text of every QR code drawn in the PDF, page by page; a drawing that does not decode gives ''."""
    codes = []
    reader = PdfReader(io.BytesIO(data))
    for page in reader.pages:
        contents = page.get_contents()
        if contents is None:
            continue
        for runs in _module_drawings(ContentStream(contents, reader).operations):
            codes.append(decode_image(_draw(runs)) or "")
    return codes


def pages_with_qr_codes(data: bytes) -> list[int]:
    """The pages (from 1) on which a QR code is drawn, once for each code."""
    reader = PdfReader(io.BytesIO(data))
    pages = []
    for number, page in enumerate(reader.pages, start=1):
        contents = page.get_contents()
        if contents is not None:
            pages += [number] * len(_module_drawings(ContentStream(contents, reader).operations))
    return pages


def _module_drawings(operations) -> list[list[Run]]:
    """The paths on a page that are QR modules: horizontal strokes through the middle of whole-module rows."""
    drawings, segments, start = [], [], None
    for operands, operator in operations:
        if operator == b"m":
            start = tuple(float(value) for value in operands)
        elif operator == b"l" and start is not None:
            segments.append((start, tuple(float(value) for value in operands)))
        elif operator in PAINT_OPERATORS:
            runs = _as_runs(segments)
            if runs:
                drawings.append(runs)
            segments, start = [], None
    return drawings


def _as_runs(segments) -> list[Run] | None:
    runs = []
    for (x0, y0), (x1, y1) in segments:
        if y0 != y1 or y0 % 1 != 0.5 or x0 % 1 or x1 % 1:
            return None
        runs.append(Run(int(y0), int(min(x0, x1)), int(max(x0, x1))))
    if len({run.row for run in runs}) < SMALLEST_CODE:
        return None
    return runs


def _draw(runs: list[Run]):
    """The modules as a crisp greyscale image: dark on light, `PIXELS_PER_MODULE` square, in a quiet zone."""
    _, numpy = opencv()
    top, left = min(run.row for run in runs), min(run.start for run in runs)
    width = max(max(run.end for run in runs) - left, max(run.row for run in runs) + 1 - top)
    modules = numpy.full((width + 2 * QUIET_ZONE,) * 2, 255, dtype=numpy.uint8)
    for run in runs:
        modules[QUIET_ZONE + run.row - top, QUIET_ZONE + run.start - left : QUIET_ZONE + run.end - left] = 0
    return numpy.kron(modules, numpy.ones((PIXELS_PER_MODULE, PIXELS_PER_MODULE), dtype=numpy.uint8))
