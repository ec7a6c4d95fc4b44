"""Forms for creating staff accounts and filtering the audit trail; their labels are regular (`size=""`)."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField
from wtforms.validators import Email, InputRequired, Length, Optional, ValidationError

from ..auth.forms import strip_whitespace
from ..domain.passwords import password_problems
from ..forms import ChoiceSelectField, Drawn, PasswordField, SubmitField, TextField, options
from ..forms.validators import Required
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
    email = TextField(
        _l("Email address"),
        size="",
        autocomplete="off",
        spellcheck=False,
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
    role = ChoiceSelectField(
        _l("Role"), choices=options(ROLE_LABELS.items()), validators=[Required(_l("Select a role"))], size=""
    )
    centre = ChoiceSelectField(
        _l("Centre"),
        description=_l("Volunteers and centre leads belong to one centre. Leave empty for other roles."),
        choices=[],
        size="",
    )
    password = PasswordField(
        _l("Password"),
        description=_l(
            "At least 12 characters. Use 3 or 4 random words; avoid common passwords, names, the email address "
            "and patterns such as aaaa or 1234."
        ),
        size="",
        autocomplete="new-password",
        validators=[
            InputRequired(message=_l("Enter a password")),
            Length(max=200, message=_l("Password must be 200 characters or fewer")),
        ],
    )
    submit = SubmitField(_l("Create account"))

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


class IsoDateField(Drawn, DateField):
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

    action = TextField(_l("Action"), validators=[Optional(), Length(max=60)], size="")
    object_id = TextField(_l("Report reference or object"), validators=[Optional(), Length(max=64)], size="")
    user = TextField(_l("Staff email"), validators=[Optional(), Length(max=320)], size="", spellcheck=False)
    date_from = IsoDateField(_l("From (YYYY-MM-DD)"), validators=[Optional()], size="")
    date_to = IsoDateField(_l("To (YYYY-MM-DD)"), validators=[Optional()], size="")
    submit = SubmitField(_l("Filter"))
