"""Where recordings live: a `recordings` folder in the evidence folder, each file sealed in chunks (`chunks`).

A file is named by a random token: `<token>.pending` for an upload waiting to be checked, `<token>.rec` for a
clean copy. A file added in a transaction that is rolled back is removed; a file removed in a transaction is
deleted once it commits (and kept if it fails). What a stopped process leaves behind, a file no row refers to,
is removed by `sweep` once it is an hour old.
"""

import os
import re
import secrets
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event, select
from sqlalchemy.orm import Session, SessionTransaction

from . import chunks
from .models import Recording

_NAME = re.compile(r"^[0-9a-f]{32}\.(pending|rec)$")
_KEY = "recording_file_changes"
SWEEP_MIN_AGE_SECONDS = 3600


def directory_in(evidence_dir: Path) -> Path:
    folder = evidence_dir / "recordings"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def path_of(folder: Path, stored_name: str) -> Path:
    if not _NAME.match(stored_name or ""):
        raise ValueError("not a stored recording name")
    return folder / stored_name


@contextmanager
def workspace(folder: Path) -> Iterator[Path]:
    """A private folder for plain copies while FFmpeg reads and writes them, removed with what is in it."""
    with tempfile.TemporaryDirectory(prefix=".work-", dir=folder) as name:
        os.chmod(name, 0o700)
        yield Path(name)


def seal(session: Session, folder: Path, plain: Path, suffix: str) -> str:
    """Seal a plain file into the folder under a new name; the file goes again if the transaction does not commit."""
    stored_name = f"{secrets.token_hex(16)}.{suffix}"
    chunks.encrypt_file(plain, path_of(folder, stored_name))
    session.info.setdefault(_KEY, {"added": [], "removed": []})["added"].append(path_of(folder, stored_name))
    return stored_name


def remove_after_commit(session: Session, folder: Path, stored_name: str | None) -> None:
    if stored_name:
        session.info.setdefault(_KEY, {"added": [], "removed": []})["removed"].append(path_of(folder, stored_name))


@event.listens_for(Session, "after_commit")
def _apply(session: Session) -> None:
    changes = session.info.pop(_KEY, None)
    for path in changes["removed"] if changes else ():
        path.unlink(missing_ok=True)


@event.listens_for(Session, "after_transaction_end")
def _forget(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is not None:
        return
    changes = session.info.pop(_KEY, None)
    for path in changes["added"] if changes else ():
        path.unlink(missing_ok=True)


def rotate_all(folder: Path) -> int:
    """Re-seal every stored recording under the newest key (`flask keys rotate`); returns how many were rewritten."""
    if not folder.is_dir():
        return 0
    return sum(chunks.rotate(path) for path in sorted(folder.iterdir()) if _NAME.match(path.name))


def sweep(session: Session, folder: Path, now: float | None = None) -> int:
    """Remove files (and work folders) over an hour old that no recording refers to; returns how many files."""
    if not folder.is_dir():
        return 0
    cutoff = (time.time() if now is None else now) - SWEEP_MIN_AGE_SECONDS
    old = [path for path in folder.iterdir() if path.lstat().st_mtime < cutoff]
    referenced = set(session.scalars(select(Recording.stored_name).where(Recording.stored_name.isnot(None))))
    removed = 0
    for path in old:
        if path.is_dir() and path.name.startswith(".work-"):
            for inner in path.iterdir():
                inner.unlink(missing_ok=True)
            path.rmdir()
        elif path.is_file() and path.name not in referenced:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
