"""Configuration classes, fed by environment variables.

`REPORTING_ENV` picks the class (development, test, production); `DATABASE_URL` and
`SECRET_KEY` come from the environment. A setting that is missing or malformed is not refused here: the
values are kept as given, and `reporting.configuration.configuration_problems` lists every problem, so start-up
stops with one line for each (and `keys new` can still run to make the key production asks for).
"""

import os
from datetime import timedelta
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = PROJECT_ROOT / "instance"
KIB = 1024
MIB = 1024 * KIB


def _default_database_url() -> str:
    return f"sqlite:///{INSTANCE_DIR / 'reporting.sqlite3'}"


def _service_contact_from_environment() -> dict:
    fields = ("name", "phone", "email", "address", "hours")
    values = {name: os.environ.get(f"SERVICE_CONTACT_{name.upper()}", "").strip() for name in fields}
    return {name: value for name, value in values.items() if value}


def _number(name: str, default: str, kind=int):
    """A whole number (or, with `kind=float`, any number) from the environment; the text as given when it is
    not one, for `configuration_problems` to report."""
    value = os.environ.get(name, default)
    try:
        return kind(value)
    except ValueError:
        return value


def _keys_from_environment() -> list[str]:
    return [key for key in os.environ.get("DATA_ENCRYPTION_KEYS", "").split(",") if key.strip()]


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", "development-only-not-secret")
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL") or _default_database_url()
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_DURATION = timedelta(seconds=0)
    SESSION_IDLE_MINUTES = _number("SESSION_IDLE_MINUTES", "15")
    # Staff sessions also end this many hours after signing in, however busy (a cookie copied early stops working).
    SESSION_MAX_HOURS = _number("SESSION_MAX_HOURS", "12", float)
    # Unfinished assisted reports are deleted by `drafts purge` after this many days without a change.
    DRAFT_MAX_AGE_DAYS = _number("DRAFT_MAX_AGE_DAYS", "7")
    # The audit trail keeps a staff member's address for this many days; `retention apply` then clears it.
    AUDIT_ADDRESS_DAYS = _number("AUDIT_ADDRESS_DAYS", "90")
    # A report made online is closed in the browser that made it after this many minutes without a page being
    # used (a shared device); the draft stays on the server until `drafts purge`, unreachable from that browser.
    SELF_REPORT_IDLE_MINUTES = _number("SELF_REPORT_IDLE_MINUTES", "30")
    # Evidence files live outside any public folder: EVIDENCE_DIR, or `evidence/` in the instance folder.
    EVIDENCE_DIR = os.environ.get("EVIDENCE_DIR") or None
    EVIDENCE_MAX_FILES = 5
    EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
    # Files a report made online may carry (each up to EVIDENCE_MAX_BYTES), and their bytes together.
    SELF_REPORT_EVIDENCE_MAX_FILES = 5
    SELF_REPORT_EVIDENCE_MAX_BYTES = 20 * MIB
    # What one draft made online may take in 24 hours, counting files it took and then removed, so that adding
    # and removing files again and again cannot make a store of a report that is never sent.
    SELF_REPORT_EVIDENCE_DAILY_FILES = 10
    SELF_REPORT_EVIDENCE_DAILY_BYTES = 40 * MIB
    # The most bytes a request's body may have, by the kind of route it goes to (see reporting/body_limits.py
    # and the table in README.md); bodies with or without a Content-Length are refused (413) past the limit.
    BODY_LIMITS = {
        "public_form": 256 * KIB,  # pages anyone may post: a report made online, sign-in, the surveys
        "staff_form": MIB,  # pages for signed-in staff, and every route that declares no other kind
        "evidence_upload": EVIDENCE_MAX_FILES * EVIDENCE_MAX_BYTES + MIB,  # five files and the rest of the form
        "person_evidence": EVIDENCE_MAX_BYTES + 256 * KIB,  # one file added in "Check my report", and its words
        "self_report_evidence": SELF_REPORT_EVIDENCE_MAX_BYTES + 256 * KIB,  # a report made online's files at once
        "recording": 200 * MIB,  # an account told in BSL or by voice, recorded as video or sound
    }
    # Recorded accounts (reporting/recordings/): the longest, in seconds (the largest is the `recording` body
    # limit less 256 KiB for the form), and where the clean copy is made: "thread" (a worker thread of the app
    # process, started after the upload is stored) or "job" (only by `recordings process` / `jobs run`).
    RECORDING_MAX_SECONDS = _number("RECORDING_MAX_SECONDS", "600")
    RECORDING_PROCESSING = os.environ.get("RECORDING_PROCESSING", "thread")
    # How many proxies (TLS terminator, load balancer) stand in front of the app: the client's address and
    # scheme are taken from the last this-many X-Forwarded-For / X-Forwarded-Proto values (reporting/proxies.py).
    # 0: the app is reached directly, and those headers are ignored.
    TRUSTED_PROXIES = os.environ.get("TRUSTED_PROXIES", "0")
    WTF_CSRF_TIME_LIMIT = None
    # Pages are sent with `Referrer-Policy: no-referrer` (a search or a token in an address never leaves in a
    # header), so browsers send no Referer: Flask-WTF's referrer check on HTTPS would refuse every form in
    # production. The CSRF token, tied to the session, and SameSite cookies protect the forms.
    WTF_CSRF_SSL_STRICT = False
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = "Europe/London"
    BABEL_TRANSLATION_DIRECTORIES = str(PROJECT_ROOT / "translations")
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = True
    SIGN_IN_RATE_LIMIT = os.environ.get("SIGN_IN_RATE_LIMIT", "10 per minute")
    # Failed sign-ins allowed for one email from one address, and for one email from every address together
    # (see reporting/auth/throttle.py): guesses from elsewhere never lock the owner out of their own tablet.
    SIGN_IN_FAILURE_LIMIT = os.environ.get("SIGN_IN_FAILURE_LIMIT", "5 per 15 minutes")
    SIGN_IN_ACCOUNT_FAILURE_LIMIT = os.environ.get("SIGN_IN_ACCOUNT_FAILURE_LIMIT", "50 per hour")
    # Reports made online (reporting/selfreport/protection.py): answers posted and reports started, per browser
    # session, and per address. The address limits are generous, as people in a library or on a phone network
    # may share one address; one person rarely starts more than a few reports.
    SELF_REPORT_RATE_LIMIT = os.environ.get("SELF_REPORT_RATE_LIMIT", "60 per minute;600 per hour")
    SELF_REPORT_START_RATE_LIMIT = os.environ.get("SELF_REPORT_START_RATE_LIMIT", "5 per hour")
    SELF_REPORT_ADDRESS_RATE_LIMIT = os.environ.get("SELF_REPORT_ADDRESS_RATE_LIMIT", "600 per minute;6000 per hour")
    SELF_REPORT_ADDRESS_START_RATE_LIMIT = os.environ.get("SELF_REPORT_ADDRESS_START_RATE_LIMIT", "200 per hour")
    # Files sent to reports made online (each file counts, kept or refused), per browser session and per address.
    SELF_REPORT_UPLOAD_RATE_LIMIT = os.environ.get("SELF_REPORT_UPLOAD_RATE_LIMIT", "20 per hour")
    SELF_REPORT_ADDRESS_UPLOAD_RATE_LIMIT = os.environ.get("SELF_REPORT_ADDRESS_UPLOAD_RATE_LIMIT", "200 per hour")
    FORCE_HTTPS = False
    SERVICE_NAME = "Report a hate incident"
    # Where "Exit this page" sends someone: a neutral page that gives nothing away.
    EXIT_PAGE_URL = os.environ.get("EXIT_PAGE_URL", "https://www.bbc.co.uk/weather")
    PASSWORD_MIN_LENGTH = 12
    # Keys that encrypt personal details at rest (comma-separated Fernet keys, newest first). Outside
    # production, a key is made once and kept in instance/data-encryption.key when none is given.
    DATA_ENCRYPTION_KEYS = _keys_from_environment()
    # Fingerprint reports' identifying details and suggest links between reports of the same person (on by
    # default; "false" switches it off, as the bench does to measure what it costs the submit).
    LINKING_ENABLED = os.environ.get("LINKING_ENABLED", "true").strip().lower() not in ("0", "false", "no", "off")
    # Support services a report can be referred to; the person's receipt lists them as other help.
    # Each: a name, and optionally a phone number and a website.
    SUPPORT_ORGANISATIONS = [
        {"name": "Victim Support", "phone": "08 08 16 89 111", "website": "www.victimsupport.org.uk"},
        {"name": "Stop Hate UK", "phone": "0800 138 1625", "website": "www.stophateuk.org"},
        {"name": "Galop", "website": "galop.org.uk"},
        {"name": "Tell MAMA", "website": "www.tellmamauk.org"},
        {"name": "Community Security Trust", "website": "cst.org.uk"},
    ]
    # How a person gets in touch about their report until a centre has it (shown on their receipt, the sent
    # page and "Check my report"): optional "name", "phone", "email", "address" and "hours", from
    # SERVICE_CONTACT_NAME, SERVICE_CONTACT_PHONE, SERVICE_CONTACT_EMAIL, SERVICE_CONTACT_ADDRESS and
    # SERVICE_CONTACT_HOURS.
    SERVICE_CONTACT: dict = _service_contact_from_environment()
    # Email (reporting/mail.py): nothing is sent unless MAIL_SERVER and MAIL_FROM are set.
    MAIL_SERVER = os.environ.get("MAIL_SERVER") or None
    MAIL_PORT = _number("MAIL_PORT", "25")
    MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "").lower() in ("1", "true", "yes")
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME") or None
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD") or None
    MAIL_FROM = os.environ.get("MAIL_FROM") or None
    MAIL_TIMEOUT = 10
    # "Check my report": wrong codes allowed per reference and address, and per address (reporting/check/).
    CHECK_REFERENCE_FAILURE_LIMIT = os.environ.get("CHECK_REFERENCE_FAILURE_LIMIT", "5 per hour")
    CHECK_ADDRESS_FAILURE_LIMIT = os.environ.get("CHECK_ADDRESS_FAILURE_LIMIT", "10 per hour")
    # Opening /check at all, per address (right or wrong codes).
    CHECK_RATE_LIMIT = os.environ.get("CHECK_RATE_LIMIT", "30 per minute")
    # An erasure the person asks for in "Check my report" takes effect this many days later unless they cancel it
    # (`retention erase-due` carries it out), so someone who found their code cannot destroy the record at once.
    ERASURE_COOLING_OFF_DAYS = _number("ERASURE_COOLING_OFF_DAYS", "7")
    # Files the person may add to their report in "Check my report", over all their visits.
    PERSON_EVIDENCE_MAX_FILES = 10
    # The follow-up satisfaction survey: its one-time link works from FOLLOW_UP_DAYS after the report
    # was made, for FOLLOW_UP_VALID_DAYS. Links printed on receipts start with PUBLIC_BASE_URL (the
    # address people use to reach the service, like https://report.example.gov.uk); unset, the
    # address of the request that printed them.
    FOLLOW_UP_DAYS = _number("FOLLOW_UP_DAYS", "28")
    FOLLOW_UP_VALID_DAYS = _number("FOLLOW_UP_VALID_DAYS", "60")
    FOLLOW_UP_RATE_LIMIT = os.environ.get("FOLLOW_UP_RATE_LIMIT", "20 per minute")
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL") or None
    # Wrong passwords allowed when a volunteer takes the tablet back after the survey; then they are signed out.
    HAND_BACK_MAX_ATTEMPTS = 5


