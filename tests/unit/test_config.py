"""Configuration from the environment."""

import pytest

from reporting.config import load_config


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://db.example/reporting")
    with pytest.raises(RuntimeError, match="SECRET_KEY must be set when REPORTING_ENV=production"):
        load_config("production")


def test_production_refuses_to_start_without_data_encryption_keys(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "s3cret-from-env")
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://db.example/reporting")
    monkeypatch.delenv("DATA_ENCRYPTION_KEYS", raising=False)
    with pytest.raises(RuntimeError, match="DATA_ENCRYPTION_KEYS must be set"):
        load_config("production")


def test_production_reads_the_secret_key_and_database_from_the_environment(monkeypatch):
    monkeypatch.setenv("DATA_ENCRYPTION_KEYS", "Qp0dtoCy7Ne3e5mC2qj3yW6Hk8bTqk0g3o6z9Xb0Yl4=")
    monkeypatch.setenv("SECRET_KEY", "s3cret-from-env")
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://db.example/reporting")
    config = load_config("production")
    assert config.DATA_ENCRYPTION_KEYS == ["Qp0dtoCy7Ne3e5mC2qj3yW6Hk8bTqk0g3o6z9Xb0Yl4="]
    assert config.SECRET_KEY == "s3cret-from-env"
    assert config.SQLALCHEMY_DATABASE_URI == "postgresql+psycopg://db.example/reporting"
    assert config.SESSION_COOKIE_SECURE is True


def test_an_unknown_environment_name_is_refused():
    with pytest.raises(RuntimeError, match="REPORTING_ENV must be one of"):
        load_config("staging-ish")


def test_development_defaults_to_sqlite_in_the_instance_folder(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    import importlib

    import reporting.config as config_module

    reloaded = importlib.reload(config_module)
    assert reloaded.load_config("development").SQLALCHEMY_DATABASE_URI.endswith("instance/reporting.sqlite3")


def test_create_app_fails_at_start_up_in_production_without_a_secret(monkeypatch):
    from reporting import create_app

    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("REPORTING_ENV", "production")
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app()
