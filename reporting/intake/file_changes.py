"""Evidence files and their rows as one unit: a file is moved into place or deleted once its row's change is committed.

A new file is written under a temporary name (`evidence.store`) and moved to its stored name after the commit that
adds its row; a rollback (a save that lost a race, a failed commit) removes it instead. A removed file is deleted
after the commit that deletes its row, and kept if that commit fails. What a killed process leaves behind, a file
no row refers to, is removed by `sweep` (`flask --app reporting evidence sweep`) once it is an hour old, so an
upload still in flight is never touched.
"""

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import event, select
from sqlalchemy.orm import Session, SessionTransaction

from ..models import EvidenceFile
from . import evidence

_KEY = "evidence_file_changes"
# An upload's temporary file is younger than this until its commit; older unreferenced files are leftovers.
SWEEP_MIN_AGE_SECONDS = 3600


@dataclass
class _Changes:
    added: list[tuple[Path, str]] = field(default_factory=list)
    removed: list[tuple[Path, str]] = field(default_factory=list)


def _changes(session: Session) -> _Changes:
    return session.info.setdefault(_KEY, _Changes())


def store_with_row(session: Session, directory: Path, file: evidence.CleanFile) -> str:
    """Write the file under a temporary name; it takes its stored name when the session commits."""
    stored_name = evidence.store(directory, file)
    _changes(session).added.append((directory, stored_name))
    return stored_name


def delete_with_row(session: Session, directory: Path, stored_name: str) -> None:
    """Delete the stored file when the session commits (the row's deletion with it), not before."""
    _changes(session).removed.append((directory, stored_name))


@event.listens_for(Session, "after_commit")
def _apply(session: Session) -> None:
    changes = session.info.pop(_KEY, None)
    if changes is None:
        return
    for directory, stored_name in changes.added:
        evidence.install(directory, stored_name)
    for directory, stored_name in changes.removed:
        evidence.delete(directory, stored_name)


@event.listens_for(Session, "after_transaction_end")
def _forget(session: Session, transaction: SessionTransaction) -> None:
    """A transaction that ended without its commit (rolled back or closed): new files go, removed ones stay."""
    if transaction.parent is not None:
        return
    changes = session.info.pop(_KEY, None)
    for directory, stored_name in changes.added if changes else ():
        evidence.discard(directory, stored_name)


def sweep(session: Session, directory: Path, now: float | None = None) -> int:
    """Remove files in `directory` that no row refers to and that are older than an hour; returns how many.

    A temporary file whose row was committed but which was never moved into place (the process ended between
    the commit and the move) is moved into place instead."""
    cutoff = (time.time() if now is None else now) - SWEEP_MIN_AGE_SECONDS
    old = [entry for entry in _files(directory) if entry.stat(follow_symlinks=False).st_mtime < cutoff]
    if not old:
        return 0
    # Rows are read after the files are listed, so a file whose row is committed meanwhile counts as referenced.
    referenced = set(session.scalars(select(EvidenceFile.stored_name)))
    removed = 0
    for entry in old:
        if entry.name in referenced:
            continue
        if _finish_move(directory, entry.name, referenced):
            continue
        Path(entry.path).unlink(missing_ok=True)
        removed += 1
    return removed


def _files(directory: Path) -> list[os.DirEntry]:
    if not directory.is_dir():
        return []
    with os.scandir(directory) as entries:
        return [entry for entry in entries if entry.is_file(follow_symlinks=False)]


def _finish_move(directory: Path, name: str, referenced: set[str]) -> bool:
    """Move a committed file still under its temporary name into place; False if it is not one."""
    stored_name = name.removeprefix(evidence.TEMPORARY_PREFIX)
    if stored_name == name or stored_name not in referenced:
        return False
    if (directory / stored_name).exists():
        return False
    try:
        evidence.install(directory, stored_name)
    except FileNotFoundError:  # moved meanwhile by the process that wrote it
        pass
    return True
