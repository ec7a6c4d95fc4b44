"""The rules of the conversation with the person: email notices, police consent changes, erasure dates, and the
order of a case's history."""

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from reporting.domain import case_messages as rules
from reporting.domain.case_history import Entry, in_time_order

BY_EMAIL = SimpleNamespace(name="Sam", email="sam@example.org", preferred_method="email", safe_to_leave_message=True)


def _contact(**changes):
    return SimpleNamespace(**{**vars(BY_EMAIL), **changes})


@pytest.mark.parametrize(
    ("set_up", "consent", "contact", "reason"),
    [
        (True, "named", BY_EMAIL, None),
        (False, "named", BY_EMAIL, rules.NOT_SET_UP),
        (True, "anonymous", None, rules.NOT_NAMED),
        (True, "named", None, rules.NO_EMAIL),
        (True, "anonymous", _contact(email=None), rules.NO_EMAIL),
        (True, "none", _contact(preferred_method="phone"), rules.NOT_BY_EMAIL),
        (True, "named", _contact(safe_to_leave_message=False), rules.NOT_SAFE),
        (True, "named", _contact(safe_to_leave_message=None), rules.NOT_SAFE),
    ],
)
def test_an_email_notice_goes_only_by_email_to_a_named_person_when_safe(set_up, consent, contact, reason):
    assert rules.email_notice_blocked(set_up, consent, contact) == reason


def test_police_consent_can_change_until_a_police_referral():
    support = [SimpleNamespace(recipient="support")]
    assert rules.consent_choices("anonymous", []) == ("named", "none")
    assert rules.consent_choices("named", support) == ("anonymous", "none")
    assert rules.consent_choices("anonymous", [*support, SimpleNamespace(recipient="police")]) == ()


def test_an_erasure_falls_due_after_the_cooling_off_period():
    asked = datetime(2026, 3, 1, 12, tzinfo=UTC)
    due = rules.erase_after(asked, 7)
    assert due == asked + timedelta(days=7)
    assert not rules.is_due(due, due - timedelta(seconds=1)) and rules.is_due(due, due)


def test_history_entries_are_in_time_order_unknown_times_last():
    first, second = datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 3, 2, tzinfo=UTC)
    entries = [Entry("b", second, "B"), Entry("x", None, "X"), Entry("a", first, "A"), Entry("c", second, "C")]
    assert [entry.title for entry in in_time_order(entries)] == ["A", "B", "C", "X"]
