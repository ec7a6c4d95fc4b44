"""`reports import FILE` and `reports export`: the exchange format, on SQLite and PostgreSQL."""

import csv
import io
import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from reporting.domain.exchange import FIELDS
from reporting.domain.references import is_valid_reference
from reporting.extensions import db
from reporting.models import AuditEvent, ContactDetails, Report, SurveyResponse
from tests.support import factories

DROP = object()
CONTACT = {
    "name": "Ann Example",
    "phone": "07700 900123",
    "email": "ann@example.org",
    "address": "1 Acacia Avenue, Sale M33 7XY",
    "preferred": "email",
}


def record(**changes) -> dict:
    base = {
        "channel": "assisted",
        "centre": "sale-library",
        "reported_at": "2026-03-14T10:30:00+00:00",
        "occurred_on": "2026-03-13",
        "categories": ["race"],
        "incident_types": ["verbal_abuse"],
        "reporter_role": "victim",
        "location_type": "street",
        "area": "sale_central",
        "postcode": "M33 7XY",
        "description": "Shouted at in the street outside the shop.",
        "police_consent": "anonymous",
        "language": "en",
        "satisfaction": None,
    }
    base.update(changes)
    return {name: value for name, value in base.items() if value is not DROP}


@pytest.fixture
def cli(any_app):
    factories.centre("sale-library", "Sale Library", "sale_central")
    factories.area("old_trafford", "Old Trafford")
    db.session.commit()
    return any_app.test_cli_runner()


def write_lines(tmp_path, lines: list, name: str = "reports.jsonl"):
    path = tmp_path / name
    text = [line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines]
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    return path


def import_file(cli, path):
    result = cli.invoke(args=["reports", "import", str(path)])
    db.session.rollback()  # see what the command committed
    return result


def export(cli, *options: str) -> str:
    result = cli.invoke(args=["reports", "export", *options])
    assert result.exit_code == 0, result.output
    return result.stdout


def exported_records(cli, *options: str) -> list[dict]:
    return [json.loads(line) for line in export(cli, *options).splitlines()]


def report_count() -> int:
    return db.session.scalar(select(func.count(Report.id)))


def test_what_goes_in_comes_out(cli, tmp_path):
    given = [
        record(
            reference="HR-7K3M-Q9XA",
            categories=["religion", "race"],
            incident_types=["threats", "damage"],
            postcode="m33 7xy",
            satisfaction={"overall": 4, "ease": 5, "treatment": 5},
            contact=CONTACT,
            police_consent="named",
            status="closed",
            outcomes=["signposted", "support_given"],
            acknowledged_at="2026-03-14T11:00:00+00:00",
            closed_at="2026-03-20T09:15:00+00:00",
        ),
        record(
            channel="self",
            centre=None,
            reported_at="2026-03-14T21:05:00+00:00",
            occurred_on="2026-03-01",
            area=None,
            postcode=None,
            language="zh-Hans",
            description="有人因为我的出身对我大声辱骂。",
            reporter_role="witness",
            location_type="public_transport",
            police_consent="none",
        ),
    ]
    result = import_file(cli, write_lines(tmp_path, given))
    assert result.exit_code == 0, result.output
    assert "imported 2 report(s); skipped 0" in result.stdout

    with_contact = exported_records(cli, "--from", "2026-03-14", "--to", "2026-03-14", "--include-contact")
    assert [row["reference"] for row in with_contact][0] == "HR-7K3M-Q9XA"
    assert is_valid_reference(with_contact[1]["reference"])
    expected_first = dict(
        given[0],
        categories=["race", "religion"],
        incident_types=["damage", "threats"],
        postcode="M33 7XY",
        satisfaction={"ease": 5, "treatment": 5, "overall": 4},
        outcomes=["support_given", "signposted"],
    )
    assert with_contact[0] == expected_first
    assert list(with_contact[0]) == list(FIELDS)
    open_case = {"status": "received", "outcomes": [], "acknowledged_at": None, "closed_at": None}
    assert with_contact[1] == dict(given[1], reference=with_contact[1]["reference"], contact=None, **open_case)

    without_contact = exported_records(cli, "--from", "2026-03-14", "--to", "2026-03-14")
    assert all("contact" not in row for row in without_contact)
    assert without_contact[0] == {name: value for name, value in expected_first.items() if name != "contact"}


