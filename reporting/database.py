"""Database connection settings: SQLite gets WAL and enforced foreign keys on every connection."""

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine


def _on_sqlite_connect(dbapi_connection, connection_record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def init_app(app: Flask) -> None:
    from .extensions import db

    with app.app_context():
        engine: Engine = db.engine
        if engine.dialect.name == "sqlite" and not event.contains(engine, "connect", _on_sqlite_connect):
            event.listen(engine, "connect", _on_sqlite_connect)
