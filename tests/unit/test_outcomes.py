"""Outcome codes: one list in the domain, a label for each, and the rule for choosing them when closing."""

import pytest

from reporting.domain.outcomes import OUTCOMES, NoOutcome, UnknownOutcome, chosen_outcomes, is_outcome
from reporting.labels import LABELS


def test_every_outcome_has_a_label_and_every_label_is_an_outcome():
    assert tuple(LABELS["outcomes"]) == OUTCOMES
    assert tuple(LABELS["person_outcomes"]) == OUTCOMES


def test_the_two_outcomes_of_no_contact_say_who_ended_it():
    assert LABELS["outcomes"]["no_further_contact"]._args[0] == "Person did not want further contact"
    assert LABELS["outcomes"]["not_contactable"]._args[0] == "Could not be contacted"


def test_chosen_outcomes_are_each_recorded_once_in_the_order_of_the_list():
    assert chosen_outcomes(["signposted", "support_given", "signposted"]) == ["support_given", "signposted"]


@pytest.mark.parametrize("codes", [[], None, ()])
def test_closing_needs_an_outcome(codes):
    with pytest.raises(NoOutcome):
        chosen_outcomes(codes)


def test_an_unknown_outcome_is_refused():
    with pytest.raises(UnknownOutcome):
        chosen_outcomes(["support_given", "sorted"])
    assert not is_outcome(None) and not is_outcome(["other"]) and is_outcome("other")