def test_imported_reports_are_received_with_their_survey_answers_and_contact(cli, tmp_path):
    given = record(reference="HR-7K3M-Q9XA", satisfaction={"ease": 2}, contact=CONTACT)
    import_file(cli, write_lines(tmp_path, [given]))
    report = db.session.scalar(select(Report))
    assert report.status == "received"
    assert report.received_at == report.reported_at == datetime(2026, 3, 14, 10, 30, tzinfo=UTC)
    assert [(answer.kind, answer.question, answer.score) for answer in report.survey_responses] == [
        ("immediate", "ease", 2)
    ]
    assert report.contact.email == "ann@example.org" and report.contact.preferred_method == "email"
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "reports_imported")).all()
    assert [event.detail for event in events] == ["imported=1 skipped=0"]


def test_one_bad_line_imports_nothing_and_names_the_line(cli, tmp_path):
    lines = [record(), "", record(categories=["racism"]), record(), "{not json"]
    result = import_file(cli, write_lines(tmp_path, lines))
    assert result.exit_code != 0
    assert result.stderr.splitlines()[:2] == [
        "line 3: categories: unknown code 'racism'",
        "line 5: record: not valid JSON (Expecting property name enclosed in double quotes at column 2)",
    ]
    assert "nothing imported: 2 error(s)" in result.stderr
    assert report_count() == 0


def test_importing_the_same_references_again_does_not_duplicate(cli, tmp_path):
    path = write_lines(tmp_path, [record(reference="HR-7K3M-Q9XA"), record(reference="HR-2222-2222")])
    assert import_file(cli, path).exit_code == 0
    again = import_file(cli, path)
    assert again.exit_code == 0
    assert "imported 0 report(s); skipped 2 already in the database" in again.stdout
    assert report_count() == 2


def test_a_reference_twice_in_one_file_is_an_error(cli, tmp_path):
    path = write_lines(tmp_path, [record(reference="HR-7K3M-Q9XA"), record(reference="hr-7k3m-q9xa")])
    result = import_file(cli, path)
    assert result.exit_code != 0
    assert "line 2: reference: HR-7K3M-Q9XA appears more than once in the file (first on line 1)" in result.stderr
    assert report_count() == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"incident_types": ["shouting"]}, "incident_types: unknown code 'shouting'"),
        ({"police_consent": DROP}, "police_consent: is required"),
        ({"occurred_on": "14/03/2026"}, "occurred_on: '14/03/2026' is not a date in the form YYYY-MM-DD"),
        ({"reported_at": "2099-01-01T09:00:00+00:00"}, "reported_at: '2099-01-01T09:00:00+00:00' is in the future"),
        ({"centre": "atlantis-library"}, "centre: no centre with the code 'atlantis-library'"),
        ({"area": "atlantis"}, "area: no area with the code 'atlantis'"),
        ({"postcode": "NOT A CODE"}, "postcode: 'NOT A CODE' is not a UK postcode or postcode district"),
        ({"satisfaction": {"overall": 0}}, "satisfaction: overall must be a whole number from 1 to 5, not 0"),
        ({"mood": "angry"}, "mood: unknown field"),
        ({"status": "draft"}, "status: must be one of received, referred, closed, not 'draft'"),
        ({"status": "closed", "outcomes": ["sorted"], "closed_at": "2026-03-15T09:00:00+00:00"},
         "outcomes: unknown outcome 'sorted'"),
        ({"outcomes": ["support_given"]}, "outcomes: are given only for a closed case (status closed), not received"),
        ({"status": "closed", "outcomes": ["support_given"]}, "closed_at: is required for a closed case"),
        ({"closed_at": "2026-03-15T09:00:00+00:00"}, "closed_at: must be null unless status is closed"),
        ({"acknowledged_at": "2026-03-14T09:00:00+00:00"}, "acknowledged_at: must not be before reported_at"),
        ({"acknowledged_at": "tomorrow"},
         "acknowledged_at: 'tomorrow' is not a date and time with a UTC offset, for example 2026-03-01T14:30:00+00:00"),
    ],
)
def test_invalid_records_are_refused_with_a_plain_message(cli, tmp_path, changes, message):
    result = import_file(cli, write_lines(tmp_path, [record(), record(**changes)]))
    assert result.exit_code != 0
    assert result.stderr.splitlines()[0] == f"line 2: {message}"
    assert report_count() == 0


