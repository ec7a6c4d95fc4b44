"""A question is declared once, on its step form: every wording key and every self-report page names a real step
and a real field of it, and every choice the wording relabels or offers is one of the field's options."""

from types import SimpleNamespace

import pytest

from reporting.forms import codes
from reporting.intake.flows import ASSISTED
from reporting.selfreport.flows import FLOWS

ALL_FLOWS = {"assisted": ASSISTED, **FLOWS}
STEP_KEYS = {"title", "intro", "inset", "question_is_heading"}
FIELD_KEYS = {"label", "hint", "summary", "choices", "choice_hints", "only", "errors"}


def _steps(flow) -> dict:
    return {step.slug: step for step in flow.steps}


WORDING = [
    pytest.param(flow, slug, wording, id=f"{name}:{slug}")
    for name, flow in ALL_FLOWS.items()
    for slug, wording in flow.wording.items()
]


@pytest.mark.parametrize(("flow", "slug", "wording"), WORDING)
def test_every_wording_key_names_a_step_of_the_flow_and_a_field_of_that_step(flow, slug, wording):
    step = _steps(flow).get(slug)
    assert step is not None, f"the wording names a step the flow does not ask: {slug}"
    unknown = set(wording) - STEP_KEYS - step.field_names()
    assert not unknown, f"{slug}: the wording names no field of {step.__name__}: {sorted(unknown)}"
    for name in set(wording) & step.field_names():
        odd = set(wording[name]) - FIELD_KEYS
        assert not odd, f"{slug}.{name}: unknown keys {sorted(odd)}"


def _fixed_options(step, name: str) -> set[str]:
    """The codes a field offers whatever the database holds (choices set in `prepare` are not known here)."""
    return codes(SimpleNamespace(choices=getattr(step, name).kwargs.get("choices")))


def _codes_named(wording: dict) -> set[str]:
    hints = wording.get("choice_hints")
    return {*wording.get("choices", {}), *wording.get("only", ()), *(hints if isinstance(hints, dict) else ())}


@pytest.mark.parametrize(("flow", "slug", "wording"), WORDING)
def test_the_choices_a_wording_relabels_or_offers_are_options_of_the_field(flow, slug, wording):
    step = _steps(flow)[slug]
    for name in set(wording) & step.field_names():
        offered = _fixed_options(step, name)
        named = _codes_named(wording[name])
        assert not offered or named <= offered, f"{slug}.{name}: not options of the field: {sorted(named - offered)}"


@pytest.mark.parametrize("flow", FLOWS.values(), ids=FLOWS.keys())
def test_every_page_of_a_self_report_flow_names_fields_of_its_step(flow):
    for page in flow.pages:
        unknown = set(page.fields) - page.step.field_names()
        assert page.fields and not unknown, f"{flow.name}/{page.slug}: no such field of {page.step.__name__}: {unknown}"
    slugs = [page.slug for page in flow.pages]
    assert len(slugs) == len(set(slugs)), "two pages of one flow share an address"


def test_every_step_of_the_assisted_flow_is_a_step_form_with_a_title():
    for step in ASSISTED.steps:
        assert step.field_names(), step.__name__
        assert ASSISTED.wording.get(step.slug, {}).get("title"), f"{step.slug} has no title"
