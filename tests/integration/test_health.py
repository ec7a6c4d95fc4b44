"""`GET /healthz` reports the database status."""



def test_healthz_answers_ok_with_the_database_status(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_is_unreachable(tmp_path):
    from tests.conftest import make_app

    missing = tmp_path / "no-such-dir" / "db.sqlite3"
    app = make_app(f"sqlite:///{missing}")
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unavailable"
    with app.app_context():
        from reporting.extensions import db

        db.engine.dispose()