def test_export_counts_reports_by_their_uk_date(cli, tmp_path):
    lines = [
        record(reference="HR-7K3M-Q9XA", reported_at="2026-06-30T23:30:00+00:00", occurred_on="2026-06-30"),
        record(reported_at="2026-01-15T23:30:00+00:00", occurred_on="2026-01-15"),
    ]
    import_file(cli, write_lines(tmp_path, lines))
    factories.report(factories.centre("draft-centre", area_code="old_trafford"), status="draft",
                     reported_at=datetime(2026, 7, 1, 9, 0, tzinfo=UTC))  # fmt: skip
    db.session.commit()

    first_of_july = exported_records(cli, "--from", "2026-07-01", "--to", "2026-07-01")
    assert [row["reference"] for row in first_of_july] == ["HR-7K3M-Q9XA"]
    assert first_of_july[0]["reported_at"] == "2026-06-30T23:30:00+00:00"
    assert exported_records(cli, "--from", "2026-06-01", "--to", "2026-06-30") == []
    assert [row["occurred_on"] for row in exported_records(cli, "--from", "2026-01-15", "--to", "2026-01-15")] == [
        "2026-01-15"
    ]


def test_export_is_ordered_by_when_reported(cli, tmp_path):
    lines = [
        record(reported_at="2026-03-14T12:00:00+00:00"),
        record(reported_at="2026-03-14T09:00:00+00:00"),
        record(reported_at="2026-03-13T18:00:00+00:00"),
    ]
    import_file(cli, write_lines(tmp_path, lines))
    rows = exported_records(cli, "--from", "2026-03-13", "--to", "2026-03-14")
    assert [row["reported_at"][11:16] for row in rows] == ["18:00", "09:00", "12:00"]


def test_csv_export_flattens_lists_and_survey_answers(cli, tmp_path):
    given = record(
        categories=["sexual_orientation", "transgender"],
        incident_types=["verbal_abuse", "spitting"],
        satisfaction={"ease": 4, "overall": 5},
        description='=HYPERLINK("http://example.org")',
        contact=CONTACT,
    )
    import_file(cli, write_lines(tmp_path, [given]))
    rows = list(
        csv.DictReader(io.StringIO(export(cli, "--from", "2026-03-14", "--to", "2026-03-14", "--format", "csv")))
    )
    assert list(rows[0]) == [
        "reference", "channel", "centre", "reported_at", "occurred_on", "categories", "incident_types",
        "reporter_role", "location_type", "area", "postcode", "description", "police_consent", "language",
        "satisfaction_ease", "satisfaction_treatment", "satisfaction_informed", "satisfaction_overall",
        "status", "outcomes", "acknowledged_at", "closed_at",
    ]  # fmt: skip
    assert rows[0]["categories"] == "sexual_orientation;transgender"
    assert rows[0]["incident_types"] == "spitting;verbal_abuse"
    assert (rows[0]["satisfaction_ease"], rows[0]["satisfaction_treatment"], rows[0]["satisfaction_overall"]) == (
        "4", "", "5",
    )  # fmt: skip
    assert rows[0]["description"] == '\'=HYPERLINK("http://example.org")'

    out = tmp_path / "with-contact.csv"
    options = ["--from", "2026-03-14", "--to", "2026-03-14", "--format", "csv", "--include-contact", "--out", str(out)]
    assert export(cli, *options) == ""
    with_contact = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert list(with_contact[0])[-5:] == ["contact_name", "contact_phone", "contact_email", "contact_address",
                                          "contact_preferred"]  # fmt: skip
    assert with_contact[0]["contact_name"] == "Ann Example"
    assert with_contact[0]["contact_preferred"] == "email"


