"""QR codes for the follow-up survey link, drawn locally with segno (nothing leaves the server)."""

import io

import segno
from markupsafe import Markup

# Medium error correction survives a creased or smudged receipt; the four-module quiet zone is the standard's.
ERROR_CORRECTION = "m"
QUIET_ZONE = 4


def _code(url: str) -> segno.QRCode:
    return segno.make(url, error=ERROR_CORRECTION, micro=False)


def qr_svg(url: str, scale: int = 4, title: str | None = None) -> Markup:
    """The QR code as an inline `<svg>` element, dark on white, with an optional `<title>`."""
    svg = _code(url).svg_inline(scale=scale, border=QUIET_ZONE, dark="#0b0c0c", light="#ffffff", title=title)
    return Markup(svg)


def qr_svg_data_uri(url: str, scale: int = 4) -> str:
    """The QR code as a `data:image/svg+xml` URI, for an `<img>` that carries its own alt text."""
    return _code(url).svg_data_uri(scale=scale, border=QUIET_ZONE, dark="#0b0c0c", light="#ffffff")


def qr_png(url: str, scale: int = 8) -> bytes:
    """The QR code as a PNG image."""
    buffer = io.BytesIO()
    _code(url).save(buffer, kind="png", scale=scale, border=QUIET_ZONE, dark="#0b0c0c", light="#ffffff")
    return buffer.getvalue()
