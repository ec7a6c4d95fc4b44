"""`backup` holds the database and the evidence files, never the encryption keys; `restore` puts both back, and
still reads the backups made before, of the database alone. On SQLite and PostgreSQL."""

import base64
import hashlib
import io
import json
import tarfile

import pytest
from flask import current_app
from PIL import Image
from sqlalchemy import select

from reporting.crypto import keyring
from reporting.extensions import db
from reporting.intake import evidence
from reporting.models import EvidenceFile, Report
from reporting.privacy import backup as backups
from tests.support import factories
from tests.support.intake import start_draft, step_url


def _photo(colour) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (16, 16), colour).save(out, format="PNG")
    return out.getvalue()


def _draft_with_two_photos(app) -> str:
    client = app.test_client()
    user = factories.user("volunteer@example.org", "volunteer", factories.centre())
    db.session.commit()
    client.post("/sign-in", data={"email": user.email, "password": factories.PASSWORD})
    reference = start_draft(client)
    for colour in ((200, 30, 30), (30, 200, 30)):
        data = {"action": "upload", "files": [(io.BytesIO(_photo(colour)), "photo.png")]}
        response = client.post(step_url(reference, "evidence"), data=data, content_type="multipart/form-data")
        assert response.status_code in (200, 302)
    return reference


def _stored(reference) -> dict[str, bytes]:
    """Each evidence file of the report, decrypted with the app's keys, by stored name."""
    db.session.expire_all()
    report = db.session.scalar(select(Report).where(Report.reference == reference))
    return {row.stored_name: evidence.read(_evidence_dir(), row.stored_name) for row in report.evidence_files}


def _evidence_dir():
    from reporting.intake.services import evidence_dir

    return evidence_dir()


def _cli(app, *words):
    result = app.test_cli_runner().invoke(args=list(words))
    db.session.remove()
    return result


def test_a_backup_holds_the_database_and_the_evidence_files_and_restore_puts_both_back(any_app, tmp_path):
    reference = _draft_with_two_photos(any_app)
    before = _stored(reference)
    assert len(before) == 2
    (_evidence_dir() / "recordings").mkdir()
    (_evidence_dir() / "recordings" / "a.bin").write_bytes(b"kept in a folder of its own")
    out = tmp_path / "backup.tar"

    made = _cli(any_app, "backup", "--out", str(out))
    assert made.exit_code == 0, made.output
    assert made.output.splitlines()[0] == f"backup written to {out}: the database and 3 evidence files"
    assert "The encryption keys are not in the backup: keep DATA_ENCRYPTION_KEYS apart from it" in made.output

    # Lose a file, damage another, change and delete rows, and add a file no backup knew.
    first, second = sorted(before)
    (_evidence_dir() / first).unlink()
    (_evidence_dir() / second).write_bytes(b"overwritten")
    (_evidence_dir() / ("0" * 32 + ".png")).write_bytes(b"a file made after the backup")
    report = db.session.scalar(select(Report).where(Report.reference == reference))
    db.session.delete(report.evidence_files[0])
    report.description = "changed after the backup"
    db.session.commit()

    restored = _cli(any_app, "restore", str(out), "--yes")
    assert restored.exit_code == 0, restored.output
    assert restored.output.splitlines() == [f"restored from {out}", "the database and 3 evidence files put back"]
    after = _stored(reference)
    assert after == before, "every file decrypts to what it was"
    for row in db.session.scalars(select(EvidenceFile)):
        assert hashlib.sha256(after[row.stored_name]).hexdigest() == row.sha256
    assert db.session.scalar(select(Report.description).where(Report.reference == reference)) is None
    assert sorted(path.name for path in _evidence_dir().rglob("*") if path.is_file()) == sorted([*before, "a.bin"])


def test_a_backup_holds_no_key_material_and_says_where_the_keys_are(app, tmp_path):
    _draft_with_two_photos(app)
    out = tmp_path / "backup.tar"
    assert _cli(app, "backup", "--out", str(out)).exit_code == 0
    whole = out.read_bytes()
    assert keyring.keys, "the app has a key"
    for key in keyring.keys:
        for form in (key.encode(), base64.urlsafe_b64decode(key)):
            assert form not in whole
    with tarfile.open(out) as tar:
        names = tar.getnames()
        manifest = json.loads(tar.extractfile("manifest.json").read())
    assert names[:2] == ["manifest.json", "database.sqlite3"]
    assert all(name.startswith("evidence/") for name in names[2:]) and len(names) == 4
    assert not any("key" in name for name in names)
    assert manifest["format"] == "reporting-backup" and manifest["evidence_files"] == 2
    assert "DATA_ENCRYPTION_KEYS" in manifest["encryption_keys"]


def test_the_key_kept_in_the_instance_folder_outside_production_is_never_backed_up(app, tmp_path):
    """Even when the evidence folder is set to a folder that holds it."""
    key_file = tmp_path / "instance" / "data-encryption.key"
    key_file.parent.mkdir()
    key_file.write_text(keyring.keys[0] + "\n")
    (key_file.parent / ("0" * 32 + ".png")).write_bytes(b"evidence")
    out = tmp_path / "backup.tar"
    files = backups.backup(current_app.config["SQLALCHEMY_DATABASE_URI"], key_file.parent, out, (key_file,))
    assert files == 1
    assert keyring.keys[0].encode() not in out.read_bytes()


def test_restore_still_reads_a_backup_of_the_database_alone_and_leaves_the_evidence_folder(any_app, tmp_path):
    reference = _draft_with_two_photos(any_app)
    before = _stored(reference)
    old = tmp_path / "old-backup.db"
    backups.backup_database(current_app.config["SQLALCHEMY_DATABASE_URI"], old)  # as `backup` wrote them before
    report = db.session.scalar(select(Report).where(Report.reference == reference))
    report.description = "changed after the backup"
    db.session.commit()

    restored = _cli(any_app, "restore", str(old), "--yes")
    assert restored.exit_code == 0, restored.output
    assert (
        "a backup of the database alone" in restored.output and "evidence folder was left as it is" in restored.output
    )
    assert _stored(reference) == before
    assert db.session.scalar(select(Report.description).where(Report.reference == reference)) is None


def test_a_file_that_is_not_a_backup_is_refused_with_a_message(app, tmp_path):
    bogus = tmp_path / "notes.txt"
    bogus.write_text("not a backup")
    result = _cli(app, "restore", str(bogus), "--yes")
    assert result.exit_code == 1
    assert "is not a backup made by `flask --app reporting backup`" in result.output
    assert "Traceback" not in result.output


@pytest.mark.postgres
def test_a_postgresql_backup_is_refused_by_a_sqlite_database(pg_app, tmp_path, sqlite_url):
    out = tmp_path / "backup.tar"
    assert _cli(pg_app, "backup", "--out", str(out)).exit_code == 0
    from tests.conftest import make_app

    sqlite_app = make_app(sqlite_url, EVIDENCE_DIR=str(tmp_path / "other"))
    with sqlite_app.app_context():
        result = _cli(sqlite_app, "restore", str(out), "--yes")
        assert result.exit_code == 1
        assert "the backup holds a postgresql database, and DATABASE_URL names a sqlite one" in result.output
        db.engine.dispose()
