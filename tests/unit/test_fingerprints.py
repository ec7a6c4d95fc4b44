"""Fingerprints of who made a report: the normalisers, the keyed hash and the rules for a suggested link."""

import pytest

from reporting.domain import fingerprints as fp
from reporting.domain.fingerprints import Identity

KEY = fp.links_key("a data encryption key")


@pytest.mark.parametrize(
    "written", ["07700 900123", "+44 7700 900123", "07700900123", "(07700) 900123", "+44 (0)7700 900 123"]
)
def test_a_phone_number_reads_the_same_however_it_is_written(written):
    assert fp.normalise_phone(written) == "+447700900123"


@pytest.mark.parametrize("written", ["", "   ", "call me", "123"])
def test_what_cannot_be_a_phone_number_has_no_fingerprint(written):
    assert fp.normalise_phone(written) is None


def test_an_email_address_ignores_case_and_spaces():
    assert fp.normalise_email("  Samira.Ahmed@Example.ORG ") == "samira.ahmed@example.org"
    assert fp.normalise_email("not an address") is None


@pytest.mark.parametrize(
    "written",
    ["Mohammed Khan", "KHAN Mohammed", "Khan, Mohammed", "mohammed khan", "Mr Mohammed Khan", "Muhammad Khan",
     "Mohamed KHAN", "Dr. Muhammed Khan", "Mohammad Ali Khan", "Khan, Mohammed Ali"],
)  # fmt: skip
def test_a_name_reads_the_same_across_case_order_titles_spellings_and_a_missing_middle_name(written):
    assert "khan muhammad" in fp.name_keys(written)


@pytest.mark.parametrize(
    ("one", "other"),
    [("Yusuf Ali", "Yousef Ali"), ("Fatimah Begum", "Fatima Begum"), ("Ahmad Shah", "Ahmed Shah"),
     ("Ebrahim Patel", "Ibrahim Patel"), ("Zoë Brontë", "Zoe Bronte"), ("José Álvarez", "Jose Alvarez"),
     ("Łukasz Wiśniewski", "Lukasz Wisniewski"), ("Siobhan O'Brien", "siobhan obrien")],
)  # fmt: skip
def test_transliterations_and_accents_read_alike(one, other):
    assert fp.name_keys(one) & fp.name_keys(other)


def test_different_names_read_differently():
    assert not fp.name_keys("Mohammed Khan") & fp.name_keys("Imran Khan")
    assert not fp.name_keys("Ann Smith") & fp.name_keys("Joan Smith")


@pytest.mark.parametrize(
    "written", ["12, school road", "12 School Rd", "12 SCHOOL ROAD, Sale, M33 7XY", "No. 12 School Rd."]
)
def test_an_address_reads_the_same_with_abbreviations_case_and_punctuation(written):
    assert fp.normalise_address(written) == "12 school road"


def test_a_flat_number_is_part_of_the_address():
    assert fp.normalise_address("Flat 3, 12 School Road") == "flat 3 12 school road"
    assert fp.normalise_address("Flat 3, 12 School Road") != fp.normalise_address("Flat 4, 12 School Road")
    assert fp.normalise_address("Rose Cottage, Sale") is None


def test_the_name_is_fingerprinted_with_the_contact_postcode_else_the_incident_postcode():
    at_home = Identity(name="Sara Jones", address="4 Elm Ave, Sale M33 7XY", incident_postcode="M1 1AA")
    assert (fp.NAME_POSTCODE, "jones sara|M33 7XY") in fp.values(at_home)
    no_address = Identity(name="Sara Jones", phone="07700 900555", incident_postcode="m33 7xy")
    assert (fp.NAME_POSTCODE, "jones sara|M33 7XY") in fp.values(no_address)
    district_only = Identity(name="Sara Jones", phone="07700 900555", incident_postcode="M33")
    assert (fp.NAME_POSTCODE, "jones sara|M33") in fp.values(district_only)


def test_fingerprints_are_keyed_hashes_that_show_nothing_in_clear():
    identity = Identity(name="Samira Ahmed", phone="07700 900123", email="samira@example.org",
                        address="12 School Road, Sale M33 7XY")  # fmt: skip
    prints = fp.fingerprints(KEY, identity)
    assert {kind for kind, _ in prints} == set(fp.KINDS)
    for _kind, digest in prints:
        assert len(digest) == 64 and "samira" not in digest and "7700" not in digest
    other_key = fp.links_key("another data encryption key")
    assert not prints & fp.fingerprints(other_key, identity)


@pytest.mark.parametrize(
    ("shared", "reasons"),
    [({"phone"}, ["phone"]), ({"email", "address"}, ["email", "address"]), ({"name_postcode"}, ["name_postcode"]),
     ({"address", "surname_address"}, ["address", "surname_address"]), ({"address"}, []), (set(), [])],
)  # fmt: skip
def test_a_link_needs_a_rule_strong_enough_to_name_one_person(shared, reasons):
    assert fp.link_reasons(shared) == reasons


def _shared_kinds(one: Identity, other: Identity) -> set[str]:
    return {kind for kind, _ in fp.fingerprints(KEY, one) & fp.fingerprints(KEY, other)}


def test_the_same_common_name_elsewhere_with_other_contact_details_is_no_link():
    one = Identity(name="Mohammed Khan", phone="07700 900001", address="3 Park Rd, Sale M33 7XY")
    other = Identity(name="Muhammad Khan", phone="07700 900002", address="9 Mill Lane, Leeds LS1 4AB")
    assert fp.link_reasons(_shared_kinds(one, other)) == []


def test_neighbours_with_different_names_at_one_postcode_are_no_link():
    one = Identity(name="Ann Smith", address="3 School Rd, Sale M33 7XY")
    other = Identity(name="Tomasz Nowak", address="5 School Rd, Sale M33 7XY")
    assert fp.link_reasons(_shared_kinds(one, other)) == []


def test_a_nickname_with_the_same_phone_is_a_link():
    one = Identity(name="Mohammed Khan", phone="07700 900123")
    other = Identity(name="Mo", phone="+44 (0)7700 900 123")
    assert fp.link_reasons(_shared_kinds(one, other)) == ["phone"]
