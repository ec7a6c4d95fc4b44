"""Staff password rules: at least 12 characters and hard to guess (zxcvbn score 3 or more)."""

import pytest

from reporting.domain.passwords import ESTIMATED_LENGTH, guess_score, password_problems, personal_words


@pytest.mark.parametrize(
    "password", ["harbour-lamp-orange-41", "correct-lamp-harbour-77", "trafford-demo-reporting-2026"]
)
def test_a_long_passphrase_is_accepted(password):
    assert password_problems(password, email="vol@example.org") == []


@pytest.mark.parametrize(
    "password",
    [
        " " * 12,  # all one character, and blank
        "123456789012",  # a sequence
        "aaaaaaaaaaaa",  # all one character
        "password1234",  # common
        "passwordpassword",  # a common word repeated
        "Manchesterunited1",  # common, with a capital and a digit
        "qwertyuiopas",  # a keyboard row
    ],
)
def test_easily_guessed_passwords_of_twelve_or_more_characters_are_refused(password):
    assert len(password) >= 12
    assert password_problems(password) == ["easy_to_guess"]


def test_short_passwords_are_refused():
    assert password_problems("short1") == ["too_short", "easy_to_guess"]
    assert "too_short" in password_problems("Tr0ub4dor&3")


def test_a_password_made_of_the_email_address_is_refused():
    assert password_problems("vol@example.org2026") == []
    assert password_problems("vol@example.org2026", email="vol@example.org") == ["easy_to_guess"]
    assert password_problems("salelibrary2026", email="lead@sale-library.example.org") == ["easy_to_guess"]


def test_the_email_is_split_into_the_words_a_guesser_would_try():
    assert personal_words("Lead@Sale-Library.example.org") == [
        "example", "lead", "lead@sale-library.example.org", "library", "org", "sale", "sale-library", "salelibrary",
    ]  # fmt: skip
    assert personal_words(None) == []


def test_a_very_long_password_is_judged_by_its_start_without_error():
    assert password_problems("a" * 500) == ["easy_to_guess"]
    assert guess_score("harbour-lamp-orange-41-" * 20) >= 3
    assert len("harbour-lamp-orange-41-" * 20) > ESTIMATED_LENGTH
