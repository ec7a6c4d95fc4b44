"""The model layer and the migrations, on SQLite and on PostgreSQL."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from reporting.extensions import db
from reporting.models import (
    AuditEvent,
    AuditTrailIsAppendOnly,
    ContactDetails,
    Referral,
    Report,
    ReportCategory,
    SurveyResponse,
)
from tests.support import factories


def test_a_report_with_everything_hanging_off_it_round_trips(any_app):
    centre = factories.centre()
    volunteer = factories.user("v@example.org", centre_obj=centre)
    bst = timezone(timedelta(hours=1))
    report = factories.report(
        centre,
        reported_at=datetime(2026, 7, 1, 0, 30, tzinfo=bst),
        categories=["religion", "race", "race"],
        incident_types=["threats", "verbal_abuse"],
        area=centre.area,
        postcode="M33 7XY",
        created_by=volunteer,
        support_kinds=["emotional", "practical"],
        identifying_fields=["description"],
        contact={"name": "Sam Example", "phone": "07700 900123", "safe_to_leave_message": False},
    )
    report.survey_responses.append(SurveyResponse(question="ease", score=4))
    report.referrals.append(Referral(recipient="police", sent_by=volunteer, method="email"))
    db.session.commit()
    db.session.expire_all()

    stored = db.session.scalars(select(Report).where(Report.reference == report.reference)).one()
    assert stored.reported_at == datetime(2026, 6, 30, 23, 30, tzinfo=UTC)
    assert stored.reported_at.tzinfo is not None
    assert stored.categories == ["race", "religion"]
    assert stored.incident_types == ["threats", "verbal_abuse"]
    assert stored.support_kinds == ["emotional", "practical"]
    assert stored.contact.name == "Sam Example" and stored.contact.safe_to_leave_message is False
    assert [(r.question, r.score) for r in stored.survey_responses] == [("ease", 4)]
    assert stored.referrals[0].sent_by.email == "v@example.org"
    assert stored.centre.area.code == "sale_central"


def test_contact_details_can_be_erased_while_the_report_still_counts(any_app):
    report = factories.report(factories.centre(), contact={"name": "Sam Example"})
    db.session.commit()
    db.session.delete(report.contact)
    db.session.commit()
    assert db.session.scalar(select(sa.func.count()).select_from(ContactDetails)) == 0
    assert db.session.scalar(select(sa.func.count()).select_from(ReportCategory)) == 1
    assert db.session.get(Report, report.id).contact is None


def test_references_are_unique(any_app):
    first = factories.report(factories.centre())
    db.session.commit()
    db.session.add(Report(reference=first.reference, channel="self", language="en", status="draft"))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_foreign_keys_are_enforced(any_app):
    db.session.add(ReportCategory(report_id=987654, code="race"))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_deleting_a_report_removes_its_rows(any_app):
    report = factories.report(factories.centre(), contact={"name": "Sam"})
    report.survey_responses.append(SurveyResponse(question="overall", score=5))
    db.session.commit()
    db.session.execute(sa.delete(Report).where(Report.id == report.id))
    db.session.commit()
    for model in (ReportCategory, ContactDetails, SurveyResponse):
        assert db.session.scalar(select(sa.func.count()).select_from(model)) == 0


def test_the_audit_trail_is_append_only(any_app):
    event = AuditEvent(action="report_viewed", object_type="report", object_id="HR-TEST")
    db.session.add(event)
    db.session.commit()
    event.action = "something_else"
    with pytest.raises(AuditTrailIsAppendOnly):
        db.session.commit()
    db.session.rollback()
    db.session.delete(db.session.get(AuditEvent, event.id))
    with pytest.raises(AuditTrailIsAppendOnly):
        db.session.commit()
    db.session.rollback()


def test_naive_datetimes_are_refused(any_app):
    report = factories.report(factories.centre())
    report.reported_at = datetime(2026, 1, 1, 12, 0)
    with pytest.raises(Exception, match="timezone-aware"):
        db.session.commit()
    db.session.rollback()


def test_dates_survive_unchanged(any_app):
    report = factories.report(factories.centre(), occurred_on=date(2024, 2, 29))
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Report, report.id).occurred_on == date(2024, 2, 29)


def test_the_migrations_match_the_models(any_app):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, db.metadata) == []


def test_downgrade_to_base_and_upgrade_again(any_app):
    db.session.remove()
    downgrade(revision="base")
    tables = set(sa.inspect(db.engine).get_table_names()) - {"alembic_version"}
    assert tables == set()
    upgrade()
    tables = set(sa.inspect(db.engine).get_table_names())
    assert {"reports", "centres", "users", "audit_events", "contact_details", "referrals"} <= tables


def test_sqlite_uses_wal_and_foreign_keys(app):
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_review_indexes_exist(any_app):
    names = {index["name"] for index in sa.inspect(db.engine).get_indexes("reports")}
    assert {"ix_reports_status_reported_at_centre", "ix_reports_reported_at_area"} <= names
