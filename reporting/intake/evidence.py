"""Evidence files: what a file really is (from its bytes, never its name), metadata removed, stored privately.

Photos are decoded and re-encoded, which drops EXIF (GPS location, camera, times) and any other
embedded metadata; HEIC photos from phones become JPEG. PDFs are rewritten from their pages, without
metadata, scripts, attachments or forms (`pdf_cleaning`). Files are written under a directory outside any
public folder, with random names, and take those names only once their rows are committed (`file_changes`).
"""

import hashlib
import io
import os
import re
import secrets
import unicodedata
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from ..crypto import decrypt_bytes, encrypt_bytes, rotate_bytes

# Big enough for a 48-megapixel phone photo; a larger image is refused before it is decoded.
MAX_PIXELS = 60_000_000
HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
PILLOW_FORMATS = {"jpeg": "JPEG", "png": "PNG", "heic": "HEIF"}
_STORED_NAME = re.compile(r"^[0-9a-f]{32}\.(jpg|png|pdf)$")
TEMPORARY_PREFIX = ".tmp-"


class EvidenceRejected(ValueError):
    """A file that cannot be kept; `reason` is one of `empty`, `too_big`, `wrong_type`, `pdf_encrypted`,
    `pdf_unreadable`."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class CleanFile:
    data: bytes
    content_type: str
    extension: str
    original_name: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def sniff(data: bytes) -> str | None:
    """The kind of file from its first bytes: `jpeg`, `png`, `heic`, `pdf`, or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data[4:8] == b"ftyp" and data[8:12] in HEIF_BRANDS:
        return "heic"
    if data.startswith(b"%PDF-"):
        return "pdf"
    return None


def read_upload(stream, max_bytes: int) -> bytes:
    """Read at most `max_bytes` from an uploaded file, refusing an empty or larger one."""
    data = stream.read(max_bytes + 1)
    if not data:
        raise EvidenceRejected("empty")
    if len(data) > max_bytes:
        raise EvidenceRejected("too_big")
    return data


def clean(data: bytes, original_name: str) -> CleanFile:
    """Check what the file is and return what will be stored: images re-encoded without metadata."""
    kind = sniff(data)
    if kind is None:
        raise EvidenceRejected("wrong_type")
    if kind == "pdf":
        return CleanFile(_rewrite_pdf(data), "application/pdf", "pdf", display_name(original_name, "pdf"))
    image = _open_image(data, kind)
    if kind == "png":
        return CleanFile(_encode(image, "PNG"), "image/png", "png", display_name(original_name, "png"))
    return CleanFile(_encode(image, "JPEG"), "image/jpeg", "jpg", display_name(original_name, "jpg"))


def _rewrite_pdf(data: bytes) -> bytes:
    from . import pdf_cleaning  # pypdf is loaded when the first PDF arrives

    try:
        return pdf_cleaning.rewrite(data)
    except pdf_cleaning.PdfRefused as refused:
        raise EvidenceRejected(refused.reason) from None


@cache
def _read_heic() -> None:
    """Teach Pillow to open HEIC photos, the first time one arrives.

    pillow_heif and its libheif take about 4 MB in every web worker, and only a HEIC upload needs them.
    """
    import pillow_heif

    pillow_heif.register_heif_opener()


def _open_image(data: bytes, kind: str) -> Image.Image:
    if kind == "heic":
        _read_heic()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as opened:
                if opened.format != PILLOW_FORMATS[kind] or opened.width * opened.height > MAX_PIXELS:
                    raise EvidenceRejected("wrong_type")
                opened.load()
                # Turn the pixels the way the camera's orientation tag says, as that tag is about to go.
                return ImageOps.exif_transpose(opened)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as error:  # fmt: skip
        if isinstance(error, EvidenceRejected):
            raise
        raise EvidenceRejected("wrong_type") from None


def _encode(image: Image.Image, target: str) -> bytes:
    """Draw the pixels into a new file, carrying over nothing but the colour profile."""
    profile = image.info.get("icc_profile")
    if target == "JPEG":
        image = image.convert("RGB")
    elif image.mode not in ("RGB", "RGBA", "L"):
        image = image.convert("RGBA")
    pixels = Image.new(image.mode, image.size)
    pixels.paste(image)
    out = io.BytesIO()
    options = {"icc_profile": profile} if profile else {}
    if target == "JPEG":
        options.update(quality=90)
    pixels.save(out, format=target, **options)
    return out.getvalue()


def plain_name(original: str) -> str:
    """The file's own name without any folder, control characters or leading and trailing dots."""
    name = unicodedata.normalize("NFC", original or "").replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(char for char in name if unicodedata.category(char)[0] != "C").strip(" .")[:200]


def display_name(original: str, extension: str) -> str:
    """A file name safe to show and to offer as a download, with the extension of what was stored."""
    name = plain_name(original)
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return f"{(stem or 'evidence')[:150]}.{extension}"


def store(directory: Path, file: CleanFile) -> str:
    """Write the file, encrypted and readable only by the app, under the temporary form of a new random name.

    Returns the name it will have once `install` has moved it into place, which happens only after the
    row that refers to it has been committed (see `file_changes`)."""
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    stored_name = f"{secrets.token_hex(16)}.{file.extension}"
    descriptor = os.open(temporary_path(directory, stored_name), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(encrypt_bytes(file.data))
    return stored_name


def temporary_path(directory: Path, stored_name: str) -> Path:
    """Where a file waits for its row's commit: a hidden name that no row refers to."""
    return directory / f"{TEMPORARY_PREFIX}{path_of(directory, stored_name).name}"


def install(directory: Path, stored_name: str) -> None:
    """Move a written file to its stored name, in one step (the row referring to it is committed)."""
    os.replace(temporary_path(directory, stored_name), path_of(directory, stored_name))


def discard(directory: Path, stored_name: str) -> None:
    """Remove a written file whose row was never committed."""
    temporary_path(directory, stored_name).unlink(missing_ok=True)


def read(directory: Path, stored_name: str) -> bytes:
    """The file's bytes, decrypted; FileNotFoundError when it is gone."""
    return decrypt_bytes(path_of(directory, stored_name).read_bytes())


def rotate_all(directory: Path) -> int:
    """Re-encrypt every stored file under the newest key (see `flask keys rotate`)."""
    count = 0
    for path in sorted(directory.glob("*")) if directory.is_dir() else []:
        if _STORED_NAME.match(path.name):
            rotated = rotate_bytes(path.read_bytes())
            temporary = path.with_name(path.name + ".tmp")
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(rotated)
            os.replace(temporary, path)
            count += 1
    return count


def path_of(directory: Path, stored_name: str) -> Path:
    if not _STORED_NAME.match(stored_name):
        raise ValueError("not a stored evidence file name")
    return directory / stored_name


def delete(directory: Path, stored_name: str) -> None:
    path_of(directory, stored_name).unlink(missing_ok=True)
