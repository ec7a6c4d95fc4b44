"""Encryption at rest for what identifies a person: contact details, free text and evidence files.

Values are encrypted with Fernet (AES-128-CBC with HMAC-SHA256, from the `cryptography` package):
authenticated, so a tampered value fails to decrypt rather than reading as something else. Keys
come from `DATA_ENCRYPTION_KEYS` (comma-separated; the first encrypts, all decrypt), which makes
rotation possible: add a new key in front, run `flask keys rotate`, then drop the old key.
"""

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import Text, TypeDecorator

PREFIX = "enc:"


class KeyringNotConfigured(RuntimeError):
    pass


class _Keyring:
    """The process's keys; configured once at app start-up from the environment."""

    def __init__(self) -> None:
        self._fernet: MultiFernet | None = None
        self.keys: tuple[str, ...] = ()

    def configure(self, keys: list[str] | tuple[str, ...]) -> None:
        cleaned = tuple(key.strip() for key in keys if key and key.strip())
        if not cleaned:
            raise KeyringNotConfigured("no data encryption key given")
        self._fernet = MultiFernet([Fernet(key.encode()) for key in cleaned])
        self.keys = cleaned

    @property
    def fernet(self) -> MultiFernet:
        if self._fernet is None:
            raise KeyringNotConfigured("data encryption keys are not configured")
        return self._fernet


keyring = _Keyring()


def new_key() -> str:
    return Fernet.generate_key().decode()


def encrypt_text(plain: str) -> str:
    return PREFIX + keyring.fernet.encrypt(plain.encode("utf-8")).decode("ascii")


def decrypt_text(stored: str) -> str:
    if not stored.startswith(PREFIX):
        raise InvalidToken("value is not encrypted")
    return keyring.fernet.decrypt(stored[len(PREFIX) :].encode("ascii")).decode("utf-8")


def rotate_text(stored: str) -> str:
    """Re-encrypt a stored value under the first (newest) key."""
    return PREFIX + keyring.fernet.rotate(stored[len(PREFIX) :].encode("ascii")).decode("ascii")


def encrypt_bytes(plain: bytes) -> bytes:
    return keyring.fernet.encrypt(plain)


def decrypt_bytes(stored: bytes) -> bytes:
    return keyring.fernet.decrypt(stored)


def rotate_bytes(stored: bytes) -> bytes:
    return keyring.fernet.rotate(stored)


class EncryptedText(TypeDecorator):
    """A text column stored encrypted; reads and writes plain `str` in Python."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return encrypt_text(str(value))

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return decrypt_text(value)
