"""Configuration from the environment."""

import pytest

from reporting.config import load_config


def _production_problems(**config) -> list[str]:
    from reporting.configuration import configuration_problems

    settings = load_config("production")
    values = {name: getattr(settings, name) for name in dir(settings) if name.isupper()}
    return configuration_problems({**values, "RATELIMIT_STORAGE_URI": "redis://localhost/0", **config}, True)


def test_production_lists_a_missing_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://db.example/reporting")
    monkeypatch.setenv("DATA_ENCRYPTION_KEYS", "Qp0dtoCy7Ne3e5mC2qj3yW6Hk8bTqk0g3o6z9Xb0Yl4=")
    problems = _production_problems()
    assert len(problems) == 1 and problems[0].startswith("SECRET_KEY must be set when REPORTING_ENV=production")


def test_production_lists_missing_data_encryption_keys(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "s3cret-from-env")
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://db.example/reporting")
    monkeypatch.delenv("DATA_ENCRYPTION_KEYS", raising=False)
    problems = _production_problems()
    assert len(problems) == 1 and problems[0].startswith("DATA_ENCRYPTION_KEYS must be set")
    assert "flask --app reporting keys new" in problems[0]


def test_production_lists_memory_rate_limit_storage_and_says_to_use_redis(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "s3cret-from-env")
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://db.example/reporting")
    monkeypatch.setenv("DATA_ENCRYPTION_KEYS", "Qp0dtoCy7Ne3e5mC2qj3yW6Hk8bTqk0g3o6z9Xb0Yl4=")
    (problem,) = _production_problems(RATELIMIT_STORAGE_URI="memory://")
    assert problem.startswith("RATELIMIT_STORAGE_URI must not be memory://") and "redis://" in problem


def test_malformed_settings_are_each_listed_outside_production_too():
    from reporting.config import Config
    from reporting.configuration import configuration_problems

    values = {name: getattr(Config, name) for name in dir(Config) if name.isupper()}
    assert configuration_problems(values, production=False) == []
    bad = {"SESSION_MAX_HOURS": "half a day", "MAIL_PORT": "smtp", "CHECK_RATE_LIMIT": "30 a minute",
           "DATA_ENCRYPTION_KEYS": ["Qp0dtoCy7Ne3e5mC2qj3yW6Hk8bTqk0g3o6z9Xb0Yl4=", "secret-ish"],
           "TRUSTED_PROXIES": "-1", "RATELIMIT_STORAGE_URI": "rediss-ish://host"}  # fmt: skip
    problems = configuration_problems({**values, **bad}, production=False)
    assert [problem.split()[0].rstrip(":") for problem in problems] == [
        "DATA_ENCRYPTION_KEYS", "TRUSTED_PROXIES", "MAIL_PORT", "SESSION_MAX_HOURS", "CHECK_RATE_LIMIT",
        "RATELIMIT_STORAGE_URI"]  # fmt: skip
    assert "key 2 of 2" in problems[0] and "secret-ish" not in problems[0]  # the key itself is never printed


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
    from reporting.configuration import ConfigurationError

    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("REPORTING_ENV", "production")
    with pytest.raises(ConfigurationError, match="SECRET_KEY"):
        create_app()
