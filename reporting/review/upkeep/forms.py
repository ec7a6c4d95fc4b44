"""The form for recording (or correcting) a centre's refresher training session or partnership contact visit."""

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired

from ...forms import DatePartsField, RadiosField
from ...forms.validators import DateParts
from ..fields import notes_field

CHOOSE_VISIT_KIND = _l("Select whether this was refresher training or a partnership contact")
ENTER_VISIT_DATE = _l("Enter the date of the visit, for example, 27 3 2026")
VISIT_DATE_REAL = _l("The date of the visit must be a real date")
VISIT_DATE_PAST = _l("The date of the visit must be today or in the past")
VISIT_DATE_BEFORE_CENTRE = _l("The date of the visit must be on or after %(date)s, when the centre's records begin")
VISIT_DATE_MESSAGES = {
    "empty": ENTER_VISIT_DATE,
    "empty_approximate": ENTER_VISIT_DATE,
    "day": _l("The date of the visit must include a day"),
    "month": _l("The date of the visit must include a month"),
    "year": _l("The date of the visit must include a year"),
    "year_digits": _l("The year must include 4 numbers, for example 2026"),
    "real": VISIT_DATE_REAL,
    "future": VISIT_DATE_PAST,
    "too_early": VISIT_DATE_BEFORE_CENTRE,
}
VISIT_CHOICES = [
    SelectChoice("training", _l("Refresher training")),
    SelectChoice("contact", _l("Partnership contact visit")),
]


def _centre_began(form) -> date | None:
    return form.centre_began


class VisitForm(FlaskForm):
    """`centre_began` (the first day the centre has any record) bounds the visit date from below."""

    kind = RadiosField(
        _l("What kind of visit was it?"), choices=VISIT_CHOICES, validators=[DataRequired(message=CHOOSE_VISIT_KIND)]
    )
    visited_on = DatePartsField(
        _l("Date of the visit"),
        description=_l("For example, 27 3 2026"),
        validators=[DateParts(VISIT_DATE_MESSAGES, earliest=_centre_began)],
    )
    notes = notes_field(_l("Notes"), _l("For example who attended and what support the centre asked for."))

    def __init__(self, *args, centre_began: date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.centre_began = centre_began


class RemoveVisitForm(FlaskForm):
    """Only the CSRF token: the visit is named by the address."""
