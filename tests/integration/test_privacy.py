"""Retention, erasure on request, and backup and restore."""

import os
import stat
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


# The file names, equality answers and review notes that retention and erasure reach as well.
def _with_everything(report, note: str, drawn_at: datetime, visited_on) -> None:
    from reporting.models import CentreVisit, DipSample, DipSampleItem, EqualityAnswers, EvidenceFile

    report.evidence_files.append(EvidenceFile(stored_name=f"{report.id:032x}.jpg", original_name=f"{note}.jpg",
                                              content_type="image/jpeg", size_bytes=1, sha256="0" * 64))  # fmt: skip
    report.equality = EqualityAnswers(religion="buddhist", sexual_orientation="bisexual")
    item = DipSampleItem(position=1, report_id=report.id, centre_key=report.centre_id, notes=f"Dip: {note}")
    month = drawn_at.strftime("%Y-%m")
    db.session.add(DipSample(month=month, seed="s", population=1, drawn_at=drawn_at, items=[item]))
    visit = CentreVisit(centre_id=report.centre_id, kind="contact", visited_on=visited_on, notes=f"Visit: {note}")
    db.session.add(visit)
    db.session.commit()


def _notes_and_files() -> dict:
    from reporting.models import CentreVisit, DipSampleItem, EqualityAnswers, EvidenceFile

    db.session.expire_all()
    return {
        "files": sorted(db.session.scalars(select(EvidenceFile.original_name))),
        "equality": db.session.scalar(select(func.count()).select_from(EqualityAnswers)),
        "dip": sorted(note or "" for note in db.session.scalars(select(DipSampleItem.notes))),
        "visits": sorted(
            (visit.visited_on.year, visit.notes or "") for visit in db.session.scalars(select(CentreVisit))
        ),
    }


def test_retention_clears_file_names_equality_answers_and_review_notes_of_old_reports(any_app):
    old, new = _old_and_new_reports()
    _with_everything(old, "old", datetime(2018, 6, 1, tzinfo=UTC), datetime(2018, 6, 2).date())
    _with_everything(new, "new", datetime(2026, 4, 1, tzinfo=UTC), datetime(2026, 4, 2).date())
    result = any_app.test_cli_runner().invoke(args=["retention", "apply", "--years", "6"])
    assert result.exit_code == 0, result.output
    assert _notes_and_files() == {
        "files": ["new.jpg"], "equality": 1, "dip": ["", "Dip: new"], "visits": [(2018, ""), (2026, "Visit: new")]
    }  # fmt: skip
    db.session.expire_all()
    assert (db.session.get(Report, old.id).postcode, db.session.get(Report, old.id).postcode_district) == (None, "M33")


def test_erasure_on_request_clears_the_reports_dip_sample_notes_and_visit_notes_naming_it(any_app):
    from reporting.models import CentreVisit

    old, new = _old_and_new_reports()
    _with_everything(old, "old", datetime(2018, 6, 1, tzinfo=UTC), datetime(2018, 6, 2).date())
    _with_everything(new, "new", datetime(2026, 4, 1, tzinfo=UTC), datetime(2026, 4, 2).date())
    naming = f"Talked about {new.reference.lower().replace('-', ' ')} with the lead"
    db.session.add(CentreVisit(centre_id=new.centre_id, kind="training", visited_on=datetime(2026, 5, 1).date(),
                               notes=naming))  # fmt: skip
    db.session.commit()
    result = any_app.test_cli_runner().invoke(args=["retention", "erase", new.reference])
    assert result.exit_code == 0, result.output
    assert _notes_and_files() == {
        "files": ["old.jpg"], "equality": 1, "dip": ["", "Dip: old"],
        "visits": [(2018, "Visit: old"), (2026, ""), (2026, "Visit: new")],
    }  # fmt: skip


def _backup_mode(app, tmp_path) -> int:
    out = tmp_path / "backup.dump"
    out.write_bytes(b"an older backup, readable by everyone")
    out.chmod(0o644)
    previous = os.umask(0o022)
    try:
        result = app.test_cli_runner().invoke(args=["backup", "--out", str(out)])
    finally:
        os.umask(previous)
    assert result.exit_code == 0, result.output
    fresh = tmp_path / "fresh.dump"
    assert app.test_cli_runner().invoke(args=["backup", "--out", str(fresh)]).exit_code == 0
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600 and fresh.stat().st_size > 0
    return stat.S_IMODE(out.stat().st_mode)


def test_a_sqlite_backup_is_readable_by_its_owner_only(app, tmp_path):
    _old_and_new_reports()
    assert _backup_mode(app, tmp_path) == 0o600


@pytest.mark.postgres
def test_a_postgresql_backup_is_readable_by_its_owner_only(pg_app, tmp_path):
    _old_and_new_reports()
    assert _backup_mode(pg_app, tmp_path) == 0o600
