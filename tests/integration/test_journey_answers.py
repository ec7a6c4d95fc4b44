"""A journey reads a step's saved answers only when skip logic asks for them,
and decides exactly as if it had read them all."""

import pytest
from sqlalchemy import select

from reporting.extensions import db
from reporting.intake.flows import ASSISTED
from reporting.intake.forms import STEPS
from reporting.intake.journey import Journey
from reporting.models import Report
from reporting.selfreport.flows import EASY_READ_FLOW, PLAIN_FLOW
from reporting.selfreport.journey import PageJourney
from tests.support import factories
from tests.support.intake import go_through_steps, start_report


def _every_answer(steps, report) -> dict:
    answers = {}
    for step in steps:
        answers.update(step.answers_from(report))
    return answers


def test_every_step_keys_its_answers_by_its_own_fields(app):
    for slug, step in STEPS.items():
        assert set(step.answers_from(Report())) <= step.field_names(), slug


@pytest.mark.parametrize(
    "changed",
    [
        {},
        {"police": {"police_consent": "anonymous"}, "harm-and-support": {"injured": "no", "support_wanted": "no"}},
        {"where": {"location_type": "online"}, "police": {"police_consent": "none"}},
        {"who-is-reporting": {"reporter_role": "centre_staff"},
         "what-happened": {"incident_types": ["online", "mate_crime"], "description": "Posts about him."}},
    ],
)  # fmt: skip
def test_the_steps_that_apply_are_those_all_the_answers_give(client_request, changed):
    client_request.login_as("volunteer", factories.centre())
    reference = start_report(client_request)
    go_through_steps(client_request, reference, changed)
    db.session.expire_all()
    report = db.session.scalar(select(Report).where(Report.reference == reference))
    answers = _every_answer(ASSISTED.steps, report)
    assert Journey(ASSISTED, report).shown == [step.slug for step in ASSISTED.steps if step.should_show(answers)]
    assert Journey(ASSISTED, report).is_complete()
    for flow in (PLAIN_FLOW, EASY_READ_FLOW):
        expected = [page.slug for page in flow.pages if page.applies(_every_answer(flow.steps, report))]
        assert PageJourney(flow, report).shown == expected
