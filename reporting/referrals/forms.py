"""Forms for producing a referral and for adding the police crime reference later."""

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.validators import DataRequired, Length, Regexp

from ..forms import RadiosField, SubmitField, TextField, options
from ..forms.validators import Required
from .services import METHODS

CRIME_REFERENCE_MAX = 60
CRIME_REFERENCE = re.compile(r"^[A-Z0-9][A-Z0-9 /\-]*$")

SELECT_METHOD = _l("Select how the referral will be sent")
SELECT_ORGANISATION = _l("Select the support service to refer to")
ENTER_CRIME_REFERENCE = _l("Enter the crime reference")
CRIME_REFERENCE_TOO_LONG = _l("Crime reference must be 60 characters or fewer")
CRIME_REFERENCE_CHARACTERS = _l("Crime reference must only include letters, numbers, spaces, hyphens and slashes")


def _method_field() -> RadiosField:
    return RadiosField(
        _l("How will it be sent?"), choices=options(METHODS.items()), validators=[Required(SELECT_METHOD)]
    )


def _submit_field() -> SubmitField:
    return SubmitField(_l("Produce the referral"))


class PoliceReferralForm(FlaskForm):
    method = _method_field()
    submit = _submit_field()


class SupportReferralForm(FlaskForm):
    organisation = RadiosField(_l("Which support service is it for?"), validators=[Required(SELECT_ORGANISATION)])
    method = _method_field()
    submit = _submit_field()

    def __init__(self, organisation_names: list[str], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation.choices = options((name, name) for name in organisation_names)


def _tidy_reference(value):
    """Crime references are compared as the police write them: upper case, single spaces."""
    return " ".join(value.split()).upper() if isinstance(value, str) else value


class CrimeReferenceForm(FlaskForm):
    crime_reference = TextField(
        _l("What is the police crime reference?"),
        description=_l("As given by the police, for example CRI/06MM/0012345/26"),
        filters=[_tidy_reference],
        validators=[
            DataRequired(message=ENTER_CRIME_REFERENCE),
            Length(max=CRIME_REFERENCE_MAX, message=CRIME_REFERENCE_TOO_LONG),
            Regexp(CRIME_REFERENCE, message=CRIME_REFERENCE_CHARACTERS),
        ],
        width="two-thirds",
        autocomplete="off",
        spellcheck=False,
    )
    submit = SubmitField(_l("Save the crime reference"))


def referral_form(recipient: str, organisation_names: list[str]) -> FlaskForm:
    if recipient == "support":
        return SupportReferralForm(organisation_names)
    return PoliceReferralForm()
