"""Pages of a self-report flow over the shared intake steps, and one draft's way through them.

The assisted report asks a step's questions together on one page. A person reporting for
themselves gets one question a page, so a self-report flow splits each step into `Page`s, each
naming the step (a form from the shared registry) and the fields it asks. A page with a follow-up
question (one the step checks only after some answers, with `ValidateIf` or `RequiredIf`) is shown
only when that answer was given, instead of revealing the question on the same page.

A page's form is the whole step's form: the page's fields come from the request, the others from
the saved answers, so the step's own checks and `save` work unchanged. Only the errors of the
page's own fields count.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from wtforms.utils import unset_value

from ..forms import choice_pairs, options
from ..forms.validators import RequiredIf, ValidateIf
from ..intake.forms.base import EDITED_BY_SOMEONE_ELSE, NOT_QUESTIONS, StepForm, SummaryRow
from ..intake.journey import Journey, SavedAnswers

MAX_TEXT = 10_000


@dataclass(frozen=True)
class Page:
    """One question of a flow: a step's form and the fields of it that this page asks."""

    slug: str
    step: type[StepForm]
    fields: tuple[str, ...]
    # A decorative picture beside the question (easy read): the name of an icon in components/icons.html.
    icon: str | None = None
    # The page may be left empty even though the step needs an answer (nothing is saved then).
    skippable: bool = False
    # Replaces the step's own skip logic: whether the page applies, given every answer so far.
    shows: Callable[[dict], bool] | None = None
    # A page of several questions has its own heading; a page of one question uses the question as heading.
    title: object = None

    @property
    def takes_files(self) -> bool:
        """A page where files are added (multipart, a larger body limit, its own template)."""
        return "files" in self.fields

    def conditions(self) -> list[ValidateIf]:
        """The answers that must have been given for this page's questions to apply."""
        found = []
        for name in self.fields:
            for rule in getattr(self.step, name).kwargs.get("validators", []):
                if isinstance(rule, ValidateIf):
                    found.append(rule)
                elif isinstance(rule, RequiredIf):
                    found.append(rule.condition)
        return found

    def applies(self, answers: dict) -> bool:
        shown = self.shows(answers) if self.shows else self.step.should_show(answers)
        return shown and all(_holds(rule, answers) for rule in self.conditions())


def _holds(rule: ValidateIf, answers: dict) -> bool:
    answer = answers.get(rule.when)
    if isinstance(answer, list | tuple | set):
        return bool(rule.values.intersection(answer))
    return answer in rule.values


@dataclass(frozen=True)
class PageFlow:
    """A way of reporting online: its pages in order and its wording (the shape of intake's wording)."""

    name: str
    channel: str
    pages: tuple[Page, ...]
    wording: Mapping[str, Mapping] = field(default_factory=dict)
    easy_read: bool = False

    @property
    def steps(self) -> tuple[type[StepForm], ...]:
        return tuple(dict.fromkeys(page.step for page in self.pages))

    @property
    def step_slugs(self) -> tuple[str, ...]:
        return tuple(page.slug for page in self.pages)

    def page(self, slug: str) -> Page | None:
        return next((page for page in self.pages if page.slug == slug), None)

    def pages_of(self, step: type[StepForm]) -> list[Page]:
        return [page for page in self.pages if page.step is step]


class PageJourney(Journey):
    """One draft going through a page flow: which pages apply, what comes next, what is left."""

    def refresh(self) -> None:
        self.answers = SavedAnswers(self.flow.steps, self.report)
        self.shown = [page.slug for page in self.flow.pages if page.applies(self.answers)]

    def skipped_but_answered(self) -> list[type[StepForm]]:
        """Steps none of whose pages apply any more, but some of which were answered."""
        done = set(self.done)
        return [
            step
            for step in self.flow.steps
            if not any(page.slug in self.shown for page in self.flow.pages_of(step))
            and any(page.slug in done for page in self.flow.pages_of(step))
        ]

    def form(self, slug: str, **kwargs) -> StepForm:
        """The page's form: its own fields from the request when posted, every other answer as saved."""
        page = self.flow.page(slug)
        saved = page.step.answers_from(self.report)
        form = page.step(flow=self.flow, report=self.report, data=saved, **kwargs)
        if kwargs.get("formdata", unset_value) is not None:
            for item in form:
                if item.name not in page.fields and item.name not in NOT_QUESTIONS:
                    item.process(None, saved.get(item.name))
            form.prepare()
            form._apply_wording()
        _restrict_choices(form)
        form.page_slug = slug
        return form

    def saved_form(self, slug: str) -> StepForm:
        return self.form(slug, formdata=None, meta={"csrf": False}, read_back=True)

    def rows(self) -> list[tuple[Page, SummaryRow]]:
        """Every answer on the pages that apply, with the page to change it on, for check-your-answers."""
        found = []
        for slug in self.shown:
            page = self.flow.page(slug)
            form = self.saved_form(slug)
            questions = form.question_fields()
            for name in page.fields:
                item = form[name]
                if item in questions and form.applies(item):
                    found.append((page, SummaryRow(item.summary_label, form.display(item), item.id)))
        return found


def _restrict_choices(form: StepForm) -> None:
    """Offer only the options the flow's wording lists under `only` (and in that order)."""
    for item in form.question_fields():
        only = form.wording.get(item.name, {}).get("only")
        if only and hasattr(item, "choices"):
            labels = dict(choice_pairs(item))
            item.choices = options((code, labels[code]) for code in only if code in labels)


def page_is_valid(form: StepForm, page: Page) -> bool:
    """Check the page's own questions: errors on the step's other questions (not asked here) do not count,
    except that the report was saved elsewhere (another tab) since this page was shown."""
    form.validate()
    edited = any(EDITED_BY_SOMEONE_ELSE in item.errors for item in form)
    for item in form:
        if item.name not in page.fields and item.name not in NOT_QUESTIONS:
            item.errors = []
    first = form[page.fields[0]]
    if edited and EDITED_BY_SOMEONE_ELSE not in first.errors:
        first.errors = [*first.errors, EDITED_BY_SOMEONE_ELSE]
    _replace_messages(form, page)
    if page.skippable and all(_is_empty(form[name].data) for name in page.fields):
        for name in page.fields:
            form[name].errors = []
    return not form.errors


def _is_empty(data) -> bool:
    return data is None or data == [] or (isinstance(data, str) and not data.strip())


def _replace_messages(form: StepForm, page: Page) -> None:
    """The flow's own wording of a message ("Enter your name" for "Enter their name"), and a cap on length."""
    for name in page.fields:
        item = form[name]
        replacements = {str(original): mine for original, mine in form.wording.get(name, {}).get("errors", ())}
        item.errors = [replacements.get(str(message), message) for message in item.errors]
        if isinstance(item.data, str) and len(item.data) > MAX_TEXT and not item.errors:
            item.errors = [_l("Your answer must be %(count)d characters or fewer", count=MAX_TEXT)]
