"""The sign-in form."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.validators import Email, InputRequired, Length

from .. import messages
from ..forms import PasswordField, SubmitField, TextField


def strip_whitespace(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) else value


class SignInForm(FlaskForm):
    email = TextField(
        _l("Email address"),
        size="",
        width="two-thirds",
        autocomplete="username",
        spellcheck=False,
        filters=[strip_whitespace],
        validators=[
            InputRequired(message=messages.ENTER_EMAIL),
            Length(max=320, message=messages.ENTER_VALID_EMAIL),
            Email(message=messages.ENTER_VALID_EMAIL, check_deliverability=False),
        ],
    )
    password = PasswordField(
        _l("Password"),
        size="",
        autocomplete="current-password",
        validators=[InputRequired(message=messages.ENTER_PASSWORD), Length(max=1000, message=messages.ENTER_PASSWORD)],
    )
    submit = SubmitField(_l("Sign in"))
