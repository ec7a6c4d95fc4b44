"""Builds the app: `create_app` makes a Flask app and wires its extensions, blueprints and commands."""

import logging
from pathlib import Path

from flask import Flask
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader

from .config import INSTANCE_DIR, PROJECT_ROOT, load_config
from .extensions import babel, csrf, db, limiter, login_manager, talisman

MIGRATIONS_DIR = PROJECT_ROOT / "migrations"


def create_app(config: dict | None = None) -> Flask:
    """Build the app; `config` is a dict of overrides applied over the environment's settings."""
    overrides = dict(config or {})
    app = Flask(
        "reporting",  # the package: its folder holds `static`, and its name names the logger
        instance_path=str(INSTANCE_DIR),
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder="static",
    )
    problems = _configure(app, overrides)
    if problems:
        return _app_refusing_to_start(app, problems)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    _configure_encryption(app)
    _configure_templates(app)
    _register_template_helpers(app)
    _init_extensions(app)
    _register_blueprints(app)
    _register_commands(app)
    logging.getLogger("reporting").setLevel(app.config.get("LOG_LEVEL", logging.INFO))
    return app


def _configure(app: Flask, overrides: dict) -> list[str]:
    """Load the settings; every problem with them, one line each (reporting/configuration.py)."""
    from .config import Config, ProductionConfig
    from .configuration import ConfigurationError, configuration_problems

    try:
        settings = load_config(overrides.pop("REPORTING_ENV", None))
    except ConfigurationError as error:
        app.config.from_object(Config())
        return error.problems
    app.config.from_object(settings)
    app.config.update(overrides)
    return configuration_problems(app.config, production=isinstance(settings, ProductionConfig))


def _app_refusing_to_start(app: Flask, problems: list[str]) -> Flask:
    """Stop with the problems; on the command line, an app with its commands only, which print them instead."""
    from .configuration import ConfigurationError, command_uses_the_app, refuse_commands, report, running_a_command

    if not running_a_command():
        raise ConfigurationError(problems)
    if command_uses_the_app():  # `flask run`, `shell`, `routes`: an app without its pages would be no use
        report(problems)
        raise SystemExit(1)
    from . import migrating

    migrating.init_app(app, db, directory=str(MIGRATIONS_DIR))
    _register_commands(app)
    refuse_commands(app, problems)
    return app


def _configure_encryption(app: Flask) -> None:
    """Personal details are encrypted at rest; outside production a key is kept in the instance folder."""
    from .crypto import keyring, new_key

    keys = app.config.get("DATA_ENCRYPTION_KEYS") or []
    if not keys:
        key_file = Path(app.instance_path) / "data-encryption.key"
        if not key_file.exists():
            key_file.write_text(new_key() + "\n")
            key_file.chmod(0o600)
        keys = [key_file.read_text().strip()]
    keyring.configure(keys)


def _configure_templates(app: Flask) -> None:
    from .templating import TemplateEnvironment

    app.jinja_environment = TemplateEnvironment  # before the first use of app.jinja_env creates it
    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(str(PROJECT_ROOT / "templates")),
            PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja")}),
        ]
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    if app.config.get("JINJA_STRICT"):
        from .templating import StrictNameUndefined

        app.jinja_env.undefined = StrictNameUndefined


def _register_template_helpers(app: Flask) -> None:
    """Every template global, filter and context processor, registered here and nowhere else."""
    for helper in _template_globals():
        app.add_template_global(helper)
    for name, helper in _template_filters().items():
        app.add_template_filter(helper, name)
    for processor in _context_processors():
        app.context_processor(processor)


def _template_globals() -> tuple:
    from .assets import asset_import_map
    from .cases.rules import TEMPLATE_GLOBALS as CASE_RULES
    from .cases.rules import may_write_to_person
    from .cases.views import case_work
    from .centres.display import centre_display
    from .centres.finding import centre_page_url
    from .forms.drawing import TEMPLATE_GLOBALS as FIELD_DRAWING
    from .limit_pages import minutes_until_retry, ways_to_report_elsewhere
    from .links.views import TEMPLATE_GLOBALS as LINKS
    from .recordings.display import TEMPLATE_GLOBALS as RECORDINGS
    from .referrals.views import receipt_language, referral_options
    from .satisfaction.services import follow_up_link

    pages = (ways_to_report_elsewhere, minutes_until_retry, referral_options, receipt_language, follow_up_link)
    pages += (may_write_to_person,)  # the case history on the report page
    pages += LINKS  # linked reports on the report page, the flag on lists
    pages += RECORDINGS  # the recorder and the staff player
    return (*FIELD_DRAWING, *pages, centre_display, centre_page_url, *CASE_RULES, case_work, asset_import_map)


def _template_filters() -> dict:
    from .admin.views import role_label
    from .filters import FILTERS
    from .referrals import pdf
    from .referrals.views import referral_method, referral_recipient

    referrals = {"referral_recipient": referral_recipient, "referral_method": referral_method}
    documents = {"css_string": pdf.css_string, "page_counter": pdf.page_counter, "isolate": pdf.isolate}
    return {**FILTERS, "role_label": role_label, **referrals, **documents}


def _context_processors() -> tuple:
    from .auth.sessions import session_timeout
    from .i18n import template_globals

    return (template_globals, session_timeout)


def _init_extensions(app: Flask) -> None:
    from . import assets, body_limits, database, i18n, mail, migrating, proxies, security

    proxies.init_app(app)  # the client's address behind trusted proxies, for rate limits and the audit trail
    body_limits.init_app(app)
    db.init_app(app)
    database.init_app(app)
    migrating.init_app(app, db, directory=str(MIGRATIONS_DIR), render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale, timezone_selector=lambda: "Europe/London")
    i18n.init_app(app)
    security.init_app(app, talisman)
    mail.init_app(app)
    assets.init_app(app)  # static URLs carry their file's version; versioned responses are cached for a year


def _register_blueprints(app: Flask) -> None:
    from .admin import bp as admin_bp
    from .auth import bp as auth_bp
    from .cases.views import bp as cases_bp
    from .centres.public import bp as public_centres_bp
    from .check import blueprints as check_blueprints
    from .errors import init_app as init_errors
    from .health import bp as health_bp
    from .intake import bp as intake_bp
    from .links.views import bp as links_bp
    from .pages import bp as pages_bp
    from .referrals import bp as referrals_bp
    from .reports import bp as reports_bp
    from .review import blueprint as review_blueprint
    from .satisfaction import blueprint as satisfaction_blueprint
    from .selfreport import blueprints as self_report_blueprints
    from .statistics import blueprint as statistics_blueprint

    satisfaction_bp = satisfaction_blueprint()
    blueprints = (pages_bp, health_bp, auth_bp, reports_bp, referrals_bp, intake_bp, admin_bp, satisfaction_bp)
    for blueprint in (*blueprints, *self_report_blueprints(), review_blueprint(), *check_blueprints()):
        app.register_blueprint(blueprint)
    app.register_blueprint(public_centres_bp)
    app.register_blueprint(statistics_blueprint())
    app.register_blueprint(cases_bp)
    app.register_blueprint(links_bp)
    init_errors(app)


def _register_commands(app: Flask) -> None:
    from .cli import register

    register(app)
