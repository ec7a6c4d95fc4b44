"""`GET /healthz` reports the database status."""

from tests.support.client import ClientRequest


def test_healthz_answers_ok_with_the_database_status(client_request):
    response = client_request.get_response("health.healthz", _expected_status=200)
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_is_unreachable(tmp_path):
    from tests.conftest import make_app

    missing = tmp_path / "no-such-dir" / "db.sqlite3"
    app = make_app(f"sqlite:///{missing}")
    response = ClientRequest(app.test_client(), auth=None).get_response("health.healthz", _expected_status=503)
    assert response.get_json()["database"] == "unavailable"
    with app.app_context():
        from reporting.extensions import db

        db.engine.dispose()
