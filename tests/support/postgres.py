"""A throwaway PostgreSQL cluster started from the installed server binaries.

PostgreSQL refuses to run as root, so as root the server runs as an unprivileged system user
created on first use. `TEST_DATABASE_URL` (a PostgreSQL URL) skips all of this.

Under pytest-xdist each worker starts a cluster of its own (about a second), so workers share
nothing: no lock, no database named after another worker. Two workers may create the system user
at the same moment, or be handed the same free port; both races are tolerated.
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
START_ATTEMPTS = 3
USERADD_EXISTS = 9  # useradd's exit status when another process created the user first


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
        added = subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", PG_USER],
            capture_output=True,
            text=True,
            check=False,
        )
        if added.returncode not in (0, USERADD_EXISTS):
            raise PostgresUnavailable(f"useradd {PG_USER} failed: {added.stderr}")
    return ["runuser", "-u", PG_USER, "--"]


@contextmanager
def throwaway_cluster(durable: bool = False):
    """Yields a server URL (no database name) for a new cluster, and removes it afterwards."""
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    runner = _as_server_user()
    base = Path(tempfile.mkdtemp(prefix="pg.", dir="/tmp"))
    if runner:
        shutil.chown(base, user=PG_USER)
    data = base / "data"
    try:
        _run([*runner, initdb, "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"])  # noqa: E501
        port = _start(runner, pg_ctl, base, durable)
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run([*runner, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True, check=False)
        time.sleep(0.1)
        shutil.rmtree(base, ignore_errors=True)


def _start(runner: list[str], pg_ctl: str, base: Path, durable: bool) -> int:
    """Start the server on a free port; a port taken between finding and binding it is tried again."""
    log = base / "server.log"
    for _ in range(START_ATTEMPTS):
        port = _free_port()
        settings = f"-p {port} -k {base} -c listen_addresses=127.0.0.1"
        if not durable:
            settings += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        started = subprocess.run(
            [*runner, pg_ctl, "-D", str(base / "data"), "-l", str(log), "-w", "-t", "60", "-o", settings, "start"],
            capture_output=True,
            text=True,
            check=False,
        )
        if started.returncode == 0:
            return port
        if "could not bind" not in _tail(log):
            break
    raise PostgresUnavailable(f"pg_ctl start failed: {started.stderr}\n{_tail(log)}")


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


def database_for_worker(url: str, worker: str | None) -> str:
    """`url` itself outside pytest-xdist; for a worker, a fresh database beside it named after the worker."""
    if worker is None:
        return url
    import sqlalchemy as sa

    given = sa.make_url(url)
    server = given._replace(database=None).render_as_string(hide_password=False)
    return create_database(server, f"{given.database}_{worker}")
