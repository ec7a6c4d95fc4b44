"""Start-up in production, as an operator meets it: `keys new` and every command's `--help` work before the keys
exist; a bad configuration stops `flask` and gunicorn with one line per problem, never a traceback; and the
health check answers a plain HTTP probe."""

import json
import subprocess
import sys

import pytest

from reporting.configuration import ConfigurationError
from tests.support.client import ClientRequest
from tests.support.production import environment, production_app


def _flask(database_url: str, *words: str, **settings: str | None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "flask", "--app", "reporting", *words]
    env = environment(database_url, **settings)
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


def _lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip()]


def test_keys_new_works_in_production_before_any_key_or_secret_exists(sqlite_url):
    done = _flask(sqlite_url, "keys", "new", SECRET_KEY=None, DATA_ENCRYPTION_KEYS=None, DATABASE_URL=None)
    assert done.returncode == 0, done.stderr
    from cryptography.fernet import Fernet

    Fernet(done.stdout.strip().encode())  # a usable key, and nothing else on standard output
    assert done.stderr == ""


# What each problem says: (settings, the start of its line)
PROBLEMS = [
    ({"SECRET_KEY": None}, "SECRET_KEY must be set when REPORTING_ENV=production"),
    ({"DATA_ENCRYPTION_KEYS": None}, "DATA_ENCRYPTION_KEYS must be set when REPORTING_ENV=production"),
    ({"DATA_ENCRYPTION_KEYS": "not-a-key"}, "DATA_ENCRYPTION_KEYS: key 1 of 1 is not a Fernet key"),
    ({"TRUSTED_PROXIES": "two"}, "TRUSTED_PROXIES must be a whole number of proxies, 0 or more, not 'two'"),
    ({"RATELIMIT_STORAGE_URI": "memory://"}, "RATELIMIT_STORAGE_URI must not be memory://"),
    ({"SIGN_IN_RATE_LIMIT": "lots"}, "SIGN_IN_RATE_LIMIT must be rate limits like '10 per minute'"),
    ({"SESSION_IDLE_MINUTES": "abc"}, "SESSION_IDLE_MINUTES must be a number, not 'abc'"),
    ({"DRAFT_MAX_AGE_DAYS": "soon"}, "DRAFT_MAX_AGE_DAYS must be a whole number, not 'soon'"),
]


@pytest.mark.parametrize(("settings", "line"), PROBLEMS, ids=[line.split()[0] for _, line in PROBLEMS])
def test_each_problem_stops_a_command_with_its_own_line_and_no_traceback(sqlite_url, settings, line):
    done = _flask(sqlite_url, "db", "current", **settings)
    assert done.returncode == 1
    assert len(_lines(done.stderr)) == 1 and _lines(done.stderr)[0].startswith(f"Error: {line}"), done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_memory_rate_limits_are_refused_in_production_saying_why(sqlite_url):
    done = _flask(sqlite_url, "db", "current", RATELIMIT_STORAGE_URI="memory://")
    assert "each gunicorn worker would keep its own rate-limit counters" in done.stderr
    assert "use Redis (RATELIMIT_STORAGE_URI=redis://" in done.stderr


def test_every_problem_is_listed_at_once(sqlite_url):
    done = _flask(sqlite_url, "db", "current", SECRET_KEY=None, DATA_ENCRYPTION_KEYS=None,
                  TRUSTED_PROXIES="-1", SESSION_IDLE_MINUTES="soon")  # fmt: skip
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert [line.split()[1] for line in _lines(done.stderr)] == [
        "SECRET_KEY", "DATA_ENCRYPTION_KEYS", "TRUSTED_PROXIES", "SESSION_IDLE_MINUTES"]  # fmt: skip


HELP_OF_EVERY_COMMAND = """
import json, click
from click.testing import CliRunner
from flask.cli import ScriptInfo, cli

def paths(group, words, ctx):
    for name in group.list_commands(ctx):
        if words == () and name == "limiter":  # Flask-Limiter's own, which need its `cli` extra, not installed
            continue
        command = group.get_command(ctx, name)
        if words == () and name == "db":  # `db` loads Flask-Migrate's commands when used
            from flask_migrate.cli import db as command
        yield (*words, name)
        if isinstance(command, click.Group):
            yield from paths(command, (*words, name), ctx)

with click.Context(cli, obj=ScriptInfo(app_import_path="reporting")) as ctx:
    every = list(paths(cli, (), ctx))
runner = CliRunner()
results = {}
for words in every:
    result = runner.invoke(cli, ["--app", "reporting", *words, "--help"])
    results[" ".join(words)] = [result.exit_code, "Usage:" in result.output, repr(result.exception)]
print(json.dumps(results))
"""