def test_exports_are_audited_and_contact_exports_say_so(cli, tmp_path):
    import_file(cli, write_lines(tmp_path, [record(contact=CONTACT)]))
    export(cli, "--from", "2026-03-01", "--to", "2026-03-31")
    export(cli, "--from", "2026-03-01", "--to", "2026-03-31", "--include-contact", "--format", "csv")
    db.session.rollback()
    events = db.session.execute(
        select(AuditEvent.action, AuditEvent.detail).where(AuditEvent.action.like("reports_exported%"))
        .order_by(AuditEvent.id)
    ).all()  # fmt: skip
    assert [tuple(event) for event in events] == [
        ("reports_exported", "from=2026-03-01 to=2026-03-31 format=jsonl count=1"),
        ("reports_exported_with_contact", "from=2026-03-01 to=2026-03-31 format=csv count=1"),
    ]
    assert "Ann Example" not in " ".join(detail for _, detail in events)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--from", "2026-02-30", "--to", "2026-03-01"], "'2026-02-30' is not a date in the form YYYY-MM-DD"),
        (["--from", "1/3/2026", "--to", "2026-03-01"], "'1/3/2026' is not a date in the form YYYY-MM-DD"),
        (["--from", "2026-03-02", "--to", "2026-03-01"], "must not be after --to"),
        (["--from", "2026-03-01", "--to", "2026-03-02", "--format", "xml"], "'xml' is not one of 'jsonl', 'csv'"),
    ],
)
def test_bad_export_options_get_a_clear_error(cli, options, message):
    result = cli.invoke(args=["reports", "export", *options])
    assert result.exit_code == 2
    assert message in result.stderr


def test_satisfaction_and_contact_rows_are_kept_apart_per_report(cli, tmp_path):
    lines = [record(satisfaction={"ease": 1}), record(satisfaction=None, contact=CONTACT), record()]
    import_file(cli, write_lines(tmp_path, lines))
    assert db.session.scalar(select(func.count(SurveyResponse.id))) == 1
    assert db.session.scalar(select(func.count(ContactDetails.id))) == 1
    rows = exported_records(cli, "--from", "2026-03-14", "--to", "2026-03-14", "--include-contact")
    assert sorted(json.dumps(row["satisfaction"]) for row in rows) == ["null", "null", '{"ease": 1}']
    assert sorted(row["contact"] is None for row in rows) == [False, True, True]


