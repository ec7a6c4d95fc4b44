"""Evidence images as pages of a police referral: read from the private store, reduced to fit A4, embedded.

Each image travels inside the document's HTML as a `data:` URL, the only kind of address the render
process fetches besides the app's own files (`pdf_renderer.OwnFilesOnly`), so no path to the evidence
store ever reaches WeasyPrint. Images are redrawn by Pillow at about 150 dpi for the page's printable
area, which keeps a referral with several phone photos to a few megabytes, and carries over no metadata.
"""

import base64
import io
import logging
import warnings
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

from ..domain.referral_document import Attachment
from ..intake import evidence
from ..intake.services import evidence_dir

log = logging.getLogger(__name__)

# The page's printable area (A4 less print.css's margins: 174 mm wide), less room for the heading and the
# caption (about 190 mm high), at 150 dots per inch.
MAX_WIDTH = 1028
MAX_HEIGHT = 1122
JPEG_QUALITY = 82


@dataclass(frozen=True)
class EvidencePage:
    """An attachment shown as a page: its image as a `data:` URL, or None when the file could not be read."""

    attachment: Attachment
    image_url: str | None


def evidence_pages(report, attachments) -> list[EvidencePage]:
    """The pages for the attachments shown as images, in the document's order."""
    stored = {item.id: item for item in report.evidence_files}
    return [_page(attachment, stored.get(attachment.file_id)) for attachment in attachments if attachment.as_page]


def _page(attachment: Attachment, item) -> EvidencePage:
    if item is None:
        return EvidencePage(attachment, None)
    try:
        data = evidence.read(evidence_dir(), item.stored_name)
        return EvidencePage(attachment, page_image_url(data))
    except (OSError, ValueError, UnidentifiedImageError, Image.DecompressionBombError) as error:
        # Logged by the file's id only: its name may hold personal details.
        log.warning("evidence file %s could not be shown in a referral: %s", item.id, type(error).__name__)
        return EvidencePage(attachment, None)


def page_image_url(data: bytes) -> str:
    """A stored JPEG or PNG reduced to fit the page, as a `data:` URL: PNG stays PNG (screenshots keep their
    sharp text), everything else becomes JPEG."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(io.BytesIO(data)) as opened:
            if opened.format not in ("JPEG", "PNG"):
                raise ValueError("not a stored evidence image")
            keep_png = opened.format == "PNG"
            opened.draft("RGB", (MAX_WIDTH, MAX_HEIGHT))  # a JPEG is decoded at a reduced scale: far less memory
            image = _on_white(opened) if _has_transparency(opened) else opened.convert("RGB")
    image.thumbnail((MAX_WIDTH, MAX_HEIGHT), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if keep_png:
        image.save(out, format="PNG", optimize=True)
    else:
        image.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    kind = "png" if keep_png else "jpeg"
    return f"data:image/{kind};base64,{base64.b64encode(out.getvalue()).decode('ascii')}"


def _has_transparency(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


def _on_white(image: Image.Image) -> Image.Image:
    """A transparent screenshot as printed: on white paper, with no transparency left for the PDF to carry."""
    rgba = image.convert("RGBA")
    page = Image.new("RGB", rgba.size, "white")
    page.paste(rgba, mask=rgba.getchannel("A"))
    return page
