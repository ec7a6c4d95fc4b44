"""The sign-in form."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import Email, InputRequired, Length

from .. import messages


def strip_whitespace(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


class SignInForm(FlaskForm):
    email = StringField(
        _l("Email address"),
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[
            InputRequired(message=messages.ENTER_EMAIL),
            Length(max=320, message=messages.ENTER_VALID_EMAIL),
            Email(message=messages.ENTER_VALID_EMAIL, check_deliverability=False),
        ],
    )
    password = PasswordField(
        _l("Password"),
        widget=GovPasswordInput(),
        validators=[InputRequired(message=messages.ENTER_PASSWORD), Length(max=1000, message=messages.ENTER_PASSWORD)],
    )
    submit = SubmitField(_l("Sign in"), widget=GovSubmitInput())