def test_a_byte_order_mark_is_accepted_and_a_line_that_is_not_utf8_is_named(cli, tmp_path):
    path = tmp_path / "from-a-spreadsheet.jsonl"
    good = json.dumps(record(description="Café"), ensure_ascii=False).encode("utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + good + b"\r\n" + good.replace(b"Caf\xc3\xa9", b"Caf\xe9") + b"\r\n")
    result = import_file(cli, path)
    assert result.stderr.splitlines()[0] == "line 2: record: not UTF-8 text"
    path.write_bytes(b"\xef\xbb\xbf" + good + b"\r\n")
    assert import_file(cli, path).exit_code == 0
    assert db.session.scalar(select(Report.description)) == "Café"


def test_only_immediate_answers_on_the_five_point_scale_are_exported(cli, tmp_path):
    import_file(cli, write_lines(tmp_path, [record(satisfaction={"ease": 4})]))
    report = db.session.scalar(select(Report))
    report.survey_responses.extend(
        [
            SurveyResponse(kind="follow-up", question="overall", score=1),
            SurveyResponse(kind="immediate", question="recommend", answer="yes"),
            SurveyResponse(kind="immediate", question="comment", comment="Kind staff."),
        ]
    )
    db.session.commit()
    [exported] = exported_records(cli, "--from", "2026-03-14", "--to", "2026-03-14")
    assert exported["satisfaction"] == {"ease": 4}


def _with_raw(field: str, raw: str) -> str:
    """A valid record's line with one field's value written as raw JSON text."""
    return json.dumps(record(**{field: "PLACEHOLDER"})).replace('"PLACEHOLDER"', raw)


TWICE = "appears more than once in one object"
PATHOLOGICAL_LINES = [
    ("[" * 100_000, "line 2: record: not valid JSON (nested too deeply)"),
    (_with_raw("description", "1" * 5000), "line 2: record: not valid JSON (a number is too long)"),
    (_with_raw("channel", "-" + "9" * 5000), "line 2: record: not valid JSON (a number is too long)"),
    (_with_raw("reporter_role", "[" * 900 + "]" * 900),
     "line 2: reporter_role: unknown code " + "[" * 57 + "..."),
    (_with_raw("satisfaction", '{"ease": NaN}'), "line 2: record: not valid JSON (NaN is not a JSON value)"),
    ('{"channel": "self", "channel": "assisted"}', f"line 2: record: the key 'channel' {TWICE}"),
    (_with_raw("contact", '{"name": "A", "name": "B"}'), f"line 2: record: the key 'name' {TWICE}"),
]  # fmt: skip


@pytest.mark.parametrize(("line", "error"), PATHOLOGICAL_LINES)
def test_a_pathological_line_is_named_and_nothing_is_imported(cli, tmp_path, line, error):
    result = import_file(cli, write_lines(tmp_path, [record(), line, record()]))
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), "an error message, not a traceback"
    assert "Traceback" not in result.output
    assert result.stderr.splitlines() == [error, "Error: nothing imported: 1 error(s)"]
    assert report_count() == 0


def test_a_line_that_cannot_be_checked_is_still_named(cli, tmp_path, monkeypatch):
    from reporting.exchange import importing

    def broken_check(*args):
        raise TypeError("a check that went wrong")

    monkeypatch.setattr(importing, "validate_record", broken_check)
    result = import_file(cli, write_lines(tmp_path, [record()]))
    assert result.stderr.splitlines()[0] == "line 1: record: could not be checked (TypeError)"
    assert report_count() == 0


@pytest.mark.parametrize("contact", [{}, {"name": "", "phone": None, "email": "  ", "address": "", "preferred": None}])
def test_an_empty_contact_object_creates_no_contact_row(cli, tmp_path, contact):
    result = import_file(cli, write_lines(tmp_path, [record(contact=contact)]))
    assert result.exit_code == 0, result.output
    assert report_count() == 1
    assert db.session.scalar(select(func.count(ContactDetails.id))) == 0


def test_a_closed_case_is_stored_with_its_outcomes_and_times(cli, tmp_path):
    given = record(reference="HR-7K3M-Q9XA", status="closed", outcomes=["not_contactable"],
                   acknowledged_at="2026-03-14T12:00:00+01:00", closed_at="2026-04-01T16:00:00+01:00")  # fmt: skip
    result = import_file(cli, write_lines(tmp_path, [given]))
    assert result.exit_code == 0, result.output
    report = db.session.scalar(select(Report))
    assert report.status == "closed" and [row.code for row in report.outcome_rows] == ["not_contactable"]
    assert report.acknowledged_at == datetime(2026, 3, 14, 11, 0, tzinfo=UTC)
    assert report.closed_at == datetime(2026, 4, 1, 15, 0, tzinfo=UTC)
    exported = export(cli, "--from", "2026-03-14", "--to", "2026-03-14", "--format", "csv")
    [row] = list(csv.DictReader(io.StringIO(exported)))
    assert (row["status"], row["outcomes"]) == ("closed", "not_contactable")
    assert row["closed_at"] == "2026-04-01T15:00:00+00:00"
