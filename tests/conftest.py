"""Shared fixtures: apps on SQLite and PostgreSQL built by the migrations, clients, sign-in, `client_request`."""

import os
import shutil

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from reporting import create_app
from reporting.extensions import db as _db
from tests.support import factories
from tests.support.client import ClientRequest, CSRFClient
from tests.support.intake import TEMPLATE_CACHE
from tests.support.postgres import PostgresUnavailable, create_database, database_for_worker, throwaway_cluster
from tests.support.smtp import mail_config, start_server

CI = os.environ.get("CI") == "true"
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER")  # gw0, gw1, … under pytest-xdist; None otherwise


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashing():
    """Argon2 with the smallest cost in tests: the production cost is ~0.1 s a hash, which adds up."""
    from argon2 import PasswordHasher

    from reporting.auth import services

    original = services._hasher
    services._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    yield
    services._hasher = original


def make_app(database_url: str, **overrides):
    config = {
        "REPORTING_ENV": "test",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "JINJA_STRICT": True,
        "RATELIMIT_ENABLED": True,
    }
    config.update(overrides)
    app = create_app(config)
    app.test_client_class = CSRFClient
    app.jinja_env.bytecode_cache = TEMPLATE_CACHE  # compile each template once per test session
    return app


def migrate_to_head(database_url: str) -> None:
    app = make_app(database_url)
    with app.app_context():
        upgrade()
        _db.engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    """A SQLite file migrated once; each test gets its own copy."""
    path = tmp_path_factory.mktemp("sqlite") / "template.sqlite3"
    url = f"sqlite:///{path}"
    migrate_to_head(url)
    return path


@pytest.fixture(scope="session")
def postgres_url():
    """A migrated PostgreSQL database: `TEST_DATABASE_URL`, or a throwaway cluster of our own.

    Under pytest-xdist every worker has a database of its own: a cluster of its own, or, on the
    server `TEST_DATABASE_URL` names, a database suffixed with the worker's id (`reporting_gw0`)."""
    given = os.environ.get("TEST_DATABASE_URL", "")
    if given.startswith("postgresql"):
        url = database_for_worker(given, XDIST_WORKER)
        migrate_to_head(url)
        yield url
        return
    try:
        with throwaway_cluster() as server:
            url = create_database(server, "reporting_test")
            migrate_to_head(url)
            yield url
    except PostgresUnavailable as error:
        if CI:
            pytest.fail(f"PostgreSQL is required when CI=true: {error}")
        pytest.skip(f"PostgreSQL not available: {error}")


def _truncate_postgres(url: str) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        tables = [name for name in sa.inspect(connection).get_table_names() if name != "alembic_version"]
        connection.execute(sa.text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture
def sqlite_url(sqlite_template, tmp_path):
    path = tmp_path / "reporting.sqlite3"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


def _app_context(url: str, overrides: dict):
    app = make_app(url, **overrides)
    with app.app_context():
        yield app
        _db.session.remove()
        _db.engine.dispose()


@pytest.fixture
def evidence_dir(tmp_path):
    """Where this test's evidence files are kept."""
    return tmp_path / "evidence"


@pytest.fixture
def inbox():
    """A real SMTP server on loopback for the test, and what it received."""
    controller, received = start_server()
    yield received
    controller.stop()


@pytest.fixture
def app_config(request, evidence_dir) -> dict:
    """Per-test config overrides; override this fixture (or parametrize it) to change settings. A module that sets
    `SENDS_MAIL = True` gets an app that sends its email to the test's `inbox`."""
    config = {"EVIDENCE_DIR": str(evidence_dir)}
    if getattr(request.module, "SENDS_MAIL", False):
        config.update(mail_config(request.getfixturevalue("inbox")))
    return config


@pytest.fixture
def app(sqlite_url, app_config):
    yield from _app_context(sqlite_url, app_config)


@pytest.fixture
def pg_app(postgres_url, app_config):
    yield from _app_context(postgres_url, app_config)
    _truncate_postgres(postgres_url)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_app(request, app_config):
    """The same test on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        url = request.getfixturevalue("sqlite_url")
        yield from _app_context(url, app_config)
    else:
        url = request.getfixturevalue("postgres_url")
        yield from _app_context(url, app_config)
        _truncate_postgres(url)


@pytest.fixture
def db(app):
    return _db


@pytest.fixture
def client(app):
    return app.test_client()


class Auth:
    """Signs a test client in through the real sign-in form."""

    def __init__(self, client):
        self.client = client

    def login(self, user):
        response = self.client.post("/sign-in", data={"email": user.email, "password": factories.PASSWORD})
        assert response.status_code == 302, "sign-in failed"
        return response

    def login_as(self, role: str, centre=None):
        email = f"{role}-{centre.code if centre else 'all'}@example.org"
        user = factories.user(email, role=role, centre_obj=centre)
        _db.session.commit()
        self.login(user)
        return user


@pytest.fixture
def auth(client):
    return Auth(client)


@pytest.fixture
def client_request(client, auth):
    """Requests by endpoint name that assert their status and check every page: see `ClientRequest`."""
    return ClientRequest(client, auth)
