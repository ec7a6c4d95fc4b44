"""A production app in the test process, and the environment for running `flask` and gunicorn in production."""

import os
from contextlib import contextmanager

from reporting import create_app
from reporting.extensions import db
from tests.support.client import CSRFClient

ENCRYPTION_KEY = "Qp0dtoCy7Ne3e5mC2qj3yW6Hk8bTqk0g3o6z9Xb0Yl4="
# A valid production environment. Redis is named but never reached: the tests using it turn the rate limits
# off (nothing they request is limited), as no Redis runs in the test suite.
VALID = {
    "REPORTING_ENV": "production",
    "SECRET_KEY": "a-production-secret",
    "DATA_ENCRYPTION_KEYS": ENCRYPTION_KEY,
    "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:1/0",
}
# Settings a production environment might carry over from the test process, and would change the outcome.
SETTINGS = (*VALID, "DATABASE_URL", "TRUSTED_PROXIES", "FORCE_HTTPS", "SESSION_IDLE_MINUTES", "SIGN_IN_RATE_LIMIT")


def environment(database_url: str, **settings: str | None) -> dict:
    """The environment of a `flask` or gunicorn process in production: `VALID`, then `settings` (None unsets)."""
    env = {name: value for name, value in os.environ.items() if name not in SETTINGS}
    env.update(VALID, DATABASE_URL=database_url)
    for name, value in settings.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


@contextmanager
def production_app(monkeypatch, database_url: str, **config):
    """A production app (REPORTING_ENV=production from the environment) with its rate limits off.

    Settings read when `reporting.config` was imported (all but the secrets and the database) come as `config`.
    """
    for name, value in environment(database_url).items():
        monkeypatch.setenv(name, value)
    storage = VALID["RATELIMIT_STORAGE_URI"]
    app = create_app({"RATELIMIT_ENABLED": False, "RATELIMIT_STORAGE_URI": storage, **config})
    app.test_client_class = CSRFClient
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()