class DevelopmentConfig(Config):
    DEBUG = False


class TestConfig(Config):
    TESTING = True
    DATA_ENCRYPTION_KEYS = ["Qp0dtoCy7Ne3e5mC2qj3yW6Hk8bTqk0g3o6z9Xb0Yl4="]
    SECRET_KEY = "test-secret"
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    SIGN_IN_RATE_LIMIT = "1000 per minute"
    SELF_REPORT_RATE_LIMIT = "1000 per minute"
    SELF_REPORT_START_RATE_LIMIT = "1000 per minute"
    SELF_REPORT_ADDRESS_RATE_LIMIT = "1000 per minute"
    SELF_REPORT_ADDRESS_START_RATE_LIMIT = "1000 per minute"
    SELF_REPORT_UPLOAD_RATE_LIMIT = "1000 per minute"
    SELF_REPORT_ADDRESS_UPLOAD_RATE_LIMIT = "1000 per minute"


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = True
    FORCE_HTTPS = os.environ.get("FORCE_HTTPS", "true").lower() != "false"

    def __init__(self) -> None:
        # Missing values stay empty here; `configuration_problems` says what to set.
        self.SECRET_KEY = os.environ.get("SECRET_KEY") or None
        self.DATA_ENCRYPTION_KEYS = _keys_from_environment()
        self.SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL") or None


CONFIGS = {"development": DevelopmentConfig, "test": TestConfig, "production": ProductionConfig}


def load_config(env: str | None = None) -> Config:
    name = env or os.environ.get("REPORTING_ENV", "development")
    if name not in CONFIGS:
        from .configuration import ConfigurationError

        raise ConfigurationError([f"REPORTING_ENV must be one of {', '.join(CONFIGS)}, not {name!r}"])
    return CONFIGS[name]()
