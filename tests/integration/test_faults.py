"""Faults: the database going away mid-request loses nothing already saved and shows a kind page."""

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from reporting.extensions import db
from reporting.models import Report
from tests.support import factories
from tests.support.intake import start_draft


@pytest.fixture
def draft(client, auth, app):
    centre = factories.centre()
    db.session.commit()
    auth.login_as("volunteer", centre)
    reference = start_draft(client)
    assert client.post(f"/intake/{reference}/who-is-reporting", data={"reporter_role": "victim"}).status_code == 302
    return reference


def test_the_database_failing_while_saving_a_step_keeps_the_saved_answers(client, draft, monkeypatch):
    from reporting import audit

    real_record = audit.record

    def failing_record(action, *args, **kwargs):
        if action == "draft_step_saved":
            raise OperationalError("UPDATE reports", {}, Exception("server closed the connection unexpectedly"))
        return real_record(action, *args, **kwargs)

    monkeypatch.setattr(audit, "record", failing_record)
    response = client.post(
        f"/intake/{draft}/what-happened", data={"incident_types": ["threats"], "description": "A half-written account"}
    )
    assert response.status_code == 503
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
    client = broken.test_client()
    response = client.post("/sign-in", data={"email": "a@example.org", "password": "whatever-it-is"})
    assert response.status_code == 503
    assert "Sorry, the service is unavailable" in response.get_data(as_text=True)
    with broken.app_context():
        db.engine.dispose()
