"""Application logs never carry personal details or free text, even when something goes wrong."""

import logging

import pytest

from reporting.extensions import db
from tests.support import factories
from tests.support.intake import ANSWERS, go_through, start_draft

SECRETS = [
    "Sam Example",
    "07700 900 982",
    "Shouted at outside the shop.",
    "Outside the Co-op.",
    "Two men in their twenties",
    "Weekday mornings",
    "M33 7XY",
    "m33 7xy",
]


@pytest.fixture
def everything_logged(caplog):
    caplog.set_level(logging.DEBUG)
    return caplog


def _assert_clean(caplog):
    text = "\n".join(
        f"{record.getMessage()} {record.exc_text or ''} {getattr(record, 'args', '')}" for record in caplog.records
    )
    for secret in SECRETS:
        assert secret not in text, f"the logs contain {secret!r}"


def test_a_whole_assisted_journey_logs_nothing_personal(client, client_request, everything_logged):
    centre = factories.centre()
    factories.area("sale_central")
    db.session.commit()
    client_request.login_as("volunteer", centre)
    reference = start_draft(client)
    go_through(client, reference)
    client_request.post("intake.check_answers", reference=reference, _expected_status=302)
    client_request.get("reports.view_report", reference=reference)
    assert ANSWERS["contact"]["name"] == "Sam Example"
    _assert_clean(everything_logged)


def test_an_unexpected_error_is_logged_without_the_request(client, client_request, everything_logged, monkeypatch):
    centre = factories.centre()
    db.session.commit()
    client_request.login_as("volunteer", centre)
    reference = start_draft(client)

    def broken(*args, **kwargs):
        raise RuntimeError("storage failed")

    monkeypatch.setattr("reporting.intake.services.save_step", broken)
    typed = {"reporter_role": "victim", "description": "Sam Example 07700 900 982"}
    response = client_request.post_response("intake.step", reference=reference, slug="who-is-reporting", _data=typed,
                                            _expected_status=500)  # fmt: skip
    assert "Sorry, there is a problem with the service" in response.get_data(as_text=True)
    assert any("RuntimeError" in record.getMessage() for record in everything_logged.records)
    _assert_clean(everything_logged)
