"""Checking and normalising one record of the report exchange format."""

from datetime import UTC, date, datetime

import pytest

from reporting.domain.exchange import CASE_FIELDS, FIELDS, Problem, decode_line, format_errors, validate_record

CENTRES = {"sale-library"}
AREAS = {"sale_central", "old_trafford"}
TODAY = date(2026, 7, 15)
DROP = object()


def record(**changes) -> dict:
    base = {
        "channel": "assisted",
        "centre": "sale-library",
        "reported_at": "2026-07-01T10:30:00+01:00",
        "occurred_on": "2026-06-30",
        "categories": ["religion", "race"],
        "incident_types": ["verbal_abuse"],
        "reporter_role": "victim",
        "location_type": "street",
        "area": "sale_central",
        "postcode": " m33 7xy ",
        "description": "Shouted at outside the shop.",
        "police_consent": "named",
        "language": "en",
        "satisfaction": {"overall": 4, "ease": 5},
    }
    base.update(changes)
    return {name: value for name, value in base.items() if value is not DROP}


def check(data) -> tuple[list[str], dict]:
    errors, normalised = validate_record(data, CENTRES, AREAS, TODAY)
    return format_errors(errors), normalised


def test_a_valid_record_is_normalised_for_storage():
    errors, normalised = check(record(contact={"name": "Ann Example", "phone": "07700 900123", "preferred": "phone"}))
    assert errors == []
    assert normalised["reported_at"] == datetime(2026, 7, 1, 9, 30, tzinfo=UTC)
    assert normalised["occurred_on"] == date(2026, 6, 30)
    assert normalised["categories"] == ["race", "religion"]
    assert normalised["postcode"] == "M33 7XY"
    assert normalised["reference"] is None
    assert list(normalised["satisfaction"].items()) == [("ease", 5), ("overall", 4)]
    assert normalised["contact"] == {
        "name": "Ann Example",
        "phone": "07700 900123",
        "email": None,
        "address": None,
        "preferred": "phone",
    }


def test_optional_fields_may_be_left_out_or_null():
    errors, normalised = check(
        record(channel="self", centre=None, area=DROP, postcode=None, satisfaction=DROP, language="zh-Hans")
    )
    assert errors == []
    assert normalised["centre"] is None and normalised["area"] is None and normalised["satisfaction"] is None
    assert normalised["language"] == "zh-Hans"


