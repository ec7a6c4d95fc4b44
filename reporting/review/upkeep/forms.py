"""The form for recording a centre's refresher training session or partnership contact visit."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired

from ...forms import Drawn, RadiosField
from ..fields import notes_field

CHOOSE_VISIT_KIND = _l("Select whether this was refresher training or a partnership contact")
ENTER_VISIT_DATE = _l("Enter the date of the visit, for example 2026-03-27")
VISIT_DATE_REAL = _l("The date of the visit must be a real date")
VISIT_DATE_PAST = _l("The date of the visit must be today or in the past")
VISIT_CHOICES = [
    SelectChoice("training", _l("Refresher training")),
    SelectChoice("contact", _l("Partnership contact visit")),
]


class VisitDateField(Drawn, DateField):
    """An ISO date from a date input, with a translated message when it is not a real date."""

    def process_formdata(self, valuelist):
        text = (valuelist[0] if valuelist else "").strip()
        if not text:
            self.data = None
            return
        try:
            self.data = datetime.strptime(text, "%Y-%m-%d").date()
        except ValueError as error:
            self.data = None
            raise ValueError(str(VISIT_DATE_REAL)) from error


class VisitForm(FlaskForm):
    kind = RadiosField(
        _l("What kind of visit was it?"), choices=VISIT_CHOICES, validators=[DataRequired(message=CHOOSE_VISIT_KIND)]
    )
    visited_on = VisitDateField(
        _l("Date of the visit"), validators=[InputRequired(message=ENTER_VISIT_DATE)], input_type="date", width=10
    )
    notes = notes_field(_l("Notes"), _l("For example who attended and what support the centre asked for."))

    def check_not_future(self, today: date) -> bool:
        if self.visited_on.data and self.visited_on.data > today:
            self.visited_on.errors = [*self.visited_on.errors, VISIT_DATE_PAST]
            return False
        return True
