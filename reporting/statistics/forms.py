"""The publishing form: which ended quarter to publish (or publish again)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.validators import DataRequired

from ..forms import RadiosField

CHOOSE_QUARTER = _l("Select the quarter to publish")


class PublishForm(FlaskForm):
    quarter = RadiosField(
        _l("Which quarter do you want to publish?"),
        validators=[DataRequired(message=CHOOSE_QUARTER)],
        size="m",
    )
