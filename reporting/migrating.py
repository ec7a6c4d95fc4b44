"""Flask-Migrate attached to the app without importing it: Alembic is loaded only when migrations run.

A web worker never migrates, yet importing Flask-Migrate brings in Alembic, Mako and Pygments
(about 9 MB in every gunicorn worker). This is the one place they are imported late: `flask db …`
and `flask_migrate.upgrade()` (the tests, the benchmark, `migrations/env.py`) work as before.
"""

from functools import cached_property

import click
from flask import Flask
from flask_sqlalchemy import SQLAlchemy


class MigrationSettings:
    """What Flask-Migrate and `migrations/env.py` read from `app.extensions["migrate"]`.

    The same attributes as Flask-Migrate's own record of them, with its `Migrate` made on first use.
    """

    def __init__(self, db: SQLAlchemy, directory: str, **configure_args) -> None:
        self.db = db
        self.directory = directory
        self.configure_args = configure_args

    @property
    def metadata(self):
        return self.db.metadata

    @cached_property
    def migrate(self):
        from flask_migrate import Migrate

        return Migrate(db=self.db, directory=self.directory, **self.configure_args)


class MigrationCommands(click.Group):
    """`flask db`: hands the command line over to Flask-Migrate's own `db` group, imported then."""

    def __init__(self) -> None:
        super().__init__("db", help="Perform database migrations.")

    def make_context(self, info_name, args, parent=None, **extra) -> click.Context:
        from flask_migrate.cli import db

        return db.make_context(info_name, args, parent=parent, **extra)


def init_app(app: Flask, db: SQLAlchemy, directory: str, **configure_args) -> None:
    app.extensions["migrate"] = MigrationSettings(db, directory, **configure_args)
    app.cli.add_command(MigrationCommands())
