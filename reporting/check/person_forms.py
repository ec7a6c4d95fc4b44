"""The person's forms in "Check my report": writing to the centre, adding evidence, agreeing to be contacted,
changing their police consent, and asking for (or cancelling) the erasure of their details.

Labels the self-report already asks are reused word for word, so they read the same in every language.
"""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

from .. import messages
from ..domain.case_messages import TEXT_MAX
from ..forms import FilesField, RadiosField, TextAreaField, TextField, options
from ..forms.validators import EmailAddress, MaxLength, Optional, PhoneNumber, Required, RequiredIf
from ..intake.forms.evidence import ACCEPT, FILE_MESSAGES
from ..intake.validators import EvidenceFiles
from ..selfreport.wording import CONTACT_METHODS, POLICE_CONSENT
from . import person

ENTER_MESSAGE = _l("Enter your message")
ENTER_INFORMATION = _l("Enter what you want to add")
TEXT_TOO_LONG = _l("Your message must be 5,000 characters or fewer")
CHOOSE_FILE = _l("Choose a photo, screenshot or PDF to add")
SELECT_CONSENT = _l("Select whether we can tell the police")
SELECT_LEAVE_YOU_A_MESSAGE = _l("Select yes if it is safe to leave you a message")
YES_NO = (("yes", _l("Yes")), ("no", _l("No")))
# Ways the person can ask to be contacted here (a letter needs an address, which is given at the centre).
PERSON_CONTACT_METHODS = ("phone", "text", "email")


class ReplyForm(FlaskForm):
    text = TextAreaField(
        _l("Your message"),
        description=_l("Only the centre following up your report reads it."),
        validators=[Required(ENTER_MESSAGE), MaxLength(TEXT_MAX, TEXT_TOO_LONG)],
        rows=6,
        size="",
    )


class InformationForm(FlaskForm):
    text = TextAreaField(
        _l("What do you want to add?"),
        description=_l("For example, something else that happened, or something you remembered."),
        validators=[Required(ENTER_INFORMATION), MaxLength(TEXT_MAX, TEXT_TOO_LONG)],
        rows=8,
        size="",
    )


class PersonEvidenceForm(FlaskForm):
    files = FilesField(
        _l("Photo, screenshot or PDF"),
        description=_l("We remove hidden details from photos, such as where they were taken."),
        validators=[EvidenceFiles(FILE_MESSAGES, person.evidence_limits)],
        accept=ACCEPT,
        size="",
    )
    text = TextAreaField(
        _l("What does it show? (optional)"),
        validators=[Optional(), MaxLength(TEXT_MAX, TEXT_TOO_LONG)],
        rows=3,
        size="",
    )

    checked_files: list = []

    def __init__(self, *args, existing_files: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.existing_files = existing_files

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if valid and not self.checked_files:
            self.files.errors.append(CHOOSE_FILE)
            return False
        return valid


class ContactDetailsForm(FlaskForm):
    name = TextField(
        _l("What is your name?"),
        validators=[Required(messages.ENTER_YOUR_NAME), MaxLength(200, messages.NAME_TOO_LONG)],
        autocomplete="name",
        spellcheck=False,
        size="",
    )
    preferred_method = RadiosField(
        _l("How should we contact you?"),
        choices=options((code, CONTACT_METHODS[code]) for code in PERSON_CONTACT_METHODS),
        validators=[Required(messages.SELECT_YOUR_CONTACT_METHOD)],
        size="s",
    )
    phone = TextField(
        _l("What is your phone number?"),
        validators=[RequiredIf("preferred_method", ["phone", "text"], messages.ENTER_PHONE), Optional(),
                    PhoneNumber(messages.ENTER_PHONE)],
        input_type="tel", width=20, autocomplete="tel", size="",
    )  # fmt: skip
    email = TextField(
        _l("What is your email address?"),
        validators=[RequiredIf("preferred_method", ["email"], messages.ENTER_CONTACT_EMAIL), Optional(),
                    EmailAddress(messages.ENTER_CONTACT_EMAIL)],
        input_type="email", autocomplete="email", spellcheck=False, size="",
    )  # fmt: skip
    safe_to_leave_message = RadiosField(
        _l("Is it safe to leave you a message?"),
        choices=options(YES_NO),
        validators=[Required(SELECT_LEAVE_YOU_A_MESSAGE)],
        inline=True,
        size="s",
    )

    def details(self) -> dict:
        return {
            "name": self.name.data,
            "preferred_method": self.preferred_method.data,
            "phone": self.phone.data,
            "email": self.email.data,
            "safe_to_leave_message": self.safe_to_leave_message.data == "yes",
        }


class PoliceConsentForm(FlaskForm):
    police_consent = RadiosField(
        _l("Can we tell the police?"),
        description=_l("It is your choice."),
        choices=[],
        validators=[Required(SELECT_CONSENT)],
        size="m",
    )

    def __init__(self, *args, allowed: tuple[str, ...], **kwargs):
        super().__init__(*args, **kwargs)
        self.police_consent.choices = options((code, POLICE_CONSENT[code]) for code in allowed)


class ConfirmForm(FlaskForm):
    """A button only (asking for erasure, or cancelling it): the CSRF token is the whole form."""


class MessageToPersonForm(FlaskForm):
    """Staff write to the person; they read it in "Check my report", signed by the centre."""

    text = TextAreaField(
        _l("Message"),
        description=_l(
            "Write plainly, in words the person will understand. It is signed “the centre”: your name is not shown."
        ),
        validators=[
            Required(_l("Enter a message")),
            MaxLength(TEXT_MAX, _l("The message must be 5,000 characters or fewer")),
        ],
        rows=8,
        size="s",
    )
