"""The step form: one topic of the report, its questions, when it applies, and how its answers read back.

Wording (page title, question labels, hints, choice labels) comes from the flow, so the assisted
and self-report flows can share the questions and their checks while speaking differently. How each
question is drawn comes from its field (`reporting.forms.fields`): one generic template draws any step.
"""

from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from datetime import date
from functools import cache
from typing import ClassVar

from flask_babel import format_date
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField
from wtforms.fields.core import UnboundField

from ...forms import CheckboxesField, ChoiceSelectField, DatePartsField, RadiosField, choice_pairs, options
from ...forms.validators import ValidateIf
from ...i18n import lazy_gettext as _l

# The fields of every step form that are not questions.
NOT_QUESTIONS = frozenset({"csrf_token", "report_version"})
NOT_GIVEN = _l("Not given")
NOT_ANSWERED = _l("Not answered")


@dataclass
class SummaryRow:
    """One answer as check-your-answers shows it: the question, the answer's lines, and the field to fix it."""

    key: str
    values: list[str] = dataclass_field(default_factory=list)
    field_id: str = ""

    def __post_init__(self) -> None:
        self.key = str(self.key)  # translated once here, though a page prints it twice (the row and its Change link)


EDITED_BY_SOMEONE_ELSE = _l(
    "Someone else saved changes to this report while you had this page open. Check your answers on this page, "
    "then continue to save them."
)


