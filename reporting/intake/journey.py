"""Flows and journeys: which steps a flow asks, in what order, and where a draft has got to.

A `Flow` is a way of reporting (assisted at a centre, or self-report) with its own wording over the
shared step forms; each step is drawn by the generic step template unless it names its own. A
`Journey` is one draft going through a flow: it works out which steps apply from the answers so far,
what comes before and after a step, and what is left.
"""

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from .forms import STEPS
from .forms.base import StepForm

GENERIC_STEP = "intake/step.html"


@dataclass(frozen=True)
class Flow:
    name: str
    channel: str
    step_slugs: tuple[str, ...]
    templates: str  # the folder of the templates of steps whose page differs from the generic one
    wording: Mapping[str, Mapping] = field(default_factory=dict)
    # A tablet that several people use: the browser must not offer one person's details to the next.
    shared_device: bool = False

    @property
    def steps(self) -> tuple[type[StepForm], ...]:
        return tuple(STEPS[slug] for slug in self.step_slugs)

    def template_for(self, step: type[StepForm]) -> str:
        return f"{self.templates}/{step.template}" if step.template else GENERIC_STEP

    def title_of(self, slug: str) -> str:
        return self.wording.get(slug, {}).get("title", "")


class SavedAnswers(Mapping):
    """A draft's saved answers, keyed by field name, each step's read from the report only when one is asked for.

    Skip logic asks for a handful of answers; reading only the steps that hold them spares loading and
    building the rest (contact details, equality answers, ...) on every page and on submitting. Where two
    steps share a field name, the later step's answer counts.
    """

    def __init__(self, steps: Sequence[type[StepForm]], report) -> None:
        self._report = report
        self._owners = {name: step for step in steps for name in step.field_names()}
        self._read: dict[type[StepForm], dict] = {}

    def _of(self, step: type[StepForm]) -> dict:
        if step not in self._read:
            self._read[step] = step.answers_from(self._report)
        return self._read[step]

    def __getitem__(self, name: str):
        saved = self._of(self._owners[name])
        return saved[name]

    def __iter__(self) -> Iterator[str]:
        return (name for name in self._owners if name in self._of(self._owners[name]))

    def __len__(self) -> int:
        return sum(1 for _name in self)


class Journey:
    def __init__(self, flow: Flow, report):
        self.flow = flow
        self.report = report
        self.refresh()

    def refresh(self) -> None:
        """Work out the answers and the steps that apply again, after answers have changed."""
        self.answers = SavedAnswers(self.flow.steps, self.report)
        self.shown = [step.slug for step in self.flow.steps if step.should_show(self.answers)]

    @property
    def done(self) -> list[str]:
        return list(self.report.steps_done or [])

    def is_shown(self, slug: str) -> bool:
        return slug in self.shown

    def previous(self, slug: str) -> str | None:
        index = self.shown.index(slug)
        return self.shown[index - 1] if index > 0 else None

    def next(self, slug: str) -> str | None:
        index = self.shown.index(slug)
        return self.shown[index + 1] if index + 1 < len(self.shown) else None

    def first_unfinished(self) -> str | None:
        done = set(self.done)
        return next((slug for slug in self.shown if slug not in done), None)

    def is_complete(self) -> bool:
        return self.first_unfinished() is None

    def skipped_but_answered(self) -> list[type[StepForm]]:
        done = set(self.done)
        return [step for step in self.flow.steps if step.slug not in self.shown and step.slug in done]

    def form(self, slug: str, **kwargs) -> StepForm:
        """The step's form: from the request when posted, else filled in from the saved answers."""
        step = STEPS[slug]
        if "formdata" in kwargs and kwargs["formdata"] is None:
            kwargs.setdefault("data", step.answers_from(self.report))
        return step(flow=self.flow, report=self.report, **kwargs)

    def saved_form(self, slug: str) -> StepForm:
        """The step's form filled in from the saved answers, for reading back (no CSRF token needed)."""
        return self.form(slug, formdata=None, meta={"csrf": False}, read_back=True)

    def sections(self, exclude: tuple[str, ...] = ()) -> list[tuple[str, StepForm]]:
        """(slug, form) for every step that applies, for check-your-answers and the report page."""
        return [(slug, self.saved_form(slug)) for slug in self.shown if slug not in exclude]
