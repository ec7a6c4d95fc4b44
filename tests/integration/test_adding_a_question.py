"""Adding a question touches its step form and the wording (and, for real, the model and a migration): no template.

A throwaway follow-up question is added to the witnesses step here, stored in a dict in place of a model column. The
generic step template draws it under the question it follows up, the form checks it only when that applies, and
check-your-answers reads it back, with no template changed.
"""

import pytest

from reporting.forms import TextAreaField
from reporting.forms.validators import MaxLength, Required, ValidateIf
from reporting.intake.forms import STEPS
from reporting.intake.forms.witnesses import WITNESSED, WitnessesForm
from reporting.intake.wording import ASSISTED
from tests.support import factories
from tests.support.html import error_summary, text_of
from tests.support.intake import ANSWERS, answer_step, go_through_steps, start_report

STORED: dict[str, str | None] = {}


class WitnessesWithTheirDetails(WitnessesForm):
    """The witnesses step with one more question, as a developer would add it."""

    witness_details = TextAreaField(
        "Witness details",
        validators=[
            ValidateIf("witnesses", WITNESSED),
            Required("Enter how to reach the witnesses"),
            MaxLength(500, "Witness details must be 500 characters or fewer"),
        ],
        rows=3,
    )

    @classmethod
    def answers_from(cls, report) -> dict:
        return {**super().answers_from(report), "witness_details": STORED.get(report.reference)}

    def save(self, report) -> None:
        super().save(report)
        STORED[report.reference] = self.witness_details.data if self.witnesses.data in WITNESSED else None


@pytest.fixture
def reference(client_request, monkeypatch):
    monkeypatch.setitem(STEPS, "witnesses", WitnessesWithTheirDetails)
    monkeypatch.setitem(
        ASSISTED["witnesses"],
        "witness_details",
        {"label": "How can the police reach the witnesses?", "hint": "A phone number or an address.",
         "summary": "How to reach the witnesses"},
    )  # fmt: skip
    client_request.login_as("volunteer", factories.centre())
    reference = start_report(client_request)
    go_through_steps(client_request, reference, stop_at="witnesses")
    yield reference
    STORED.clear()


def test_the_generic_step_draws_the_new_question_under_the_one_it_follows_up(client_request, reference):
    page = client_request.get("intake.step", reference=reference, slug="witnesses")
    options = page.select_one("#witnesses").find_parent("div", class_="govuk-radios")
    follow_up = options.find("div", class_="govuk-radios__conditional", recursive=False)
    box = follow_up.select_one("textarea#witness_details")
    assert box["name"] == "witness_details" and box["rows"] == "3"
    assert text_of(follow_up, "label[for=witness_details]") == "How can the police reach the witnesses?"
    assert text_of(follow_up, "#witness_details-hint") == "A phone number or an address."


def test_the_new_question_is_checked_only_when_it_applies_and_reads_back(client_request, reference):
    answers = {**ANSWERS["witnesses"], "witness_details": "  "}
    page = client_request.post("intake.step", reference=reference, slug="witnesses", _data=answers,
                               _expected_status=200)  # fmt: skip
    assert error_summary(page) == ["Enter how to reach the witnesses"]
    assert page.select_one(".govuk-error-summary a")["href"] == "#witness_details"

    answers["witness_details"] = "07700 900 555"
    answer_step(client_request, reference, "witnesses", answers)
    go_through_steps(client_request, reference)
    check = text_of(client_request.get("intake.check_answers", reference=reference), "main")
    assert "How to reach the witnesses 07700 900 555" in check

    nobody = {"witnesses": "none", "witness_details": "07700 900 555"}
    answer_step(client_request, reference, "witnesses", nobody, change=True)
    assert STORED[reference] is None
    assert "How to reach the witnesses" not in text_of(
        client_request.get("intake.check_answers", reference=reference), "main"
    )
