"""Email goes through a real SMTP server; without settings nothing is sent, and a failure logs no details."""

import logging

from reporting import mail
from tests.conftest import make_app
from tests.support.smtp import free_port

SENDS_MAIL = True  # the app sends its email to the test's `inbox` (tests/conftest.py)


def test_a_message_reaches_the_smtp_server(app, inbox):
    assert mail.is_configured()
    assert mail.send(["person@example.org"], "You have a new message", "Check your report to read it.")
    [received] = inbox.to("person@example.org")
    assert received.sender == "reports@example.org"
    assert received.subject == "You have a new message" and "Check your report" in received.body


def test_without_settings_nothing_is_sent(app, inbox):
    app.config["MAIL_SERVER"] = None
    assert not mail.is_configured()
    assert mail.send(["person@example.org"], "Subject", "Body") is False
    assert inbox.received == []


def test_a_server_that_cannot_be_reached_logs_no_details(sqlite_url, caplog):
    caplog.set_level(logging.WARNING)
    unreachable = make_app(sqlite_url, MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port(), MAIL_FROM="reports@example.org")
    with unreachable.app_context():
        sent = mail.send(["person@example.org"], "Private subject", "Private body")
    assert sent is False
    assert "person@example.org" not in caplog.text and "Private" not in caplog.text
    assert "email not sent: ConnectionRefusedError" in caplog.text
