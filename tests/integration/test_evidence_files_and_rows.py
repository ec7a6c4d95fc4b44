"""Evidence files and their rows stay one unit: a save that loses a race, a failed commit or a killed process never
leaves a row without its file, and what a killed process leaves is removed by `evidence sweep` once an hour old."""

import io
import multiprocessing
import os
import signal
import threading
import time
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select, update

from reporting.extensions import db as _db
from reporting.intake import evidence, file_changes
from reporting.intake import services as intake_services
from reporting.models import EvidenceFile, Report
from tests.support import factories
from tests.support.intake import start_draft, step_url

TWO_HOURS = 2 * 3600


@pytest.fixture
def reference(client, auth, app):
    auth.login_as("volunteer", factories.centre())
    return start_draft(client)


def photo(colour=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (16, 16), colour).save(out, format="PNG")
    return out.getvalue()


def upload(client, reference, name="photo.png", content=None):
    data = {"action": "upload", "files": [(io.BytesIO(content or photo()), name)]}
    return client.post(step_url(reference, "evidence"), data=data, content_type="multipart/form-data")


def rows(reference) -> list[EvidenceFile]:
    _db.session.expire_all()
    report = _db.session.scalar(select(Report).where(Report.reference == reference))
    return list(report.evidence_files)


def files_in(directory: Path) -> set[str]:
    return {path.name for path in directory.iterdir()} if directory.is_dir() else set()


def assert_every_row_has_its_file_and_no_file_is_without_a_row(directory: Path) -> None:
    _db.session.expire_all()
    stored = set(_db.session.scalars(select(EvidenceFile.stored_name)))
    assert files_in(directory) == stored


def bump_version_meanwhile(reference) -> None:
    """Another volunteer's save, committed between this request loading the report and committing its change."""
    with _db.engine.begin() as connection:
        connection.execute(
            update(Report).where(Report.reference == reference).values(version=Report.version + 1)
        )


def test_a_remove_that_loses_a_race_keeps_the_row_and_its_file(client, reference, evidence_dir, monkeypatch):
    upload(client, reference)
    [kept] = rows(reference)
    real_remove = intake_services.remove_evidence

    def remove_after_someone_else_saved(report, file_id):
        bump_version_meanwhile(reference)
        real_remove(report, file_id)

    monkeypatch.setattr(intake_services, "remove_evidence", remove_after_someone_else_saved)
    response = client.post(step_url(reference, "evidence"), data={"remove": str(kept.id)})
    assert response.status_code == 409
    assert [row.stored_name for row in rows(reference)] == [kept.stored_name]
    assert Image.open(io.BytesIO(evidence.read(evidence_dir, kept.stored_name))).size == (16, 16)
    assert_every_row_has_its_file_and_no_file_is_without_a_row(evidence_dir)


def test_an_upload_that_loses_a_race_leaves_no_file(client, reference, evidence_dir, monkeypatch):
    upload(client, reference)
    real_add = intake_services.add_evidence

    def add_after_someone_else_saved(report, checked):
        bump_version_meanwhile(reference)
        return real_add(report, checked)

    monkeypatch.setattr(intake_services, "add_evidence", add_after_someone_else_saved)
    response = upload(client, reference, "second.png", photo((0, 0, 255)))
    assert response.status_code == 409
    assert len(rows(reference)) == 1
    assert_every_row_has_its_file_and_no_file_is_without_a_row(evidence_dir)


def test_a_remove_and_an_upload_racing_each_other_leave_every_row_with_its_file(app, client, reference, evidence_dir,
                                                                                 monkeypatch):  # fmt: skip
    """Two volunteers on the same evidence page: one removes a file while the other adds one; whichever commits
    second is told the report changed, and the files on disk match the rows either way."""
    upload(client, reference)
    upload(client, reference, "kept.png", photo((0, 255, 0)))
    first, kept = rows(reference)
    first_id = first.id
    other = app.test_client()
    colleague = factories.user("second@example.org", "volunteer", first.report.centre)
    _db.session.commit()
    other.post("/sign-in", data={"email": colleague.email, "password": factories.PASSWORD})
    real_add = intake_services.add_evidence

    def add_while_the_other_removes(report, checked):
        # In a thread of its own, as a second web worker would: its own application context and database session.
        removing = threading.Thread(target=lambda: answers.append(client.post(step_url(reference, "evidence"),
                                                                              data={"remove": str(first_id)})))
        removing.start()
        removing.join(60)
        return real_add(report, checked)

    answers = []

    monkeypatch.setattr(intake_services, "add_evidence", add_while_the_other_removes)
    assert upload(other, reference, "second.png", photo((0, 0, 255))).status_code == 409
    assert [answer.status_code for answer in answers] == [302]
    assert rows(reference) == [kept] and files_in(evidence_dir) == {kept.stored_name}


