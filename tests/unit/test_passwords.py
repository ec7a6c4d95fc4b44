"""Staff password rules."""

from reporting.domain.passwords import password_problems


def test_a_long_uncommon_password_is_accepted():
    assert password_problems("harbour-lamp-orange-41") == []


def test_short_passwords_are_refused():
    assert password_problems("short1") == ["too_short"]


def test_common_passwords_are_refused_even_when_long_enough():
    assert "common" in password_problems("passwordpassword")
    assert "common" in password_problems("Manchesterunited1")
