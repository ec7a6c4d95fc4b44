"""Report references: shape, check character, randomness."""

import pytest

from reporting.domain.references import ALPHABET, is_valid_reference, new_reference, normalise_reference


def test_new_references_have_the_documented_shape_and_are_valid():
    reference = new_reference()
    assert reference.startswith("HR-") and len(reference) == 12
    assert reference[7] == "-"
    assert is_valid_reference(reference)


def test_references_avoid_look_alike_characters():
    for char in "01ILOUV":
        assert char not in ALPHABET


def test_references_are_not_a_sequence():
    references = {new_reference() for _ in range(2000)}
    assert len(references) == 2000


@pytest.mark.parametrize("position", range(3, 12))
def test_a_single_mistyped_character_is_caught(position):
    reference = new_reference()
    if reference[position] == "-":
        return
    for replacement in ALPHABET:
        if replacement != reference[position]:
            typo = reference[:position] + replacement + reference[position + 1 :]
            assert not is_valid_reference(typo)


def test_normalise_accepts_lower_case_and_missing_dashes():
    reference = new_reference()
    typed = reference.replace("-", " ").lower()
    assert normalise_reference(typed) == reference
    assert normalise_reference(reference.replace("-", "")) == reference