def test_help_of_every_command_works_in_production_without_keys(sqlite_url):
    env = environment(sqlite_url)
    for name in ("SECRET_KEY", "DATA_ENCRYPTION_KEYS"):
        env.pop(name)
    done = subprocess.run([sys.executable, "-c", HELP_OF_EVERY_COMMAND], env=env, capture_output=True, text=True,
                          timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    assert {"keys new", "keys rotate", "users create", "db upgrade", "backup", "retention apply"} <= set(results)
    assert {words: result for words, result in results.items() if result[:2] != [0, True]} == {}


def test_gunicorn_stops_with_the_problems_and_no_traceback(sqlite_url):
    command = [sys.executable, "-m", "gunicorn", "--workers", "1", "--bind", "127.0.0.1:0", "reporting:create_app()"]
    env = environment(sqlite_url, SECRET_KEY=None, RATELIMIT_STORAGE_URI="memory://")
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 4  # gunicorn's "App failed to load."
    assert "SECRET_KEY must be set when REPORTING_ENV=production" in done.stderr
    assert "RATELIMIT_STORAGE_URI must not be memory://" in done.stderr
    assert "Traceback" not in done.stderr


def test_create_app_raises_one_error_carrying_every_problem(monkeypatch, sqlite_url):
    for name, value in environment(sqlite_url, SECRET_KEY=None, RATELIMIT_STORAGE_URI="memory://").items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    from reporting import create_app

    with pytest.raises(ConfigurationError) as raised:
        create_app()
    assert [problem.split()[0] for problem in raised.value.problems] == ["SECRET_KEY", "RATELIMIT_STORAGE_URI"]


def test_healthz_answers_a_plain_http_probe_in_production(monkeypatch, sqlite_url):
    with production_app(monkeypatch, sqlite_url) as app:
        assert app.config["FORCE_HTTPS"]
        browser = ClientRequest(app.test_client(), auth=None)
        response = browser.get_response("health.healthz", _expected_status=200)
        assert response.get_json() == {"status": "ok", "database": "ok"}
        # Every other page still goes to HTTPS.
        assert app.test_client().get("/").status_code == 302


def test_gunicorn_checks_before_any_worker_starts_with_the_on_starting_hook(sqlite_url, tmp_path):
    settings = tmp_path / "gunicorn.conf.py"
    settings.write_text("from reporting.configuration import check_before_serving as on_starting\n")
    command = [sys.executable, "-m", "gunicorn", "-c", str(settings), "--workers", "2", "--bind", "127.0.0.1:0",
               "reporting:create_app()"]  # fmt: skip
    done = subprocess.run(command, env=environment(sqlite_url, DATA_ENCRYPTION_KEYS="nope"), capture_output=True,
                          text=True, timeout=120)  # fmt: skip
    assert done.returncode == 1
    errors = [line for line in _lines(done.stderr) if not line.startswith("[")]  # gunicorn's own log lines
    assert errors == ["Error: DATA_ENCRYPTION_KEYS: key 1 of 1 is not a Fernet key (32 url-safe base64-encoded "
                      "bytes; make one: flask --app reporting keys new)"]  # fmt: skip
    assert "Booting worker" not in done.stderr


@pytest.mark.parametrize("words", [("run", "--port", "0"), ("run", "--debug", "--port", "0"), ("routes",)],
                         ids=["run", "run-debug", "routes"])  # fmt: skip
def test_flasks_own_commands_stop_with_the_problems_instead_of_serving_an_app_with_no_pages(sqlite_url, words):
    done = _flask(sqlite_url, *words, SECRET_KEY=None, TRUSTED_PROXIES="two")
    assert done.returncode == 1
    assert [line.split()[1] for line in _lines(done.stderr)] == ["SECRET_KEY", "TRUSTED_PROXIES"], done.stderr
    assert "Serving Flask app" not in done.stdout + done.stderr
    assert "Traceback" not in done.stderr


def test_help_of_flask_run_works_in_production_without_keys(sqlite_url):
    done = _flask(sqlite_url, "run", "--help", SECRET_KEY=None, DATA_ENCRYPTION_KEYS=None)
    assert done.returncode == 0 and "Run a local development server" in done.stdout
