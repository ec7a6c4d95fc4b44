"""Recordings encrypted in fixed-size chunks, so that a range of a long video is read by decrypting only its chunks.

Evidence files are one Fernet token each: reading any part means decrypting the whole. A recording is instead
cut into chunks of `CHUNK_SIZE` bytes, each sealed with AES-GCM (authenticated) under its own random nonce.
Every chunk's associated data is the file's header (which names the file's random id, the key, the chunk size
and the length) with the chunk's index and whether it is the last, so chunks cannot be reordered, swapped
between files, dropped from the end or the header altered without decryption failing.

The AES key is derived (HKDF-SHA256) from each of the data encryption keys (`DATA_ENCRYPTION_KEYS`): the first
encrypts, any decrypts, and `flask keys rotate` re-encrypts a file under the first (`rotate`).

Layout: header (`MAGIC`, key id 8 bytes, file id 16, chunk size 4, plain length 8), then for each chunk its
nonce (12 bytes) and its ciphertext with the 16-byte tag.
"""

import base64
import hashlib
import os
import secrets
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from ..crypto import keyring

MAGIC = b"RCV1"
CHUNK_SIZE = 64 * 1024
NONCE = 12
TAG = 16
_HEADER = struct.Struct(">4s8s16sIQ")
HEADER_SIZE = _HEADER.size


class ChunkError(ValueError):
    """A stored recording that fails to decrypt: tampered with, cut short, or under a key no longer held."""


@dataclass(frozen=True)
class Header:
    key_id: bytes
    file_id: bytes
    chunk_size: int
    plain_size: int

    def pack(self) -> bytes:
        return _HEADER.pack(MAGIC, self.key_id, self.file_id, self.chunk_size, self.plain_size)

    @property
    def chunks(self) -> int:
        return max(1, -(-self.plain_size // self.chunk_size))

    def offset(self, index: int) -> int:
        return HEADER_SIZE + index * (NONCE + self.chunk_size + TAG)

    def plain_length(self, index: int) -> int:
        return min(self.chunk_size, self.plain_size - index * self.chunk_size)


@cache
def _derive(fernet_key: str) -> tuple[bytes, bytes]:
    """The AES-256 key made from one data encryption key, and its id (so a file names the key that sealed it)."""
    material = base64.urlsafe_b64decode(fernet_key.encode())
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"reporting recording chunks v1").derive(material)
    return key, hashlib.sha256(key).digest()[:8]


def _current_key() -> tuple[bytes, bytes]:
    keyring.fernet  # noqa: B018 (raises KeyringNotConfigured when no key is set)
    return _derive(keyring.keys[0])


def _key_for(key_id: bytes) -> bytes:
    for each in keyring.keys:
        key, found = _derive(each)
        if found == key_id:
            return key
    raise ChunkError("sealed under a key that is no longer configured")


def _associated(header: bytes, index: int, last: bool) -> bytes:
    return header + struct.pack(">Q?", index, last)


def encrypt_file(source: Path, target: Path, chunk_size: int = CHUNK_SIZE) -> None:
    """Seal the file at `source` into `target` (written under a temporary name, then moved into place)."""
    key, key_id = _current_key()
    header = Header(key_id, secrets.token_bytes(16), chunk_size, source.stat().st_size)
    with source.open("rb") as plain:
        _write(target, header, key, (plain.read(header.plain_length(i)) for i in range(header.chunks)))


def _write(target: Path, header: Header, key: bytes, pieces) -> None:
    packed = header.pack()
    aead = AESGCM(key)
    temporary = target.with_name(target.name + ".tmp")  # a backup leaves out unfinished (.tmp) files
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as sealed:
        sealed.write(packed)
        for index, piece in enumerate(pieces):
            nonce = secrets.token_bytes(NONCE)
            sealed.write(nonce + aead.encrypt(nonce, piece, _associated(packed, index, index == header.chunks - 1)))
    os.replace(temporary, target)


def read_header(handle) -> tuple[Header, bytes]:
    packed = handle.read(HEADER_SIZE)
    if len(packed) != HEADER_SIZE:
        raise ChunkError("too short")
    magic, key_id, file_id, chunk_size, plain_size = _HEADER.unpack(packed)
    if magic != MAGIC or chunk_size <= 0:
        raise ChunkError("not a sealed recording")
    return Header(key_id, file_id, chunk_size, plain_size), packed


def plain_size(path: Path) -> int:
    with path.open("rb") as handle:
        return read_header(handle)[0].plain_size


def _chunk(handle, header: Header, packed: bytes, aead: AESGCM, index: int) -> bytes:
    handle.seek(header.offset(index))
    sealed = handle.read(NONCE + header.plain_length(index) + TAG)
    try:
        return aead.decrypt(sealed[:NONCE], sealed[NONCE:], _associated(packed, index, index == header.chunks - 1))
    except (InvalidTag, ValueError):
        raise ChunkError("a chunk failed to decrypt") from None


def read_range(path: Path, start: int = 0, end: int | None = None) -> Iterator[bytes]:
    """The plain bytes from `start` to `end` (inclusive; None for the end), decrypting only the chunks they lie in."""
    handle = path.open("rb")
    try:
        header, packed = read_header(handle)
        last = header.plain_size - 1 if end is None else min(end, header.plain_size - 1)
        aead = AESGCM(_key_for(header.key_id))
        for index in range(start // header.chunk_size, last // header.chunk_size + 1 if last >= start else 0):
            plain = _chunk(handle, header, packed, aead, index)
            base = index * header.chunk_size
            yield plain[max(0, start - base) : last - base + 1]
    finally:
        handle.close()


def decrypt_to(path: Path, target: Path) -> None:
    """Write the whole plain file to `target` (readable by the app alone), for FFmpeg to read."""
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as plain:
        for piece in read_range(path):
            plain.write(piece)


def rotate(path: Path) -> bool:
    """Re-seal the file under the first key if another sealed it; True when it was rewritten."""
    key, key_id = _current_key()
    with path.open("rb") as handle:
        header, packed = read_header(handle)
        if header.key_id == key_id:
            return False
        old = AESGCM(_key_for(header.key_id))
        renewed = Header(key_id, secrets.token_bytes(16), header.chunk_size, header.plain_size)
        pieces = (_chunk(handle, header, packed, old, index) for index in range(header.chunks))
        _write(path, renewed, key, pieces)  # the old file stays readable through `handle` until it is replaced
    return True
