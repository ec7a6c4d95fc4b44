"""Form fields for the intake steps: radios, checkboxes and a date typed in three boxes.

The choice fields never answer "Not a valid choice": an answer that is not one of the options
(a tampered form) counts as no answer, so the step's own "Select ..." message is shown instead.
"""

from datetime import date

from wtforms import Field, RadioField, SelectField, SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.utils import unset_value

from ..labels import LABELS


def options(pairs) -> list[SelectChoice]:
    """Choices for a field from (code, label) pairs; labels may be lazy, translated when shown."""
    return [SelectChoice(value=code, label=label) for code, label in pairs]


def vocabulary_options(kind: str) -> list[SelectChoice]:
    """Choices for a field from one of the vocabularies in `labels.LABELS`."""
    return options(LABELS[kind].items())


def choice_pairs(field) -> list[tuple[str, object]]:
    """The field's choices as (code, label) pairs."""
    return [(choice.value, choice.label) if isinstance(choice, SelectChoice) else tuple(choice)[:2]
            for choice in field.choices or []]  # fmt: skip


def _codes(field) -> set[str]:
    return {str(value) for value, _label in choice_pairs(field)}


class RadiosField(RadioField):
    def pre_validate(self, form):
        if self.data is not None and self.data not in _codes(self):
            self.data = None


class ChoiceSelectField(SelectField):
    def pre_validate(self, form):
        if self.data is not None and self.data not in _codes(self):
            self.data = None


class CheckboxesField(SelectMultipleField):
    def process_data(self, value):
        self.data = list(value or [])

    def pre_validate(self, form):
        allowed = _codes(self)
        self.data = [code for code in (self.data or []) if code in allowed]


class DatePartsField(Field):
    """A date as three inputs named `<name>-day`, `<name>-month` and `<name>-year`.

    The raw text of each box is kept in `raw` so the page shows back what was typed; a validator
    (`validators.DateParts`) turns it into `data`.
    """

    PARTS = ("day", "month", "year")

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
