"""Backups: SQLite with its online backup API (safe while the app runs), PostgreSQL with pg_dump."""

import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

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
    """Write a consistent copy of the database to `out`."""
    if make_url(database_url).get_backend_name() == "sqlite":
        with sqlite3.connect(_sqlite_path(database_url)) as source, sqlite3.connect(out) as target:
            source.backup(target)
        return
    _run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={out}", _libpq_url(database_url)])


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
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()[-500:]}")
