"""Faults: the database going away mid-request loses nothing already saved and shows a kind page."""

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from reporting.extensions import db
from reporting.models import Report
from tests.support import factories
from tests.support.client import ClientRequest
from tests.support.intake import start_draft


@pytest.fixture
def draft(client, client_request):
    centre = factories.centre()
    db.session.commit()
    client_request.login_as("volunteer", centre)
    reference = start_draft(client)
    client_request.post("intake.step", reference=reference, slug="who-is-reporting",
                        _data={"reporter_role": "victim"}, _expected_status=302)  # fmt: skip
    return reference


def test_the_database_failing_while_saving_a_step_keeps_the_saved_answers(client_request, draft, monkeypatch):
    from reporting import audit

    real_record = audit.record

    def failing_record(action, *args, **kwargs):
        if action == "draft_step_saved":
            raise OperationalError("UPDATE reports", {}, Exception("server closed the connection unexpectedly"))
        return real_record(action, *args, **kwargs)

    monkeypatch.setattr(audit, "record", failing_record)
    response = client_request.post_response(
        "intake.step", reference=draft, slug="what-happened",
        _data={"incident_types": ["threats"], "description": "A half-written account"}, _expected_status=503,
    )  # fmt: skip
    page = response.get_data(as_text=True)
    assert "Sorry, the service is unavailable" in page
    assert "everything you saved before is safe" in page
    db.session.expire_all()
    report = db.session.scalar(select(Report).where(Report.reference == draft))
    assert report.reporter_role == "victim"
    assert report.incident_types == [] and report.description is None


def test_the_database_being_unreachable_shows_the_page_without_signing_anyone_in(app, tmp_path):
    from tests.conftest import make_app

    broken = make_app(f"sqlite:///{tmp_path / 'missing' / 'db.sqlite3'}")
    client_request = ClientRequest(broken.test_client(), auth=None)
    response = client_request.post_response(
        "auth.sign_in", _data={"email": "a@example.org", "password": "whatever-it-is"}, _expected_status=503
    )
    assert "Sorry, the service is unavailable" in response.get_data(as_text=True)
    with broken.app_context():
        db.engine.dispose()
