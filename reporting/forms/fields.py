"""Form fields shared by every form, each carrying how it is drawn.

A field's `answer_type` names its partial (`templates/components/answers/<answer_type>.html`) and its
`drawing` holds what the partial needs besides the label, hint and answer: the input type, width,
autocomplete, spellcheck, rows, inline options, label size and accepted files. A field follows up another
question when it has a `ValidateIf` rule; it is then drawn under that question.

A choice field never answers "Not a valid choice": an answer that is not one of the options (a tampered
form) counts as no answer, so the question's own "Select ..." message is shown instead. That rule is
written once, in `_OneOfItsOptions`.
"""

from dataclasses import dataclass, fields
from datetime import date
from typing import ClassVar

import wtforms
from wtforms.utils import unset_value

from .choices import codes
from .validators import ValidateIf


@dataclass(frozen=True)
class Drawing:
    """How a field is drawn. `size` is the label's (or legend's): "s", "m" or "l", or "" for a regular label;
    `width` is in characters (10, 20) or a fraction of the column ("two-thirds")."""

    input_type: str = "text"
    width: int | str | None = None
    autocomplete: str | None = None
    spellcheck: bool | None = None
    rows: int = 5
    inline: bool = False
    size: str = "m"
    accept: str = ""

    @property
    def width_class(self) -> str:
        if self.width is None:
            return ""
        return f"govuk-input--width-{self.width}" if isinstance(self.width, int) else f"govuk-!-width-{self.width}"


DRAWING = frozenset(item.name for item in fields(Drawing))


class Drawn:
    """Takes the keyword arguments of `Drawing` with the field's own, and keeps them as `drawing`."""

    answer_type: ClassVar[str] = "text"

    def __init__(self, *args, **kwargs):
        self.drawing = Drawing(**{name: kwargs.pop(name) for name in DRAWING & kwargs.keys()})
        super().__init__(*args, **kwargs)

    @property
    def follows_up(self) -> str | None:
        """The name of the question this one follows up, from its `ValidateIf` rule."""
        return next((rule.when for rule in self.validators if isinstance(rule, ValidateIf)), None)


class _OneOfItsOptions:
    """A single answer that is not one of the field's options counts as no answer."""

    def pre_validate(self, form):
        if self.data is not None and self.data not in codes(self):
            self.data = None


class RadiosField(Drawn, _OneOfItsOptions, wtforms.RadioField):
    """Radios: one answer from the options."""

    answer_type = "radios"


class ChoiceSelectField(Drawn, _OneOfItsOptions, wtforms.SelectField):
    """A select: one answer from the options."""

    answer_type = "select"


class CheckboxesField(Drawn, wtforms.SelectMultipleField):
    """Checkboxes: any of the options; answers that are not options are dropped."""

    answer_type = "checkboxes"

    def process_data(self, value):
        self.data = list(value or [])

    def pre_validate(self, form):
        allowed = codes(self)
        self.data = [code for code in (self.data or []) if code in allowed]


class TextField(Drawn, wtforms.StringField):
    """One line of text."""


class TextAreaField(Drawn, wtforms.TextAreaField):
    """Several lines of text."""

    answer_type = "textarea"


class PasswordField(Drawn, wtforms.PasswordField):
    """A password, with a button to show it."""

    answer_type = "password"


class FilesField(Drawn, wtforms.MultipleFileField):
    """Files to upload, several at once."""

    answer_type = "files"


class SubmitField(Drawn, wtforms.SubmitField):
    """The form's button, labelled with the field's label."""

    answer_type = "button"


class DatePartsField(Drawn, wtforms.Field):
    """A date as three inputs named `<name>-day`, `<name>-month` and `<name>-year`.

    The raw text of each box is kept in `raw` so the page shows back what was typed; a validator
    (`validators.DateParts`) turns it into `data`. `approximate` names a checkbox (a `BooleanField` of the
    same form) for "not sure of the exact date", drawn under the boxes: ticked, a month and year are enough.
    """

    answer_type = "date"
    PARTS = ("day", "month", "year")

    def __init__(self, label=None, validators=None, approximate: str | None = None, _form=None, **kwargs):
        super().__init__(label, validators, _form=_form, **kwargs)
        self.approximate = approximate
        self._form = _form
        self.error_parts: tuple[str, ...] = ()  # set by `validators.DateParts` to the boxes to highlight

    @property
    def approximate_field(self):
        """The "not sure of the exact date" checkbox, or None."""
        return self._form[self.approximate] if self.approximate and self._form is not None else None

    def process(self, formdata, data=unset_value, extra_filters=None):
        self.process_errors = []
        if data is unset_value:
            data = self.default() if callable(self.default) else self.default
        self.object_data = data
        names = [f"{self.name}-{part}" for part in self.PARTS]
        if formdata is not None and any(name in formdata for name in names):
            self.raw = {part: (formdata.get(f"{self.name}-{part}") or "").strip()[:10] for part in self.PARTS}
            self.data = None
        else:
            self.data = data if isinstance(data, date) else None
            self.raw = self._raw_from(self.data)

    @staticmethod
    def _raw_from(day: date | None) -> dict:
        if day is None:
            return {"day": "", "month": "", "year": ""}
        return {"day": str(day.day), "month": str(day.month), "year": str(day.year)}

    def _value(self):
        return self.raw
