"""The databases the benchmark runs on: a SQLite file and a throwaway PostgreSQL cluster, both removed after.

Both are built by the migrations, so the review summary's triggers and every index are those of
the product. PostgreSQL keeps its durability settings (fsync on), as in production.
"""

import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from cryptography.fernet import Fernet

# One key for the benchmark's own process and the server's workers, so each reads what the other wrote.
ENCRYPTION_KEY = Fernet.generate_key().decode()
SECRET_KEY = "bench-secret-not-for-production"


@dataclass
class Database:
    kind: str  # "sqlite" or "postgresql"
    url: str
    scratch: Path

    def settings(self) -> dict:
        """The app's configuration for this database (for the benchmark's process)."""
        return {
            "SQLALCHEMY_DATABASE_URI": self.url,
            "SECRET_KEY": SECRET_KEY,
            "DATA_ENCRYPTION_KEYS": [ENCRYPTION_KEY],
            "EVIDENCE_DIR": str(self.scratch / "evidence"),
        }

    def environment(self) -> dict[str, str]:
        """The same configuration as environment variables (for gunicorn's workers)."""
        return {
            "DATABASE_URL": self.url,
            "SECRET_KEY": SECRET_KEY,
            "DATA_ENCRYPTION_KEYS": ENCRYPTION_KEY,
            "EVIDENCE_DIR": str(self.scratch / "evidence"),
            "REPORTING_ENV": "development",
        }

    def size_mb(self) -> float:
        if self.kind == "sqlite":
            path = Path(self.url.removeprefix("sqlite:///"))
            return sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 1e6
        engine = sa.create_engine(self.url)
        with engine.connect() as connection:
            size = connection.scalar(sa.text("SELECT pg_database_size(current_database())"))
        engine.dispose()
        return size / 1e6


def migrate(database: Database) -> None:
    from flask_migrate import upgrade

    from reporting import create_app
    from reporting.extensions import db

    app = create_app(database.settings())
    with app.app_context():
        upgrade()
        db.engine.dispose()


@contextmanager
def sqlite_database(name: str = "reporting"):
    scratch = Path(tempfile.mkdtemp(prefix="bench-sqlite-", dir="/tmp"))
    try:
        yield Database("sqlite", f"sqlite:///{scratch / (name + '.sqlite3')}", scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


@contextmanager
def postgres_cluster():
    """A durable throwaway cluster; yields its server URL (no database name)."""
    from tests.support.postgres import throwaway_cluster

    with throwaway_cluster(durable=True) as server:
        yield server


@contextmanager
def postgres_database(server: str, name: str = "reporting"):
    from tests.support.postgres import create_database

    scratch = Path(tempfile.mkdtemp(prefix="bench-pg-", dir="/tmp"))
    url = create_database(server, name)
    try:
        yield Database("postgresql", url, scratch)
    finally:
        engine = sa.create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()
        shutil.rmtree(scratch, ignore_errors=True)
