"""Email through an SMTP server, with Flask-Mailman; used for short notices that never carry case details.

Settings come from the environment: `MAIL_SERVER`, `MAIL_PORT`, `MAIL_USE_TLS`, `MAIL_USERNAME`,
`MAIL_PASSWORD` and `MAIL_FROM`. Without a server and a sender, nothing is sent and `is_configured()` is
False, so pages can tell staff that no email goes out. A failure to send is logged by its kind only: no
address, subject or text reaches the application's logs.
"""

import logging
import smtplib

from flask import Flask, current_app
from flask_mailman import EmailMessage, Mail

logger = logging.getLogger(__name__)
mail = Mail()


def init_app(app: Flask) -> None:
    app.config["MAIL_BACKEND"] = "smtp"  # a real server even under TESTING (the tests start one)
    app.config["MAIL_DEFAULT_SENDER"] = app.config.get("MAIL_FROM")
    mail.init_app(app)


def is_configured() -> bool:
    config = current_app.config
    return bool(config.get("MAIL_SERVER") and config.get("MAIL_FROM"))


def send(to: list[str], subject: str, body: str) -> bool:
    """Send one plain-text message; True if the server took it. Nothing is sent without settings."""
    if not is_configured() or not to:
        return False
    message = EmailMessage(subject=subject, body=body, from_email=current_app.config["MAIL_FROM"], to=to)
    try:
        return message.send() == 1
    except (smtplib.SMTPException, OSError) as error:
        logger.warning("email not sent: %s", type(error).__name__)
        return False
