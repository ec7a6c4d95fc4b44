"""Backups: the database and the evidence folder in one file; never the encryption keys.

A backup is a tar archive holding `manifest.json`, the database (`database.sqlite3`, from SQLite's online backup
API, or `database.pgdump`, from `pg_dump --format=custom`; both safe while the app runs) and every file of the
evidence folder under `evidence/` (encrypted as they are stored). The encryption keys stay in the environment
(`DATA_ENCRYPTION_KEYS`): without them, the personal details and evidence in a backup cannot be read.

The database is copied before the evidence files: a file is moved into place only after its row is committed, so
every file the copied database refers to is already there (a file deleted between the two copies, by an erasure
or a purge running at that moment, is the exception). A file added meanwhile is copied with no row referring to
it, which `evidence sweep` removes after a restore.

`restore` reads these backups and the earlier ones that held the database alone (a SQLite file or a `pg_dump`
file), which leave the evidence folder as it is. A backup is readable by its owner only (mode 0600) from the
moment it exists.
"""

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sqlalchemy.engine import make_url

PRIVATE_MODE = 0o600
PRIVATE_UMASK = 0o077
PG_SEARCH_DIRS = ("/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin")
FORMAT, VERSION = "reporting-backup", 2
MANIFEST, EVIDENCE = "manifest.json", "evidence"
DATABASE_MEMBER = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
SQLITE_MAGIC, PG_DUMP_MAGIC = b"SQLite format 3\x00", b"PGDMP"
# Names the evidence folder never holds a file under: uploads in flight and files being re-encrypted.
UNFINISHED_PREFIX, UNFINISHED_SUFFIX = ".tmp-", ".tmp"
KEYS_NOTE = (
    "The encryption keys are not in the backup: keep DATA_ENCRYPTION_KEYS apart from it. Its personal details and "
    "evidence files can be read only with those keys, which a restore needs too."
)


class BackupError(RuntimeError):
    pass


@dataclass(frozen=True)
class Restored:
    """What a restore put back: the evidence files, or None for a backup of the database alone (older format)."""

    evidence_files: int | None


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


def _backend(database_url: str) -> str:
    return "sqlite" if make_url(database_url).get_backend_name() == "sqlite" else "postgresql"


def _sqlite_path(database_url: str) -> Path:
    database = make_url(database_url).database
    if not database or database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return Path(database)


def backup(database_url: str, evidence_dir: Path, out: Path, keep_out: tuple[Path, ...] = ()) -> int:
    """Write the database and the evidence folder to `out`, readable by its owner only; returns how many evidence
    files it holds. Files in `keep_out` (the key file kept outside production) are never written to it."""
    _create_private(out)
    with tempfile.TemporaryDirectory(prefix="reporting-backup-") as work:
        dump = Path(work) / DATABASE_MEMBER[_backend(database_url)]
        backup_database(database_url, dump)
        files = list(_evidence_files(evidence_dir, {path.resolve() for path in keep_out}))
        try:
            with open(out, "wb") as handle, tarfile.open(fileobj=handle, mode="w", format=tarfile.PAX_FORMAT) as tar:
                _add_bytes(tar, MANIFEST, _manifest(database_url, len(files)))
                tar.add(dump, arcname=dump.name)
                for path, relative in files:
                    _add_file(tar, path, f"{EVIDENCE}/{relative}")
        except OSError as error:
            raise BackupError(f"cannot write {out}: {error.strerror}") from None
    return len(files)


def backup_database(database_url: str, out: Path) -> None:
    """Write a consistent copy of the database alone to `out` (the format of backups before the evidence)."""
    _create_private(out)
    if _backend(database_url) == "sqlite":
        with sqlite3.connect(_sqlite_path(database_url)) as source, sqlite3.connect(out) as target:
            source.backup(target)
        return
    _run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={out}", _libpq_url(database_url)])


def _manifest(database_url: str, files: int) -> bytes:
    manifest = {"format": FORMAT, "version": VERSION, "database": _backend(database_url),
                "evidence_files": files, "encryption_keys": KEYS_NOTE}  # fmt: skip
    return json.dumps(manifest, indent=2).encode()


