"""Forms for producing a referral and for adding the police crime reference later."""

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput, GovTextInput
from wtforms import RadioField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, Regexp, ValidationError

from .services import METHODS

CRIME_REFERENCE_MAX = 60
CRIME_REFERENCE = re.compile(r"^[A-Z0-9][A-Z0-9 /\-]*$")

SELECT_METHOD = _l("Select how the referral will be sent")
SELECT_ORGANISATION = _l("Select the support service to refer to")
ENTER_CRIME_REFERENCE = _l("Enter the crime reference")
CRIME_REFERENCE_TOO_LONG = _l("Crime reference must be 60 characters or fewer")
CRIME_REFERENCE_CHARACTERS = _l("Crime reference must only include letters, numbers, spaces, hyphens and slashes")


def _method_field() -> RadioField:
    return RadioField(
        _l("How will it be sent?"),
        choices=[SelectChoice(value=code, label=label) for code, label in METHODS.items()],
        validate_choice=False,
        validators=[InputRequired(message=SELECT_METHOD), AnyOf(tuple(METHODS), message=SELECT_METHOD)],
        widget=GovRadioInput(),
    )


def _submit_field() -> SubmitField:
    return SubmitField(_l("Produce the referral"), widget=GovSubmitInput())


class PoliceReferralForm(FlaskForm):
    method = _method_field()
    submit = _submit_field()


class SupportReferralForm(FlaskForm):
    organisation = RadioField(
        _l("Which support service is it for?"),
        validate_choice=False,
        validators=[InputRequired(message=SELECT_ORGANISATION)],
        widget=GovRadioInput(),
    )
    method = _method_field()
    submit = _submit_field()

    def __init__(self, organisation_names: list[str], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation_names = list(organisation_names)
        self.organisation.choices = [SelectChoice(value=name, label=name) for name in self.organisation_names]

    def validate_organisation(self, field) -> None:
        if field.data not in self.organisation_names:
            raise ValidationError(SELECT_ORGANISATION)


def _tidy_reference(value):
    """Crime references are compared as the police write them: upper case, single spaces."""
    return " ".join(value.split()).upper() if isinstance(value, str) else value


class CrimeReferenceForm(FlaskForm):
    crime_reference = StringField(
        _l("Crime reference"),
        description=_l("As given by the police, for example CRI/06MM/0012345/26"),
        filters=[_tidy_reference],
        validators=[
            DataRequired(message=ENTER_CRIME_REFERENCE),
            Length(max=CRIME_REFERENCE_MAX, message=CRIME_REFERENCE_TOO_LONG),
            Regexp(CRIME_REFERENCE, message=CRIME_REFERENCE_CHARACTERS),
        ],
        widget=GovTextInput(),
    )
    submit = SubmitField(_l("Save the crime reference"), widget=GovSubmitInput())


def referral_form(recipient: str, organisation_names: list[str]) -> FlaskForm:
    if recipient == "support":
        return SupportReferralForm(organisation_names)
    return PoliceReferralForm()
