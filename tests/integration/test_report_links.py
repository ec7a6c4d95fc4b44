"""Linked reports: fingerprints on submit and import, suggestions by the CLI, confirming into people, erasure,
key rotation, and nothing in clear in the database file."""

import csv
import io
import json
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from sqlalchemy import select

from reporting.crypto import keyring, new_key
from reporting.extensions import db
from reporting.links import services
from reporting.links.models import CONFIRMED, ReportFingerprint, ReportLink, ReportPerson
from reporting.models import AuditEvent
from tests.support import factories

SAMIRA = {"name": "Samira Oyelaran-Testcase", "phone": "07700 900461", "email": "samira@example.org",
          "address": "14 Acacia Road, Sale M33 7XY"}  # fmt: skip


def _submitted(centre, contact=None, **fields):
    report = factories.report(centre, contact=contact, **fields)
    services.refresh(report)
    db.session.commit()
    return report


def _suggest(app, *args) -> list[dict]:
    result = app.test_cli_runner().invoke(args=["links", "suggest", *args])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "reference_a,reference_b,reasons"
    return list(csv.DictReader(io.StringIO(result.output)))


def test_a_second_report_by_the_same_person_is_suggested_with_its_reasons(any_app):
    centre = factories.centre()
    first = _submitted(centre, SAMIRA)
    again = {"name": "OYELARAN-TESTCASE Samira", "phone": "+44 (0)7700 900 461", "email": " Samira@Example.org",
             "address": "14, acacia rd, sale, m33 7xy"}  # fmt: skip
    second = _submitted(centre, again)
    _submitted(centre, {"name": "Someone Else", "phone": "07700 900999"})
    assert _suggest(any_app) == [
        {"reference_a": first.reference, "reference_b": second.reference,
         "reasons": "phone;email;name_postcode;address;surname_address"}
    ]  # fmt: skip


def test_a_report_without_contact_details_has_no_fingerprints(app):
    report = _submitted(factories.centre(), None, postcode="M33 7XY")
    assert db.session.scalars(select(ReportFingerprint).where(ReportFingerprint.report_id == report.id)).all() == []


def test_suggest_keeps_to_the_dates_given(app):
    centre = factories.centre()
    march = datetime(2026, 3, 14, 10, tzinfo=UTC)
    _submitted(centre, SAMIRA, reported_at=march)
    _submitted(centre, {"phone": SAMIRA["phone"]}, reported_at=march)
    assert len(_suggest(app, "--from", "2026-03-01", "--to", "2026-03-31")) == 1
    assert _suggest(app, "--from", "2026-04-01", "--to", "2026-04-30") == []
    result = app.test_cli_runner().invoke(args=["links", "suggest", "--from", "2026-04-01", "--to", "2026-03-01"])
    assert result.exit_code != 0 and "--to" in result.output


def test_confirming_groups_the_reports_into_one_person_and_rejecting_undoes_it(app):
    centre = factories.centre()
    reports = [_submitted(centre, {"name": f"Mo Khan {index}", "phone": "07700 900123"}) for index in range(3)]
    runner = app.test_cli_runner()
    for other in reports[1:]:
        result = runner.invoke(args=["links", "confirm", reports[0].reference, other.reference.lower()])
        assert result.exit_code == 0 and "confirmed" in result.output, result.output
    people = set(db.session.scalars(select(ReportPerson.person_id)))
    assert len(people) == 1 and len(db.session.scalars(select(ReportPerson)).all()) == 3
    assert [row.reference_a for row in _pending()] == [reports[1].reference]  # 2 and 3 are already one person
    result = runner.invoke(args=["links", "reject", reports[0].reference, reports[2].reference])
    assert result.exit_code == 0, result.output
    grouped = {row.report_id for row in db.session.scalars(select(ReportPerson))}
    assert grouped == {reports[0].id, reports[1].id}
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {"link_confirmed", "link_rejected"} <= actions


def _pending():
    return services.pending()


