"""Personal details are encrypted at rest, and keys can be rotated."""

import sqlalchemy as sa
from sqlalchemy import select

from reporting.crypto import keyring, new_key
from reporting.extensions import db
from reporting.models import ContactDetails, Report
from tests.support import factories

NAME, PHONE, ACCOUNT = "Samira Oyelaran-Testcase", "07700 900461", "He shouted at me outside number 14 Acacia Road."


def _store_report():
    report = factories.report(
        factories.centre(), description=ACCOUNT, contact={"name": NAME, "phone": PHONE, "email": "samira@example.org"}
    )
    db.session.commit()
    return report


def test_the_database_file_holds_no_name_phone_or_account(app, sqlite_url):
    _store_report()
    db.session.remove()
    db.engine.dispose()
    raw = open(sqlite_url.removeprefix("sqlite:///"), "rb").read()
    for wal in ("-wal",):
        try:
            raw += open(sqlite_url.removeprefix("sqlite:///") + wal, "rb").read()
        except FileNotFoundError:
            pass
    for secret in (NAME, PHONE, "samira@example.org", "Acacia Road"):
        assert secret.encode() not in raw
        assert secret.encode("utf-16-le") not in raw


def test_stored_values_are_ciphertext_but_read_back_as_typed(any_app):
    report = _store_report()
    stored = db.session.execute(sa.text("SELECT name, phone FROM contact_details")).one()
    assert stored.name.startswith("enc:") and NAME not in stored.name
    db.session.expire_all()
    fresh = db.session.get(Report, report.id)
    assert (fresh.contact.name, fresh.contact.phone, fresh.description) == (NAME, PHONE, ACCOUNT)


def test_keys_rotate_re_encrypts_under_the_new_key(any_app):
    report = _store_report()
    old_keys = keyring.keys
    before = db.session.execute(sa.text("SELECT name FROM contact_details")).scalar()
    keyring.configure([new_key(), *old_keys])
    try:
        result = any_app.test_cli_runner().invoke(args=["keys", "rotate"])
        assert result.exit_code == 0, result.output
        assert "re-encrypted" in result.output
        after = db.session.execute(sa.text("SELECT name FROM contact_details")).scalar()
        assert after != before
        keyring.configure(keyring.keys[:1])  # the old key is retired
        db.session.expire_all()
        fresh = db.session.get(Report, report.id)
        assert (fresh.contact.name, fresh.description) == (NAME, ACCOUNT)
        assert db.session.scalars(select(ContactDetails.phone)).one() == PHONE
    finally:
        keyring.configure(old_keys)


def test_evidence_files_are_encrypted_on_disk_and_rotated(app, tmp_path):
    from reporting.intake import evidence

    app.config["EVIDENCE_DIR"] = str(tmp_path / "evidence")
    data = b"%PDF-1.4 a letter naming Samira Oyelaran-Testcase"
    letter = evidence.CleanFile(data=data, content_type="application/pdf", extension="pdf", original_name="letter.pdf")
    stored_name = evidence.store(tmp_path / "evidence", letter)
    on_disk = (tmp_path / "evidence" / stored_name).read_bytes()
    assert b"Samira" not in on_disk
    old_keys = keyring.keys
    keyring.configure([new_key(), *old_keys])
    try:
        result = app.test_cli_runner().invoke(args=["keys", "rotate"])
        assert result.exit_code == 0, result.output
        keyring.configure(keyring.keys[:1])
        assert (tmp_path / "evidence" / stored_name).read_bytes() != on_disk
        assert evidence.read(tmp_path / "evidence", stored_name) == data
    finally:
        keyring.configure(old_keys)

