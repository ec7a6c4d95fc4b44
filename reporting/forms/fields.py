"""Form fields shared by every form: radios, checkboxes, a select, and a date typed in three boxes.

A choice field never answers "Not a valid choice": an answer that is not one of the options (a tampered
form) counts as no answer, so the question's own "Select ..." message is shown instead. That rule is
written once, in `pre_validate` below.
"""

from datetime import date

from wtforms import Field, RadioField, SelectField, SelectMultipleField
from wtforms.utils import unset_value

from .choices import codes


class _OneOfItsOptions:
    """A single answer that is not one of the field's options counts as no answer."""

    def pre_validate(self, form):
        if self.data is not None and self.data not in codes(self):
            self.data = None


class RadiosField(_OneOfItsOptions, RadioField):
    """Radios: one answer from the options."""


class ChoiceSelectField(_OneOfItsOptions, SelectField):
    """A select: one answer from the options."""


class CheckboxesField(SelectMultipleField):
    """Checkboxes: any of the options; answers that are not options are dropped."""

    def process_data(self, value):
        self.data = list(value or [])

    def pre_validate(self, form):
        allowed = codes(self)
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
