"""Migration 0008 on existing data: plain values encrypted in place, postcodes split, anonymous addresses dropped.

The rows are made at the head revision, taken back to 0007 (which leaves them plain, as they were stored
before), then migrated forward again: what an existing database goes through.
"""

from datetime import UTC, date, datetime

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade
from sqlalchemy import select

from reporting.extensions import db
from reporting.models import CentreVisit, DipSample, DipSampleItem, EqualityAnswers, EvidenceFile, Report
from tests.support import factories

FILE_NAME, DIP_NOTE, VISIT_NOTE = "Jo Bloggs tenancy letter.pdf", "Jo Bloggs was not called back", "Met Priya Example"
STAFF_ADDRESS, PUBLIC_ADDRESS = "198.51.100.24", "203.0.113.77"


def _existing_data() -> tuple[int, int, int]:
    centre = factories.centre()
    full = factories.report(centre, postcode="m33 7xy")
    district_only = factories.report(centre, postcode="WA14")
    full.evidence_files.append(EvidenceFile(stored_name=f"{1:032x}.pdf", original_name=FILE_NAME,
                                            content_type="application/pdf", size_bytes=1, sha256="0" * 64))  # fmt: skip
    full.equality = EqualityAnswers(religion="buddhist", age_band="35_44")
    item = DipSampleItem(position=1, report_id=full.id, centre_key=centre.id, notes=DIP_NOTE)
    db.session.add(DipSample(month="2026-03", seed="s", population=1, items=[item]))
    db.session.add(CentreVisit(centre_id=centre.id, kind="contact", visited_on=date(2026, 3, 2), notes=VISIT_NOTE))
    staff = factories.user("lead@example.org", role="centre_lead", centre_obj=centre)
    db.session.commit()
    return full.id, district_only.id, staff.id


def _plain_rows() -> dict:
    def one(sql: str) -> list:
        return db.session.execute(sa.text(sql)).scalars().all()

    return {
        "postcodes": one("SELECT postcode FROM reports ORDER BY id"),
        "files": one("SELECT original_name FROM evidence_files"),
        "equality": one("SELECT religion FROM equality_answers") + one("SELECT age_band FROM equality_answers"),
        "dip": one("SELECT notes FROM dip_sample_items"),
        "visits": one("SELECT notes FROM centre_visits"),
    }


def _addresses() -> list:
    return db.session.execute(sa.text("SELECT user_id IS NULL, ip_address FROM audit_events ORDER BY id")).all()


def test_migration_0008_encrypts_existing_values_and_splits_postcodes(any_app):
    full_id, district_id, staff_id = _existing_data()
    db.session.remove()
    downgrade(revision="0007")
    assert _plain_rows() == {
        "postcodes": ["M33 7XY", "WA14"], "files": [FILE_NAME], "equality": ["buddhist", "35_44"],
        "dip": [DIP_NOTE], "visits": [VISIT_NOTE],
    }  # fmt: skip
    at = datetime(2026, 3, 3, tzinfo=UTC).replace(tzinfo=None)
    events = sa.table("audit_events", *(sa.column(name) for name in ("at", "action", "user_id", "ip_address")))
    db.session.execute(
        sa.insert(events),
        [{"at": at, "action": "draft_step_saved", "user_id": None, "ip_address": PUBLIC_ADDRESS},
         {"at": at, "action": "report_viewed", "user_id": staff_id, "ip_address": STAFF_ADDRESS}],
    )  # fmt: skip
    db.session.commit()
    db.session.remove()
    upgrade()
    stored = _plain_rows()
    assert all(value.startswith("enc:") for values in stored.values() for value in values if value is not None)
    assert stored["postcodes"][1] is None  # a district alone keeps no full postcode
    districts = db.session.execute(sa.text("SELECT postcode_district FROM reports ORDER BY id")).scalars().all()
    assert districts == ["M33", "WA14"]
    assert _addresses() == [(True, None), (False, STAFF_ADDRESS)]
    full = db.session.get(Report, full_id)
    assert (full.postcode, full.evidence_files[0].original_name, full.equality.religion) == ("M33 7XY", FILE_NAME,
                                                                                            "buddhist")  # fmt: skip
    assert db.session.get(Report, district_id).postcode is None
    assert db.session.scalars(select(DipSampleItem.notes)).one() == DIP_NOTE
    assert db.session.scalars(select(CentreVisit.notes)).one() == VISIT_NOTE
