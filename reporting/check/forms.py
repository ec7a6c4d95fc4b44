"""The form at `/check`: the report's reference and its follow-up code, typed however the person writes them."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.validators import InputRequired, Length

from ..auth.forms import strip_whitespace
from ..forms import RadiosField, SubmitField, TextField, options
from ..forms.validators import Required


class CheckForm(FlaskForm):
    reference = TextField(
        _l("Your reference number"),
        description=_l("It is on your receipt and starts with HR, for example HR-7K3M-Q9XC."),
        size="",
        width=10,
        autocomplete="off",
        spellcheck=False,
        filters=[strip_whitespace],
        validators=[
            InputRequired(message=_l("Enter your reference number")),
            Length(max=40, message=_l("Enter your reference number as it is on your receipt")),
        ],
    )
    code = TextField(
        _l("Your code"),
        description=_l("It is on the separate slip you were given, for example 7KQ2-M9XD-4PTA-WR3C."),
        size="",
        width=20,
        autocomplete="off",
        spellcheck=False,
        filters=[strip_whitespace],
        validators=[
            InputRequired(message=_l("Enter your code")),
            Length(max=60, message=_l("Enter your code as it is on your slip")),
        ],
    )
    submit = SubmitField(_l("Check my report"))


class NewCodeForm(FlaskForm):
    """Giving the person a new code: only once staff know the report is theirs, and how they know is kept."""

    recognised_by = RadiosField(
        _l("How do you know this person made the report?"),
        description=_l("Give a new code only to the person who made the report. The old code stops working."),
        choices=options(
            (
                ("contact_details", _l("They gave contact details that match the ones on the report")),
                ("in_person", _l("They are here in person with the reference number, and what they say matches")),
            )
        ),
        validators=[Required(_l("Select how you know this person made the report"))],
        size="m",
    )
    submit = SubmitField(_l("Give a new code"))