class StepForm(FlaskForm):
    slug: ClassVar[str]
    # A step whose page differs from the generic one (`intake/step.html`) names its own template.
    template: ClassVar[str] = ""

    # The report's version when the page was shown; a different version on saving means someone else saved first.
    # No label is shown for it, so it is given none (WTForms would otherwise make one up and translate it).
    report_version = HiddenField(label="")

    def __init__(self, *args, flow, report=None, read_back=False, **kwargs):
        self.flow = flow
        self.report = report
        self.read_back = read_back  # filled in from the saved answers only to show them, never to be posted
        super().__init__(*args, **kwargs)
        if report is not None and not self.report_version.data:
            self.report_version.data = str(report.version or 1)
        self.prepare()
        self._apply_wording()
        if getattr(flow, "shared_device", False):
            self._no_autofill()

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.report is None or not self.report_version.raw_data or not self.report_version.raw_data[0]:
            return valid
        if self.report_version.raw_data[0] == str(self.report.version):
            return valid
        # Shown on the first question, so the error summary's link moves focus to something on the page.
        first = self.question_fields()[0]
        first.errors = [*first.errors, EDITED_BY_SOMEONE_ELSE]
        self.report_version.data = str(self.report.version)
        self.report_version.raw_data = None
        return False

    # --- what every step declares -------------------------------------------------------------
    @classmethod
    def should_show(cls, answers: dict) -> bool:
        """Whether this step applies, given every answer so far (skip logic)."""
        return True

    @classmethod
    def answers_from(cls, report) -> dict:
        """This step's answers as stored on the report, keyed by field name. By default a question's answer is
        the report's attribute of the same name; a step stored otherwise says how."""
        return {name: getattr(report, name) for name in cls.field_names() - NOT_QUESTIONS}

    @classmethod
    def field_names(cls) -> frozenset[str]:
        """The names of this step's fields, read from the class (its answers are keyed by some of them)."""
        return _field_names(cls)

    def save(self, report) -> None:
        """Write this step's answers onto the report. By default each answer goes to the report's attribute of the
        question's name, text without its outer spaces (and none for no text)."""
        for item in self.question_fields():
            setattr(report, item.name, text_or_none(item.data) if isinstance(item.data, str) else item.data)

    @classmethod
    def clear(cls, report, flow) -> None:
        """Forget this step's answers, when a changed answer means the step no longer applies."""
        cls(flow=flow, report=report, formdata=None, data={}, meta={"csrf": False}).save(report)

    def prepare(self) -> None:
        """Set choices that depend on the database; runs before the wording is applied."""

    def stays_on_page(self) -> bool:
        """True when the button pressed asks for the same page again (for example, to add more files)."""
        return False

    # --- wording and summary --------------------------------------------------------------------
    @property
    def wording(self) -> dict:
        return self.flow.wording.get(self.slug, {})

    @property
    def title(self) -> str:
        return self.wording.get("title", "")

    def question_fields(self) -> list:
        return [item for item in self if item.name not in NOT_QUESTIONS and item.type != "SubmitField"]

    def _apply_wording(self) -> None:
        for item in self.question_fields():
            text = self.wording.get(item.name, {})
            item.summary_label = text["summary"] if "summary" in text else item.label.text
            if "label" in text:
                item.label.text = text["label"]
            if "hint" in text:
                item.description = text["hint"]
            if "choices" in text and hasattr(item, "choices"):
                item.choices = options((code, text["choices"].get(code, label)) for code, label in choice_pairs(item))

    def _no_autofill(self) -> None:
        """On a shared device the browser must not offer the last person's details: autocomplete is off."""
        for item in self.question_fields():
            drawing = getattr(item, "drawing", None)
            if drawing is not None and drawing.autocomplete:
                item.drawing = replace(drawing, autocomplete="off")

    # --- drawing ----------------------------------------------------------------------------------
    @property
    def question_is_heading(self) -> bool:
        """Whether the flow draws this step's (first) question as the page's heading, instead of its title."""
        return bool(self.wording.get("question_is_heading"))

    def leading_questions(self) -> list:
        """The questions that follow up no other, in order."""
        return [item for item in self.question_fields() if not getattr(item, "follows_up", None)]

    def follow_ups_of(self, item) -> list:
        """The questions drawn under `item`: those that apply only after some answers to it."""
        return [other for other in self.question_fields() if getattr(other, "follows_up", None) == item.name]

    def questions_among(self, names) -> list:
        """The fields named that are drawn as questions (not those drawn with another, like a date's checkbox)."""
        questions = self.question_fields()
        return [self[name] for name in names if self[name] in questions]

    def choice_hints(self, item) -> dict | None:
        """Hints under the options of a question, from the flow's wording (`choice_hints`, or a function of the form
        that gives them)."""
        hints = self.wording.get(item.name, {}).get("choice_hints")
        return hints(self) if callable(hints) else hints

    def applies(self, item) -> bool:
        """False for a follow-up question whose trigger answer was not given."""
        return all(rule.applies(self) for rule in item.validators if isinstance(rule, ValidateIf))

    def summary(self) -> list[SummaryRow]:
        return [
            SummaryRow(key=item.summary_label, values=self.display(item), field_id=item.id)
            for item in self.question_fields()
            if self.applies(item)
        ]

    def display(self, item) -> list[str]:
        """The answer to one question as lines of text."""
        if isinstance(item, CheckboxesField):
            # In the order the options were offered, not the order they were stored in.
            chosen = set(item.data or ())
            return [str(text) for code, text in choice_pairs(item) if code in chosen] or [str(NOT_ANSWERED)]
        if isinstance(item, RadiosField | ChoiceSelectField):
            labels = dict(choice_pairs(item))
            return [str(labels.get(item.data, item.data))] if item.data else [str(NOT_ANSWERED)]
        if isinstance(item, DatePartsField):
            return [format_date(item.data, "d MMMM y")] if isinstance(item.data, date) else [str(NOT_ANSWERED)]
        if isinstance(item, BooleanField):
            return [str(_l("Yes") if item.data else _l("No"))]
        return [item.data] if item.data else [str(NOT_GIVEN)]


def yes_no(value: bool | None) -> str | None:
    """A stored yes/no as the code the radios use."""
    return None if value is None else ("yes" if value else "no")


def from_yes_no(code: str | None) -> bool | None:
    return None if code is None else code == "yes"


def text_or_none(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


@cache
def _field_names(form_class: type) -> frozenset[str]:
    return frozenset(name for name in dir(form_class) if isinstance(getattr(form_class, name), UnboundField))
