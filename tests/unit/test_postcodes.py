"""UK postcode rules."""

import pytest

from reporting.domain.postcodes import is_valid_postcode, normalise_postcode, postcode_district


@pytest.mark.parametrize("typed, expected", [(" m33 7xy ", "M33 7XY"), ("WA145AB", "WA14 5AB"), ("m4 1aa", "M4 1AA")])
def test_postcodes_are_normalised(typed, expected):
    assert normalise_postcode(typed) == expected
    assert is_valid_postcode(typed)


@pytest.mark.parametrize("typed", ["", "M33", "12345", "M33 7X", "QQ1 1AA", "hello world"])
def test_malformed_postcodes_are_refused(typed):
    assert not is_valid_postcode(typed)


def test_district_is_the_outward_code():
    assert postcode_district("m33 7xy") == "M33"
