"""Backups: SQLite with its online backup API (safe while the app runs), PostgreSQL with pg_dump.

A backup holds everything, so it is readable by its owner only (mode 0600) from the moment it exists.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

PRIVATE_MODE = 0o600
PRIVATE_UMASK = 0o077
PG_SEARCH_DIRS = ("/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin")


class BackupError(RuntimeError):
    pass


def find_postgres_program(name: str) -> str | None:
    """A PostgreSQL program (pg_dump, initdb, …) on the PATH or in Debian's versioned folders, or None."""
    found = shutil.which(name)
    if found:
        return found
    for directory in PG_SEARCH_DIRS:
        if (Path(directory) / name).exists():
            return str(Path(directory) / name)
    return None


def _pg_tool(name: str) -> str:
    found = find_postgres_program(name)
    if found is None:
        raise BackupError(f"{name} is not installed")
    return found


def _libpq_url(database_url: str) -> str:
    return make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)


def _sqlite_path(database_url: str) -> Path:
    database = make_url(database_url).database
    if not database or database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return Path(database)


def backup(database_url: str, out: Path) -> None:
    """Write a consistent copy of the database to `out`, readable by its owner only."""
    _create_private(out)
    if make_url(database_url).get_backend_name() == "sqlite":
        with sqlite3.connect(_sqlite_path(database_url)) as source, sqlite3.connect(out) as target:
            source.backup(target)
        return
    _run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={out}", _libpq_url(database_url)])


def _create_private(out: Path) -> None:
    """Create `out` empty with mode 0600 (or empty an existing one and make it 0600) before anything is written."""
    try:
        descriptor = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_MODE)
    except OSError as error:
        raise BackupError(f"cannot write {out}: {error.strerror}") from None
    try:
        os.fchmod(descriptor, PRIVATE_MODE)
    finally:
        os.close(descriptor)


def restore(database_url: str, source_file: Path) -> None:
    """Replace the database's contents with a backup made by `backup`."""
    if not source_file.exists():
        raise BackupError(f"{source_file} does not exist")
    if make_url(database_url).get_backend_name() == "sqlite":
        with sqlite3.connect(source_file) as source, sqlite3.connect(_sqlite_path(database_url)) as target:
            source.backup(target)
        return
    _run(
        [_pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
         f"--dbname={_libpq_url(database_url)}", str(source_file)]
    )  # fmt: skip


def _run(command: list[str]) -> None:
    # pg_dump writes into the file made private above; the umask also covers any file a tool makes itself.
    result = subprocess.run(command, capture_output=True, text=True, check=False, umask=PRIVATE_UMASK)
    if result.returncode:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()[-500:]}")
