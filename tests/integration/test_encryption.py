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
    evidence.install(tmp_path / "evidence", stored_name)  # as the commit of its row does
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



# Evidence file names, full postcodes, equality answers and the review's notes (dip samples, centre visits).
FILE_NAME, POSTCODE = "Samira Oyelaran passport scan.jpg", "M33 7XY"
EQUALITY = {"sexual_orientation": "bisexual", "religion": "buddhist", "ethnicity": "asian", "age_band": "35_44"}
DIP_NOTE, VISIT_NOTE = "Rang Mrs Quellington-Ashdown back twice", "Volunteer Bartholomew Trinkwater needs a refresher"
NOT_IN_CLEAR = (FILE_NAME, POSTCODE, "7XY", "bisexual", "buddhist", "35_44", DIP_NOTE, VISIT_NOTE)


def _store_report_with_everything():
    from datetime import date

    from reporting.models import CentreVisit, DipSample, DipSampleItem, EqualityAnswers, EvidenceFile

    report = factories.report(factories.centre(), postcode=POSTCODE)
    report.evidence_files.append(EvidenceFile(stored_name="f" * 32, original_name=FILE_NAME, content_type="image/jpeg",
                                              size_bytes=10, sha256="0" * 64))  # fmt: skip
    report.equality = EqualityAnswers(**EQUALITY)
    item = DipSampleItem(position=1, report_id=report.id, centre_key=report.centre_id, notes=DIP_NOTE)
    db.session.add(DipSample(month="2026-03", seed="seed", population=1, items=[item]))
    visit = CentreVisit(centre_id=report.centre_id, kind="contact", visited_on=date(2026, 3, 20), notes=VISIT_NOTE)
    db.session.add(visit)
    db.session.commit()
    return report


def _database_bytes(sqlite_url: str) -> bytes:
    path = sqlite_url.removeprefix("sqlite:///")
    raw = open(path, "rb").read()
    for suffix in ("-wal", "-journal"):
        try:
            raw += open(path + suffix, "rb").read()
        except FileNotFoundError:
            pass
    return raw


def test_the_database_file_holds_no_file_name_postcode_equality_answer_or_review_note(app, sqlite_url):
    _store_report_with_everything()
    db.session.remove()
    db.engine.dispose()
    raw = _database_bytes(sqlite_url)
    for secret in NOT_IN_CLEAR:
        assert secret.encode() not in raw, secret
    assert b"M33" in raw  # the district stays plain, for counting


def _every_stored_text(tables: tuple[str, ...]) -> str:
    return " ".join(
        str(value)
        for table in tables
        for row in db.session.execute(sa.text(f"SELECT * FROM {table}"))
        for value in row
    )


def test_raw_rows_hold_no_file_name_postcode_equality_answer_or_review_note(any_app):
    report = _store_report_with_everything()
    stored = _every_stored_text(("reports", "evidence_files", "equality_answers", "dip_sample_items", "centre_visits"))
    for secret in NOT_IN_CLEAR:
        assert secret not in stored, secret
    postcode = db.session.execute(sa.text("SELECT postcode, postcode_district FROM reports")).one()
    assert postcode.postcode.startswith("enc:") and postcode.postcode_district == "M33"
    db.session.expire_all()
    fresh = db.session.get(Report, report.id)
    assert (fresh.postcode, fresh.postcode_district) == (POSTCODE, "M33")
    assert fresh.evidence_files[0].original_name == FILE_NAME
    assert {name: getattr(fresh.equality, name) for name in EQUALITY} == EQUALITY
