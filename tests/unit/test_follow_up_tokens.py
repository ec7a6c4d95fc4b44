"""The follow-up token rules: derivation, hashing, the validity window and the token's state."""

from datetime import UTC, datetime, timedelta

import pytest

from reporting.domain import follow_up

REPORTED = datetime(2026, 3, 14, 10, 30, tzinfo=UTC)


def test_a_token_is_derived_again_from_its_salt_and_the_secret_key_only():
    salt = follow_up.new_salt()
    token = follow_up.derive_token("secret", salt)
    assert follow_up.derive_token("secret", salt) == token
    assert follow_up.derive_token("another secret", salt) != token
    assert follow_up.derive_token("secret", follow_up.new_salt()) != token
    assert len(token) == 43 and token.replace("-", "").replace("_", "").isalnum()


def test_salts_are_random_and_long():
    salts = {follow_up.new_salt() for _ in range(100)}
    assert len(salts) == 100
    assert all(len(salt) >= 43 for salt in salts)


def test_the_stored_hash_is_the_sha256_of_the_token():
    assert follow_up.token_hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_the_link_opens_after_some_days_and_stays_open_for_some_more():
    opens, closes = follow_up.validity(REPORTED, 28, 60)
    assert opens == datetime(2026, 4, 11, 10, 30, tzinfo=UTC)
    assert closes == datetime(2026, 6, 10, 10, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    "now, closed, state",
    [
        (REPORTED + timedelta(days=27, hours=23), None, follow_up.NOT_YET),
        (REPORTED + timedelta(days=28), None, follow_up.OPEN),
        (REPORTED + timedelta(days=87, hours=23), None, follow_up.OPEN),
        (REPORTED + timedelta(days=88), None, follow_up.EXPIRED),
        (REPORTED + timedelta(days=30), REPORTED + timedelta(days=29), follow_up.USED),
        (REPORTED + timedelta(days=100), REPORTED + timedelta(days=29), follow_up.USED),
    ],
)
def test_the_state_of_a_token(now, closed, state):
    opens, closes = follow_up.validity(REPORTED, 28, 60)
    assert follow_up.token_state(opens, closes, closed, now) == state
