"""Start-up checks: every missing or malformed setting, one line each, before the app serves or a command runs.

`configuration_problems(config, production=…)` lists the problems (an empty list when there are none).
`create_app` raises `ConfigurationError` carrying them; gunicorn (`'reporting:create_app()'`) prints the
lines and stops ("App failed to load", exit status 4), as the error is one of its own `AppImportError`s.

With several workers, each fails on its own; gunicorn's master, seeing two fail at once, can add a traceback
of its own. `check_before_serving` is for a gunicorn configuration's `on_starting` hook: the master prints the
problems and stops before any worker starts.

On the command line (`flask --app reporting …`) the app is built anyway, with its commands only, so that
`--help` of every command works and `keys new` makes the very key production asks for; any other command
prints the problems and exits with status 1, before doing anything. Flask's own commands that use the app
itself (`flask run`, `shell`, `routes`) would get an app with no pages, so they print the problems and exit
with status 1 as the app is built.
"""

import copy
import sys
from collections.abc import Callable, Mapping

import click

try:  # gunicorn shows an AppImportError as its message alone, without a traceback, and stops
    from gunicorn.errors import AppImportError as _LoadError
except ImportError:  # pragma: no cover - gunicorn is installed wherever the app is served
    _LoadError = Exception

NEW_SECRET_KEY = "python -c 'import secrets; print(secrets.token_hex(32))'"
NEW_ENCRYPTION_KEY = "flask --app reporting keys new"

# Whole numbers; SESSION_MAX_HOURS may be any number.
WHOLE_NUMBERS = (
    "DRAFT_MAX_AGE_DAYS",
    "AUDIT_ADDRESS_DAYS",
    "MAIL_PORT",
    "ERASURE_COOLING_OFF_DAYS",
    "FOLLOW_UP_DAYS",
    "FOLLOW_UP_VALID_DAYS",
)
# Idle times may be given as a fraction of a minute in `create_app` overrides (the tests use seconds).
NUMBERS = ("SESSION_MAX_HOURS", "SESSION_IDLE_MINUTES", "SELF_REPORT_IDLE_MINUTES")
# Commands that run whatever the configuration says (their words after `flask`).
RUN_WITHOUT_CONFIGURATION = {("keys", "new")}