def test_a_reference_is_normalised_and_must_have_the_right_check_character():
    assert check(record(reference="hr 7k3m q9xa"))[1]["reference"] == "HR-7K3M-Q9XA"
    assert check(record(reference="HR-7K3M-Q9XC"))[0] == [
        "reference: 'HR-7K3M-Q9XC' is not a valid reference (like HR-7K3M-Q9XA)"
    ]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"categories": ["racism"]}, "categories: unknown code 'racism'"),
        ({"categories": []}, "categories: must be a list with at least one code"),
        ({"incident_types": "verbal_abuse"}, "incident_types: must be a list with at least one code"),
        ({"channel": "phone"}, "channel: must be assisted or self, not 'phone'"),
        ({"centre": None}, "centre: is required for an assisted report (only self-reports may have no centre)"),
        ({"centre": "nowhere"}, "centre: no centre with the code 'nowhere'"),
        ({"area": "atlantis"}, "area: no area with the code 'atlantis'"),
        (
            {"reported_at": "2026-07-01T10:30:00"},
            "reported_at: '2026-07-01T10:30:00' is not a date and time with a UTC offset, "
            "for example 2026-03-01T14:30:00+00:00",
        ),
        ({"reported_at": "2026-07-16T00:10:00+01:00"}, "reported_at: '2026-07-16T00:10:00+01:00' is in the future"),
        (
            {"reported_at": "0001-01-01T00:00:00+01:00"},
            "reported_at: '0001-01-01T00:00:00+01:00' is not a date and time with a UTC offset, "
            "for example 2026-03-01T14:30:00+00:00",
        ),
        ({"occurred_on": "30/06/2026"}, "occurred_on: '30/06/2026' is not a date in the form YYYY-MM-DD"),
        ({"occurred_on": "2026-02-30"}, "occurred_on: '2026-02-30' is not a real date"),
        ({"occurred_on": "2026-07-16"}, "occurred_on: '2026-07-16' is in the future"),
        ({"occurred_on": "2026-07-02"}, "occurred_on: must not be after the date it was reported"),
        ({"reporter_role": "bystander"}, "reporter_role: unknown code 'bystander'"),
        ({"police_consent": True}, "police_consent: unknown code true"),
        ({"postcode": "M33 7X"}, "postcode: 'M33 7X' is not a UK postcode or postcode district"),
        ({"description": None}, "description: must be text"),
        ({"language": "klingon"}, "language: 'klingon' is not a language tag such as en, ur or zh-Hans"),
        ({"satisfaction": {"ease": 6}}, "satisfaction: ease must be a whole number from 1 to 5, not 6"),
        ({"satisfaction": {"ease": 4.5}}, "satisfaction: ease must be a whole number from 1 to 5, not 4.5"),
        ({"satisfaction": {"speed": 4}}, "satisfaction: unknown question 'speed'"),
        ({"satisfaction": [4]}, "satisfaction: must be an object of question code to a score from 1 to 5, or null"),
        ({"contact": {"name": "A", "preferred": "pigeon"}}, "contact: preferred: unknown code 'pigeon'"),
        ({"contact": {"mobile": "07700 900123"}}, "contact: unknown key 'mobile'"),
        ({"colour": "red"}, "colour: unknown field"),
        ({"language": DROP}, "language: is required"),
    ],
)
def test_invalid_records_are_explained_field_by_field(changes, expected):
    errors, _ = check(record(**changes))
    assert errors == [expected]


def test_every_missing_required_field_is_listed_in_the_format_order():
    errors, _ = check({})
    optional = ("reference", "centre", "area", "postcode", "satisfaction", *CASE_FIELDS)
    required = [name for name in FIELDS if name not in optional]
    assert errors == [f"{name}: is required" for name in required if name != "contact"]


def test_a_record_that_is_not_an_object_is_refused():
    assert check(["not", "an", "object"])[0] == ["record: must be a JSON object"]


def test_long_values_are_cut_short_in_messages():
    errors, _ = check(record(categories=["x" * 500]))
    assert len(errors[0]) < 100


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("[" * 100_000, "not valid JSON (nested too deeply)"),
        ('{"a": ' + "7" * 5000 + "}", "not valid JSON (a number is too long)"),
        ('{"a": -Infinity}', "not valid JSON (-Infinity is not a JSON value)"),
        ('{"channel": "self", "channel": "assisted"}', "the key 'channel' appears more than once in one object"),
        ('{"contact": {"name": "A", "name": "A"}}', "the key 'name' appears more than once in one object"),
        ("{", "not valid JSON (Expecting property name enclosed in double quotes at column 2)"),
    ],
)
def test_a_line_that_is_not_json_or_repeats_a_key_is_a_problem(line, message):
    with pytest.raises(Problem) as raised:
        decode_line(line)
    assert str(raised.value) == message


def test_a_deep_value_is_named_without_writing_it_all_out():
    errors, _ = check(record(channel=decode_line("[" * 900 + "]" * 900)))
    assert errors == ["channel: must be assisted or self, not " + "[" * 57 + "..."]


@pytest.mark.parametrize("contact", [{}, {"name": None, "phone": "", "email": " ", "address": "\t", "preferred": None}])
def test_an_empty_contact_is_no_contact(contact):
    errors, normalised = check(record(contact=contact))
    assert errors == [] and normalised["contact"] is None


def test_a_postcode_district_alone_is_accepted_as_an_export_after_retention_gives_it():
    errors, normalised = check(record(postcode="m33"))
    assert errors == []
    assert normalised["postcode"] == "M33"
