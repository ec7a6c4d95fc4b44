"""Retention, erasure on request, and backup and restore."""

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from sqlalchemy import func, select

from reporting.extensions import db
from reporting.models import AuditEvent, ContactDetails, Report, SurveyResponse
from tests.support import factories


def _old_and_new_reports():
    centre = factories.centre()
    old = factories.report(
        centre,
        reported_at=datetime(2018, 5, 1, 12, tzinfo=UTC),
        occurred_on=datetime(2018, 4, 30).date(),
        postcode="M33 7XY",
        description="He lives at 3 Elm Street and shouted at me.",
        categories=["race", "religion"],
        contact={"name": "Old Person", "phone": "07700 900001"},
    )
    old.survey_responses.append(SurveyResponse(question="overall", score=2, comment="My neighbour Jo did it"))
    new = factories.report(centre, description="Recent account", contact={"name": "New Person"}, postcode="M33 7XY")
    db.session.commit()
    return old, new


def _counts():
    from reporting.models import ReportCategory

    return db.session.execute(
        select(ReportCategory.code, func.count())
        .join(Report)
        .group_by(ReportCategory.code)
        .order_by(ReportCategory.code)
    ).all()


def test_retention_erases_old_personal_details_and_keeps_the_counts(any_app):
    old, new = _old_and_new_reports()
    before = _counts()
    result = any_app.test_cli_runner().invoke(args=["retention", "apply", "--years", "6"])
    assert result.exit_code == 0, result.output
    assert "erased personal details from 1 report(s) older than 6 years" in result.output
    db.session.expire_all()
    old, new = db.session.get(Report, old.id), db.session.get(Report, new.id)
    assert old.contact is None and old.description is None and old.postcode is None
    assert old.postcode_district == "M33"
    assert [response.comment for response in old.survey_responses] == [None]
    assert [response.score for response in old.survey_responses] == [2]
    assert old.categories == ["race", "religion"] and old.reported_at.year == 2018
    assert new.contact.name == "New Person" and new.description == "Recent account" and new.postcode == "M33 7XY"
    assert _counts() == before
    assert db.session.scalar(select(AuditEvent.detail).where(AuditEvent.action == "retention_applied")) == (
        "years=6 reports=1 addresses=0"
    )


def test_erasure_on_request_is_audited(any_app):
    old, new = _old_and_new_reports()
    result = any_app.test_cli_runner().invoke(args=["retention", "erase", new.reference.lower()])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert db.session.get(Report, new.id).contact is None
    assert db.session.get(Report, old.id).contact.name == "Old Person"
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "personal_details_erased")).one()
    assert event.object_id == new.reference
    missing = any_app.test_cli_runner().invoke(args=["retention", "erase", "HR-2222-2222"])
    assert missing.exit_code != 0 and "no report with the reference" in missing.output


def _backup_and_restore(app, tmp_path):
    old, new = _old_and_new_reports()
    before = _counts()
    runner = app.test_cli_runner()
    out = tmp_path / "backup.dump"
    result = runner.invoke(args=["backup", "--out", str(out)])
    assert result.exit_code == 0, result.output
    db.session.execute(sa.delete(Report).where(Report.id == new.id))
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(Report)) == 1
    result = runner.invoke(args=["restore", str(out), "--yes"])
    assert result.exit_code == 0, result.output
    db.session.remove()
    assert db.session.scalar(select(func.count()).select_from(Report)) == 2
    assert db.session.get(Report, new.id).contact.name == "New Person"
    assert _counts() == before
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with db.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), db.metadata) == []


def test_sqlite_backup_and_restore(app, tmp_path):
    _backup_and_restore(app, tmp_path)


@pytest.mark.postgres
def test_postgresql_backup_and_restore_with_pg_dump(pg_app, tmp_path):
    _backup_and_restore(pg_app, tmp_path)


def test_contact_rows_are_really_gone_after_erasure(app):
    old, _ = _old_and_new_reports()
    app.test_cli_runner().invoke(args=["retention", "erase", old.reference])
    assert db.session.scalar(select(func.count()).select_from(ContactDetails)) == 1
