"""A throwaway PostgreSQL cluster started from the installed server binaries.

PostgreSQL refuses to run as root, so as root the server runs as an unprivileged system user
created on first use. `TEST_DATABASE_URL` (a PostgreSQL URL) skips all of this.
"""

import os
import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from reporting.privacy.backup import find_postgres_program

PG_USER = "reporting-pg"


class PostgresUnavailable(RuntimeError):
    pass


def _binary(name: str) -> str:
    found = find_postgres_program(name)
    if found is None:
        raise PostgresUnavailable(f"{name} not found; install the PostgreSQL server binaries")
    return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_server_user() -> list[str]:
    if os.geteuid() != 0:
        return []
    exists = subprocess.run(["id", "-u", PG_USER], capture_output=True, check=False).returncode == 0
    if not exists:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", PG_USER],
            check=True,
            capture_output=True,
        )
    return ["runuser", "-u", PG_USER, "--"]


@contextmanager
def throwaway_cluster(durable: bool = False):
    """Yields a server URL (no database name) for a new cluster, and removes it afterwards."""
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    runner = _as_server_user()
    base = Path(tempfile.mkdtemp(prefix="pg.", dir="/tmp"))
    if runner:
        shutil.chown(base, user=PG_USER)
    data, log, port = base / "data", base / "server.log", _free_port()
    settings = f"-p {port} -k {base} -c listen_addresses=127.0.0.1"
    if not durable:
        settings += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    try:
        _run([*runner, initdb, "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"])  # noqa: E501
        started = subprocess.run(
            [*runner, pg_ctl, "-D", str(data), "-l", str(log), "-w", "-t", "60", "-o", settings, "start"],
            capture_output=True,
            text=True,
            check=False,
        )
        if started.returncode:
            raise PostgresUnavailable(f"pg_ctl start failed: {started.stderr}\n{_tail(log)}")
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run([*runner, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True, check=False)
        time.sleep(0.1)
        shutil.rmtree(base, ignore_errors=True)


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode:
        raise PostgresUnavailable(f"{command[0]} failed: {result.stderr}")


def _tail(path: Path) -> str:
    return path.read_text(errors="replace")[-2000:] if path.exists() else ""


def create_database(server_url: str, name: str) -> str:
    import sqlalchemy as sa

    engine = sa.create_engine(f"{server_url}/postgres", isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return f"{server_url}/{name}"
