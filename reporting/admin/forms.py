"""Forms for creating staff accounts and filtering the audit trail."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSelect, GovSubmitInput, GovTextInput
from wtforms import DateField, PasswordField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Email, InputRequired, Length, Optional, ValidationError

from ..auth.forms import strip_whitespace
from ..domain.passwords import password_problems
from ..models import CENTRE_ROLES
from .services import FIRST_AUDIT_DAY, LAST_AUDIT_DAY

ROLE_LABELS = {
    "volunteer": _l("Volunteer"),
    "centre_lead": _l("Centre lead"),
    "partnership": _l("Partnership unit"),
    "admin": _l("Administrator"),
}


PASSWORD_TOO_EASY = _l(
    "This password is too easy to guess. Choose 3 or 4 random words joined together, and not a common "
    "password, a name, the email address, a repeated character or a sequence such as 1234"
)


class NewUserForm(FlaskForm):
    email = StringField(
        _l("Email address"),
        widget=GovTextInput(),
        filters=[strip_whitespace],
        validators=[
            InputRequired(message=_l("Enter their email address")),
            Length(max=320, message=_l("Email address must be 320 characters or fewer")),
            Email(
                message=_l("Enter an email address in the correct format, like name@example.com"),
                check_deliverability=False,
            ),
        ],
    )
    role = SelectField(
        _l("Role"),
        choices=[SelectChoice(value=code, label=label) for code, label in ROLE_LABELS.items()],
        widget=GovSelect(),
        validators=[InputRequired(message=_l("Select a role"))],
    )
    centre = SelectField(
        _l("Centre"),
        description=_l("Volunteers and centre leads belong to one centre. Leave empty for other roles."),
        choices=[],
        widget=GovSelect(),
        validate_choice=False,
    )
    password = PasswordField(
        _l("Password"),
        description=_l(
            "At least 12 characters. Use 3 or 4 random words; avoid common passwords, names, the email address "
            "and patterns such as aaaa or 1234."
        ),
        widget=GovPasswordInput(),
        validators=[
            InputRequired(message=_l("Enter a password")),
            Length(max=200, message=_l("Password must be 200 characters or fewer")),
        ],
    )
    submit = SubmitField(_l("Create account"), widget=GovSubmitInput())

    def validate_centre(self, field) -> None:
        if self.role.data in CENTRE_ROLES and not field.data:
            raise ValidationError(_l("Select the centre this person works at"))
        if self.role.data not in CENTRE_ROLES:
            field.data = ""

    def validate_password(self, field) -> None:
        problems = password_problems(field.data or "", current_app.config["PASSWORD_MIN_LENGTH"], self.email.data)
        if "too_short" in problems:
            raise ValidationError(_l("Password must be at least 12 characters"))
        if "easy_to_guess" in problems:
            raise ValidationError(PASSWORD_TOO_EASY)


class IsoDateField(DateField):
    """A YYYY-MM-DD date from FIRST_AUDIT_DAY to LAST_AUDIT_DAY, with a message that says what to type."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError:
            self.data = None
            raise ValueError(_l("Enter the date as year, month and day, like 2026-03-27")) from None
        if self.data is not None and not FIRST_AUDIT_DAY <= self.data <= LAST_AUDIT_DAY:
            self.data = None
            raise ValueError(_l("Enter a date from 2000-01-01 to 2999-12-31"))


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False

    action = StringField(_l("Action"), widget=GovTextInput(), validators=[Optional(), Length(max=60)])
    object_id = StringField(
        _l("Report reference or object"), widget=GovTextInput(), validators=[Optional(), Length(max=64)]
    )
    user = StringField(_l("Staff email"), widget=GovTextInput(), validators=[Optional(), Length(max=320)])
    date_from = IsoDateField(_l("From (YYYY-MM-DD)"), widget=GovTextInput(), validators=[Optional()])
    date_to = IsoDateField(_l("To (YYYY-MM-DD)"), widget=GovTextInput(), validators=[Optional()])
    submit = SubmitField(_l("Filter"), widget=GovSubmitInput())
