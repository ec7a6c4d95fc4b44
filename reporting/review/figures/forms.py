"""The dashboard's form: the period (whole months) and the centre, read from the query string."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.validators import DataRequired, ValidationError

from ...forms import ChoiceSelectField

CHOOSE_MONTH_FROM = _l("Select the first month of the period")
CHOOSE_MONTH_TO = _l("Select the last month of the period")
MONTHS_IN_ORDER = _l("The last month must be the same as or after the first month")
CHOOSE_CENTRE = _l("Select a centre, or all centres")


class PeriodForm(FlaskForm):
    """The dashboard's period and centre, read from the query string."""

    class Meta:
        csrf = False

    date_from = ChoiceSelectField(_l("From"), validators=[DataRequired(message=CHOOSE_MONTH_FROM)], size="s")
    date_to = ChoiceSelectField(_l("To"), validators=[DataRequired(message=CHOOSE_MONTH_TO)], size="s")
    centre = ChoiceSelectField(_l("Centre"), validators=[], size="s")

    def validate_date_to(self, field) -> None:
        if self.date_from.data and field.data and field.data < self.date_from.data:
            raise ValidationError(MONTHS_IN_ORDER)