def test_a_file_removed_in_a_commit_that_fails_is_kept(app, evidence_dir):
    report = factories.report(factories.centre())
    _db.session.commit()
    with app.test_request_context():
        stored = intake_services.add_evidence(report, evidence.clean(photo(), "photo.png"))
        _db.session.commit()
        intake_services.remove_evidence(report, stored.id)
        _db.session.rollback()
    assert evidence.read(evidence_dir, stored.stored_name)
    assert_every_row_has_its_file_and_no_file_is_without_a_row(evidence_dir)


def _upload_and_die(database_url: str, directory: str) -> None:
    """In a child process: sign in, start a report and upload a photo, killed once the file is written."""
    from reporting.intake import file_changes as changes
    from tests.conftest import Auth, make_app
    from tests.support.intake import start_draft as start

    app = make_app(database_url, EVIDENCE_DIR=directory)
    with app.app_context():
        client = app.test_client()
        Auth(client).login_as("volunteer", factories.centre())
        draft = start(client)
        real_store = changes.store_with_row

        def store_then_die(*args, **kwargs):
            real_store(*args, **kwargs)
            os.kill(os.getpid(), signal.SIGKILL)

        changes.store_with_row = store_then_die
        upload(client, draft)


def sweep(app) -> str:
    result = app.test_cli_runner().invoke(args=["evidence", "sweep"])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_process_killed_mid_upload_leaves_a_file_that_the_sweep_removes_once_an_hour_old(app, sqlite_url,
                                                                                            evidence_dir):  # fmt: skip
    child = multiprocessing.get_context("spawn").Process(target=_upload_and_die, args=(sqlite_url, str(evidence_dir)))
    child.start()
    child.join(120)
    assert child.exitcode == -signal.SIGKILL
    [left] = files_in(evidence_dir)
    assert left.startswith(".tmp-") and _db.session.scalars(select(EvidenceFile)).all() == []

    assert sweep(app) == "removed 0 evidence files that no report refers to\n", "an upload may still be in flight"
    assert files_in(evidence_dir) == {left}
    an_hour_and_more = time.time() - TWO_HOURS
    os.utime(evidence_dir / left, (an_hour_and_more, an_hour_and_more))
    output = sweep(app)
    assert output == "removed 1 evidence file that no report refers to\n"
    assert left not in output and files_in(evidence_dir) == set()


def test_the_sweep_keeps_every_file_a_row_refers_to_and_finishes_an_interrupted_move(app, client, reference,
                                                                                      evidence_dir):  # fmt: skip
    upload(client, reference)
    upload(client, reference, "second.png", photo((0, 0, 255)))
    kept, interrupted = rows(reference)
    # A process that ended between the commit and the move leaves a committed row's file under its temporary name.
    os.replace(evidence_dir / interrupted.stored_name, evidence.temporary_path(evidence_dir, interrupted.stored_name))
    orphan = evidence_dir / "0123456789abcdef0123456789abcdef.jpg"
    orphan.write_bytes(b"left by a removal whose process ended after its commit")
    for path in evidence_dir.iterdir():
        os.utime(path, (time.time() - TWO_HOURS, time.time() - TWO_HOURS))

    assert sweep(app) == "removed 1 evidence file that no report refers to\n"
    assert files_in(evidence_dir) == {kept.stored_name, interrupted.stored_name}
    assert evidence.read(evidence_dir, interrupted.stored_name)
    assert_every_row_has_its_file_and_no_file_is_without_a_row(evidence_dir)


def test_the_sweep_is_audited_and_copes_with_no_folder(app, tmp_path):
    app.config["EVIDENCE_DIR"] = str(tmp_path / "nowhere")
    assert sweep(app) == "removed 0 evidence files that no report refers to\n"
    from reporting.models import AuditEvent

    assert _db.session.scalars(select(AuditEvent.detail).where(AuditEvent.action == "evidence_swept")).all() == [
        "count=0"
    ]


def test_sweeping_waits_an_hour(evidence_dir, app):
    evidence_dir.mkdir()
    young = evidence_dir / ".tmp-0123456789abcdef0123456789abcdef.png"
    young.write_bytes(b"an upload in flight")
    fifty_nine_minutes_ago = time.time() - 59 * 60
    os.utime(young, (fifty_nine_minutes_ago, fifty_nine_minutes_ago))
    assert file_changes.sweep(_db.session, evidence_dir) == 0 and young.exists()
    assert file_changes.sweep(_db.session, evidence_dir, now=time.time() + 120) == 1 and not young.exists()
