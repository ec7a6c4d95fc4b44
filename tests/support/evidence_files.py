"""Evidence files as people send them, for the tests of every place that takes files: a phone photo with its GPS
position, a PNG with a text comment, a HEIC photo and a one-page PDF."""

import io

import pillow_heif
from PIL import Image

GPS_IFD = 0x8825


def jpeg_with_gps() -> bytes:
    """A photo as a phone takes it: EXIF with the camera, the time and a GPS position (Sale, Greater Manchester)."""
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x0132] = "2026:03:13 18:42:00"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (53.0, 25.0, 30.0), 3: "W", 4: (2.0, 19.0, 12.0)})
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def png_with_text() -> bytes:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", "taken at 12 Acacia Avenue")
    out = io.BytesIO()
    Image.new("RGBA", (20, 20), (0, 0, 255, 128)).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def heic_photo() -> bytes:
    pillow_heif.register_heif_opener()
    out = io.BytesIO()
    Image.new("RGB", (32, 32), (10, 120, 10)).save(out, format="HEIF")
    return out.getvalue()


def one_page_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
