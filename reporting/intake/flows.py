"""The flows built on the shared steps. The assisted flow is the one a volunteer follows on a centre tablet."""

from .forms import STEPS
from .journey import Flow
from .wording import ASSISTED as ASSISTED_WORDING

ASSISTED = Flow(
    name="assisted",
    channel="assisted",
    step_slugs=tuple(STEPS),
    templates="intake/steps",
    wording=ASSISTED_WORDING,
    shared_device=True,
)
