"""Forms of the review: the period chooser, the dip-sample draw and checklist, and centre visits."""

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from .models import CHECKLIST
from .table_builders import CHECKLIST_LABELS

NOTES_MAX = 2000
CHOOSE_MONTH_FROM = _l("Select the first month of the period")
CHOOSE_MONTH_TO = _l("Select the last month of the period")
MONTHS_IN_ORDER = _l("The last month must be the same as or after the first month")
CHOOSE_CENTRE = _l("Select a centre, or all centres")
CHOOSE_SAMPLE_MONTH = _l("Select the month to draw the sample from")
CHOOSE_FINDING = {
    "support_offered": _l("Select whether support was offered and recorded"),
    "consent_recorded": _l("Select whether consent was recorded"),
    "referral_made": _l("Select whether a referral was made where consent allowed"),
    "kept_informed": _l("Select whether the person was kept informed"),
    "outcome_suitable": _l("Select whether the outcome was suitable"),
}
NOTES_TOO_LONG = _l("Notes must be 2,000 characters or fewer")
CHOOSE_VISIT_KIND = _l("Select whether this was refresher training or a partnership contact")
ENTER_VISIT_DATE = _l("Enter the date of the visit, for example 2026-03-27")
VISIT_DATE_REAL = _l("The date of the visit must be a real date")
VISIT_DATE_PAST = _l("The date of the visit must be today or in the past")
FINDING_CHOICES = [
    SelectChoice("pass", _l("Yes")),
    SelectChoice("fail", _l("No")),
    SelectChoice("not_applicable", _l("Does not apply")),
]
VISIT_CHOICES = [
    SelectChoice("training", _l("Refresher training")),
    SelectChoice("contact", _l("Partnership contact visit")),
]


def choices_of(pairs) -> list[SelectChoice]:
    """Options from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


class Choice(SelectField):
    """A select whose answer must be one of its options; anything else (a tampered form) counts as none."""

    def __init__(self, label=None, **kwargs):
        super().__init__(label, validate_choice=False, **kwargs)

    def pre_validate(self, form):
        if self.data not in {str(choice.value) for choice in self.choices}:
            self.data = None


class PeriodForm(FlaskForm):
    """The dashboard's period and centre, read from the query string."""

    class Meta:
        csrf = False

    date_from = Choice(_l("From"), validators=[DataRequired(message=CHOOSE_MONTH_FROM)])
    date_to = Choice(_l("To"), validators=[DataRequired(message=CHOOSE_MONTH_TO)])
    centre = Choice(_l("Centre"), validators=[])

    def validate_date_to(self, field) -> None:
        if self.date_from.data and field.data and field.data < self.date_from.data:
            raise ValidationError(MONTHS_IN_ORDER)


class DrawForm(FlaskForm):
    month = Choice(_l("Month"), validators=[DataRequired(message=CHOOSE_SAMPLE_MONTH)])


class FindingRadios(RadioField):
    def __init__(self, label=None, **kwargs):
        super().__init__(label, choices=FINDING_CHOICES, validate_choice=False, **kwargs)

    def pre_validate(self, form):
        if self.data not in {choice.value for choice in FINDING_CHOICES}:
            self.data = None


class ChecklistForm(FlaskForm):
    notes = TextAreaField(
        _l("Notes and findings"),
        description=_l("What was done well and what should change. Do not add the person's name or contact details."),
        validators=[Length(max=NOTES_MAX, message=NOTES_TOO_LONG)],
    )

    def findings(self) -> dict[str, str]:
        return {item: self[item].data for item in CHECKLIST}


for _item in CHECKLIST:
    setattr(
        ChecklistForm,
        _item,
        FindingRadios(CHECKLIST_LABELS[_item], validators=[DataRequired(message=CHOOSE_FINDING[_item])]),
    )


class VisitDateField(DateField):
    """An ISO date from a date input, with a translated message when it is not a real date."""

    raw_text = None

    def process_formdata(self, valuelist):
        text = (valuelist[0] if valuelist else "").strip()
        self.raw_text = text
        if not text:
            self.data = None
            return
        try:
            self.data = datetime.strptime(text, "%Y-%m-%d").date()
        except ValueError as error:
            self.data = None
            raise ValueError(str(VISIT_DATE_REAL)) from error


class VisitForm(FlaskForm):
    kind = RadioField(
        _l("What kind of visit was it?"),
        choices=VISIT_CHOICES,
        validate_choice=False,
        validators=[DataRequired(message=CHOOSE_VISIT_KIND)],
    )
    visited_on = VisitDateField(_l("Date of the visit"), validators=[InputRequired(message=ENTER_VISIT_DATE)])
    notes = TextAreaField(
        _l("Notes"),
        description=_l("For example who attended and what support the centre asked for."),
        validators=[Length(max=NOTES_MAX, message=NOTES_TOO_LONG)],
    )

    def validate_kind(self, field) -> None:
        if field.data not in {choice.value for choice in VISIT_CHOICES}:
            raise ValidationError(CHOOSE_VISIT_KIND)

    def check_not_future(self, today: date) -> bool:
        if self.visited_on.data and self.visited_on.data > today:
            self.visited_on.errors = [*self.visited_on.errors, VISIT_DATE_PAST]
            return False
        return True