def test_confirming_reports_with_no_link_between_them_says_so(app):
    centre = factories.centre()
    one, other = _submitted(centre, SAMIRA), _submitted(centre, {"name": "Somebody Else"})
    result = app.test_cli_runner().invoke(args=["links", "confirm", one.reference, other.reference])
    assert result.exit_code != 0 and "no suggested link" in result.output
    result = app.test_cli_runner().invoke(args=["links", "confirm", one.reference, "HR-NOPE-NOPE"])
    assert result.exit_code != 0 and "no submitted report" in result.output


def test_erasure_removes_the_fingerprints_and_keeps_confirmed_links(app):
    centre = factories.centre()
    one, other = _submitted(centre, SAMIRA), _submitted(centre, SAMIRA)
    app.test_cli_runner().invoke(args=["links", "confirm", one.reference, other.reference])
    result = app.test_cli_runner().invoke(args=["retention", "erase", one.reference])
    assert result.exit_code == 0, result.output
    assert db.session.scalars(select(ReportFingerprint).where(ReportFingerprint.report_id == one.id)).all() == []
    assert db.session.scalars(select(ReportFingerprint).where(ReportFingerprint.report_id == other.id)).all()
    assert db.session.scalars(select(ReportLink.status)).all() == [CONFIRMED]
    assert len(db.session.scalars(select(ReportPerson)).all()) == 2


def test_a_rotated_key_gives_the_same_links_after_rebuild(any_app):
    centre = factories.centre()
    reports = [_submitted(centre, SAMIRA), _submitted(centre, {"phone": SAMIRA["phone"]}),
               _submitted(centre, {"name": "Ann Smith", "address": "3 School Rd, Sale M33 7XY"}),
               _submitted(centre, {"name": "ann smith", "address": "3 school road M33 7XY"})]  # fmt: skip
    before = _suggest(any_app)
    digests = set(db.session.scalars(select(ReportFingerprint.digest)))
    old_keys = keyring.keys
    keyring.configure([new_key(), *old_keys])
    try:
        result = any_app.test_cli_runner().invoke(args=["links", "rebuild"])
        assert result.exit_code == 0 and "fingerprinted 4 report(s); 0 new suggestion(s)" in result.output
        assert not digests & set(db.session.scalars(select(ReportFingerprint.digest)))
        assert _suggest(any_app) == before and len(before) == 2
        later = _submitted(centre, {"email": SAMIRA["email"]})  # a report made after the rotation links too
        assert {link.report_a_id for link in services.links_of(later)} == {reports[0].id}
    finally:
        keyring.configure(old_keys)


def test_keys_rotate_fingerprints_again_under_the_new_key(app):
    centre = factories.centre()
    _submitted(centre, SAMIRA)
    digests = set(db.session.scalars(select(ReportFingerprint.digest)))
    old_keys = keyring.keys
    keyring.configure([new_key(), *old_keys])
    try:
        assert app.test_cli_runner().invoke(args=["keys", "rotate"]).exit_code == 0
        after = set(db.session.scalars(select(ReportFingerprint.digest)))
        assert after and not after & digests
    finally:
        keyring.configure(old_keys)


def test_the_database_file_holds_no_name_or_phone_in_clear(app, sqlite_url):
    centre = factories.centre()
    _submitted(centre, SAMIRA)
    _submitted(centre, SAMIRA)
    db.session.remove()
    db.engine.dispose()
    raw = open(sqlite_url.removeprefix("sqlite:///"), "rb").read()
    assert b"report_fingerprints" in raw
    for secret in ("Oyelaran", "oyelaran", "7700900461", "+447700900461", "900461", "samira@example.org",
                   "acacia road", "Acacia"):  # fmt: skip
        assert secret.encode() not in raw