class ConfigurationError(_LoadError, RuntimeError):
    """The settings do not let the app start: `problems` holds one line for each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


def configuration_problems(config: Mapping, production: bool) -> list[str]:
    """Every problem with the settings, one plain-English line each, for an operator."""
    problems = _production_problems(config) if production else []
    problems += _key_problems(config.get("DATA_ENCRYPTION_KEYS") or [])
    problems += _proxy_problems(config.get("TRUSTED_PROXIES"))
    problems += _number_problems(config)
    problems += _rate_limit_problems(config)
    return problems


def _production_problems(config: Mapping) -> list[str]:
    problems = []
    if not config.get("SECRET_KEY"):
        problems.append(f"SECRET_KEY must be set when REPORTING_ENV=production (make one: {NEW_SECRET_KEY})")
    if not config.get("DATA_ENCRYPTION_KEYS"):
        problems.append(
            f"DATA_ENCRYPTION_KEYS must be set when REPORTING_ENV=production (make a key: {NEW_ENCRYPTION_KEY})"
        )
    if not config.get("SQLALCHEMY_DATABASE_URI"):
        problems.append("DATABASE_URL must be set when REPORTING_ENV=production (postgresql+psycopg://…)")
    if str(config.get("RATELIMIT_STORAGE_URI", "")).startswith(("memory://", "async+memory://")):
        problems.append(
            "RATELIMIT_STORAGE_URI must not be memory:// when REPORTING_ENV=production: each gunicorn worker would "
            "keep its own rate-limit counters, multiplying every limit by the number of workers and servers; "
            "use Redis (RATELIMIT_STORAGE_URI=redis://localhost:6379/0)"
        )
    return problems


def _key_problems(keys) -> list[str]:
    """Each key must be a Fernet key; the line names its position, never the key itself."""
    from cryptography.fernet import Fernet

    if isinstance(keys, str):
        keys = [key for key in keys.split(",") if key.strip()]
    problems = []
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key.strip().encode())
        except (ValueError, TypeError, AttributeError):
            problems.append(
                f"DATA_ENCRYPTION_KEYS: key {position} of {len(keys)} is not a Fernet key "
                f"(32 url-safe base64-encoded bytes; make one: {NEW_ENCRYPTION_KEY})"
            )
    return problems


def _proxy_problems(value) -> list[str]:
    from .proxies import trusted_proxies

    try:
        trusted_proxies(value)
    except RuntimeError as error:
        return [str(error)]
    return []


def _number_problems(config: Mapping) -> list[str]:
    problems = []
    for name in WHOLE_NUMBERS + NUMBERS:
        value = config.get(name)
        kinds = (int, float) if name in NUMBERS else (int,)
        if value is not None and (isinstance(value, bool) or not isinstance(value, kinds)):
            kind = "a number" if name in NUMBERS else "a whole number"
            problems.append(f"{name} must be {kind}, not {value!r}")
    return problems


def _rate_limit_problems(config: Mapping) -> list[str]:
    """Every `…_RATE_LIMIT` and `…_FAILURE_LIMIT` setting, and where the counters are kept."""
    from limits import parse_many
    from limits.storage import SCHEMES

    problems = []
    for name in sorted(config):
        if not (isinstance(name, str) and name.endswith(("_RATE_LIMIT", "_FAILURE_LIMIT"))):
            continue
        try:
            parse_many(config[name])
        except (ValueError, TypeError):
            problems.append(
                f"{name} must be rate limits like '10 per minute' or '60 per minute;600 per hour', not {config[name]!r}"
            )
    storage = str(config.get("RATELIMIT_STORAGE_URI") or "memory://")
    scheme = storage.split("://", 1)[0] if "://" in storage else ""
    if scheme not in SCHEMES:
        problems.append(f"RATELIMIT_STORAGE_URI must be a storage address such as redis://localhost:6379/0, "
                        f"not one starting {scheme or storage!r}")  # fmt: skip
    return problems


def environment_problems() -> list[str]:
    """The problems with the settings in the environment (no overrides), without building the app."""
    from .config import ProductionConfig, load_config

    try:
        settings = load_config()
    except ConfigurationError as error:
        return error.problems
    values = {name: getattr(settings, name) for name in dir(settings) if name.isupper()}
    return configuration_problems(values, production=isinstance(settings, ProductionConfig))


def check_before_serving(server=None) -> None:
    """gunicorn's `on_starting` hook (`on_starting = check_before_serving` in its configuration file): with a
    problem, print every one and exit with status 1 before any worker starts."""
    problems = environment_problems()
    if problems:
        report(problems)
        sys.exit(1)


def running_a_command() -> bool:
    """Whether the app is being built by the `flask` command line (rather than gunicorn or a test)."""
    from flask.cli import ScriptInfo

    context = click.get_current_context(silent=True)
    return context is not None and context.find_object(ScriptInfo) is not None


def command_uses_the_app() -> bool:
    """Whether a command is building the app to use it (`flask run`, `shell`, `routes`), rather than the `flask`
    group building it to find the app's own commands (which then refuse to run, or show their help)."""
    context = click.get_current_context(silent=True)
    return context is not None and context.parent is not None


def report(problems: list[str]) -> None:
    """Print the problems, one line each, on standard error."""
    for problem in problems:
        click.echo(f"Error: {problem}", err=True)


def refuse_commands(app, problems: list[str]) -> None:
    """Make every command of `app` (but those that need no configuration) print the problems and exit 1.

    Help still works: `--help` answers before a command runs. The commands are copied, not changed, as the
    same command objects serve every app made in this process.
    """
    app.cli.commands = {name: _refusing(command, (name,), problems) for name, command in app.cli.commands.items()}


def _refusing(command: click.Command, words: tuple, problems: list[str]) -> click.Command:
    if words in RUN_WITHOUT_CONFIGURATION:
        return command
    if isinstance(command, click.Group) and command.commands:
        group = copy.copy(command)
        group.commands = {name: _refusing(sub, (*words, name), problems) for name, sub in command.commands.items()}
        return group
    if isinstance(command, click.Group):  # a group that loads its commands when used (`db`)
        return _LazyRefusingGroup(command, problems)
    refused = copy.copy(command)
    refused.callback = _refuse(problems)
    return refused


def _refuse(problems: list[str]) -> Callable:
    def refuse(*args, **kwargs):
        report(problems)
        sys.exit(1)

    return refuse


class _LazyRefusingGroup(click.Group):
    """A group whose commands are made when it is used: its commands refuse, once they are made."""

    def __init__(self, group: click.Group, problems: list[str]) -> None:
        super().__init__(group.name, help=group.help)
        self.group = group
        self.problems = problems

    def make_context(self, info_name, args, parent=None, **extra) -> click.Context:
        context = self.group.make_context(info_name, args, parent=parent, **extra)
        context.command = _refusing(context.command, (info_name,), self.problems)
        return context