def _evidence_files(evidence_dir: Path, keep_out: set[Path]):
    """Every finished file of the evidence folder, with its path inside the folder, in a steady order."""
    if not evidence_dir.is_dir():
        return
    for path in sorted(evidence_dir.rglob("*")):
        if not path.is_file() or path.is_symlink() or path.resolve() in keep_out:
            continue
        if path.name.startswith(UNFINISHED_PREFIX) or path.name.endswith(UNFINISHED_SUFFIX):
            continue
        yield path, path.relative_to(evidence_dir).as_posix()


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode = len(data), PRIVATE_MODE
    tar.addfile(info, io.BytesIO(data))


def _add_file(tar: tarfile.TarFile, path: Path, name: str) -> None:
    """Add a file; one deleted since the folder was listed (an erasure running meanwhile) is left out."""
    try:
        with open(path, "rb") as handle:
            info = tar.gettarinfo(arcname=name, fileobj=handle)
            info.mode, info.uid, info.gid, info.uname, info.gname = PRIVATE_MODE, 0, 0, "", ""
            tar.addfile(info, handle)
    except FileNotFoundError:
        pass


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


def restore(database_url: str, evidence_dir: Path, source_file: Path) -> Restored:
    """Replace the database's contents, and the evidence folder's, with a backup made by `backup`.

    A backup of the database alone (made before backups held the evidence) restores the database only."""
    if not source_file.exists():
        raise BackupError(f"{source_file} does not exist")
    with open(source_file, "rb") as handle:
        start = handle.read(len(SQLITE_MAGIC))
    if start.startswith((SQLITE_MAGIC, PG_DUMP_MAGIC)):
        made_from = "sqlite" if start.startswith(SQLITE_MAGIC) else "postgresql"
        if made_from != _backend(database_url):
            raise BackupError(f"{source_file} is a backup of a {made_from} database, and DATABASE_URL names a "
                              f"{_backend(database_url)} one")  # fmt: skip
        restore_database(database_url, source_file)
        return Restored(evidence_files=None)
    if not tarfile.is_tarfile(source_file):
        raise BackupError(f"{source_file} is not a backup made by `flask --app reporting backup`")
    with tarfile.open(source_file, "r:") as tar, tempfile.TemporaryDirectory(prefix="reporting-restore-") as work:
        _check_manifest(tar, database_url)
        dump = Path(work) / DATABASE_MEMBER[_backend(database_url)]
        _extract_to(tar, dump.name, dump)
        restore_database(database_url, dump)
        return Restored(evidence_files=_restore_evidence(tar, evidence_dir))


def _check_manifest(tar: tarfile.TarFile, database_url: str) -> None:
    try:
        manifest = json.loads(tar.extractfile(MANIFEST).read())
    except (KeyError, AttributeError, ValueError):
        raise BackupError("the backup has no readable manifest.json") from None
    if manifest.get("format") != FORMAT or not isinstance(manifest.get("version"), int):
        raise BackupError("the backup's manifest.json is not that of a backup made by `backup`")
    if manifest["version"] > VERSION:
        raise BackupError(f"the backup was made by a newer version (format {manifest['version']}); upgrade first")
    if manifest.get("database") != _backend(database_url):
        raise BackupError(f"the backup holds a {manifest.get('database')} database, and DATABASE_URL names a "
                          f"{_backend(database_url)} one")  # fmt: skip


def _extract_to(tar: tarfile.TarFile, name: str, target: Path) -> None:
    try:
        member = tar.getmember(name)
    except KeyError:
        raise BackupError(f"the backup has no {name}") from None
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_MODE)
    with os.fdopen(descriptor, "wb") as handle:
        shutil.copyfileobj(tar.extractfile(member), handle)


def _restore_evidence(tar: tarfile.TarFile, evidence_dir: Path) -> int:
    """Make the evidence folder hold exactly the backup's files (the app is stopped during a restore)."""
    evidence_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    root = evidence_dir.resolve()
    wanted: set[Path] = set()
    for member in tar.getmembers():
        parts = PurePosixPath(member.name).parts
        if len(parts) < 2 or parts[0] != EVIDENCE or not member.isfile() or ".." in parts:
            continue
        target = evidence_dir.joinpath(*parts[1:])
        if root not in target.resolve().parents:
            continue
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        _extract_to(tar, member.name, target)
        wanted.add(target.resolve())
    for path in sorted(evidence_dir.rglob("*"), reverse=True):
        if path.is_file() and path.resolve() not in wanted:
            path.unlink()
    return len(wanted)


def restore_database(database_url: str, source_file: Path) -> None:
    """Replace the database's contents with a copy made by `backup_database`."""
    if _backend(database_url) == "sqlite":
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