def test_imported_reports_are_fingerprinted_and_suggested(app, tmp_path):
    centre = factories.centre()
    earlier = _submitted(centre, SAMIRA)
    record = {"channel": "assisted", "centre": centre.code, "reported_at": "2026-04-01T10:00:00+01:00",
              "occurred_on": "2026-03-30", "categories": ["race"], "incident_types": ["verbal_abuse"],
              "reporter_role": "victim", "location_type": "street", "area": None, "postcode": None,
              "description": "Shouted at again.", "police_consent": "anonymous", "language": "en", "satisfaction": None,
              "contact": {"name": "Samira Oyelaran-Testcase", "phone": "+447700900461", "email": None,
                          "address": None, "preferred": "phone"}}  # fmt: skip
    path = tmp_path / "reports.jsonl"
    path.write_text(json.dumps(record) + "\n")
    result = app.test_cli_runner().invoke(args=["reports", "import", str(path)])
    assert result.exit_code == 0, result.output
    rows = _suggest(app)
    assert len(rows) == 1 and rows[0]["reference_a"] == earlier.reference and rows[0]["reasons"] == "phone"


@pytest.mark.parametrize("app_config", [{"LINKING_ENABLED": False}])
def test_linking_switched_off_keeps_no_fingerprints(app, app_config):
    centre = factories.centre()
    _submitted(centre, SAMIRA)
    _submitted(centre, SAMIRA)
    assert db.session.scalars(select(ReportFingerprint)).all() == []
    assert db.session.scalars(select(ReportLink)).all() == []


def test_the_demo_data_has_repeat_victims_with_confirmed_links_and_pending_suggestions(app):
    result = app.test_cli_runner().invoke(args=["demo-data", "--reports", "400", "--seed", "3"])
    assert result.exit_code == 0, result.output
    statuses = list(db.session.scalars(select(ReportLink.status)))
    assert statuses.count(CONFIRMED) >= 5 and 0 < statuses.count("suggested") < statuses.count(CONFIRMED)
    assert len(set(db.session.scalars(select(ReportPerson.person_id)))) >= 5
    assert len(_suggest(app)) == statuses.count("suggested")


def test_suggestions_are_index_look_ups_never_a_scan(app):
    asked = services.HOLDERS.params(kinds=["phone", "email"], digests=["ab", "cd"])
    sql = str(asked.compile(db.engine, compile_kwargs={"literal_binds": True}))
    plan = " ".join(str(row[-1]) for row in db.session.execute(sa.text(f"EXPLAIN QUERY PLAN {sql}")))
    assert "USING INDEX ix_report_fingerprints_kind_digest" in plan and "SCAN" not in plan
    on_submit = services.HOLDERS_OF_REPORT.params(report_id=1)  # a report just submitted: its own, then the others
    sql = str(on_submit.compile(db.engine, compile_kwargs={"literal_binds": True}))
    plan = " ".join(str(row[-1]) for row in db.session.execute(sa.text(f"EXPLAIN QUERY PLAN {sql}")))
    assert "USING INDEX ix_report_fingerprints_kind_digest" in plan and "SCAN" not in plan, plan


def test_a_detail_on_many_reports_suggests_nothing_more(app):
    centre = factories.centre()
    for number in range(services.MOST_HOLDERS + 1):
        name = f"Person {chr(65 + number % 26)}{chr(65 + number // 26)}"
        _submitted(centre, {"name": name, "phone": "0161 496 0000"})  # the centre's own phone
    before = len(_suggest(app))
    _submitted(centre, {"name": "Somebody New", "phone": "0161 496 0000"})
    assert len(_suggest(app)) == before


def test_a_report_matching_a_known_person_is_suggested_once(app):
    centre = factories.centre()
    first, second = _submitted(centre, SAMIRA), _submitted(centre, SAMIRA)
    services.decide(services.find_link(first, second), CONFIRMED, None)
    db.session.commit()
    third = _submitted(centre, SAMIRA)
    assert [(row["reference_a"], row["reference_b"]) for row in _suggest(app)] == [(second.reference, third.reference)]


def test_a_draft_s_fingerprints_are_kept_for_its_submit_and_never_matched(app):
    centre = factories.centre()
    draft = factories.report(centre, status="draft", contact=dict(SAMIRA))
    services.refresh_draft(draft)
    db.session.commit()
    assert len(db.session.scalars(select(ReportFingerprint).where(ReportFingerprint.report_id == draft.id)).all()) >= 5
    _submitted(centre, SAMIRA)
    assert _suggest(app) == []
