"""Step: contact details, and how and when it is safe to contact them (only when someone will)."""

from ... import messages
from ...extensions import db
from ...forms import RadiosField, TextAreaField, TextField, vocabulary_options
from ...forms.validators import EmailAddress, MaxLength, Optional, PhoneNumber, Required, RequiredIf
from ...i18n import lazy_gettext as _l
from ...models import ContactDetails
from .base import StepForm, from_yes_no, text_or_none, yes_no

FIELDS = ("name", "phone", "email", "address", "safe_times")


class ContactForm(StepForm):
    slug = "contact"

    name = TextField(
        _l("Name"),
        validators=[Required(messages.ENTER_NAME), MaxLength(200, messages.NAME_TOO_LONG)],
        autocomplete="name",
        spellcheck=False,
    )
    preferred_method = RadiosField(
        _l("Best way to contact them"),
        choices=vocabulary_options("contact_methods"),
        validators=[Required(messages.SELECT_CONTACT_METHOD)],
    )
    phone = TextField(
        _l("Phone number"),
        # Relay UK and video relay services reach the person on their phone number too.
        validators=[RequiredIf("preferred_method", ["phone", "text", "relay_uk", "video_relay"], messages.ENTER_PHONE),
                    Optional(),
                    PhoneNumber(messages.ENTER_PHONE)],
        input_type="tel", width=20, autocomplete="tel",
    )  # fmt: skip
    email = TextField(
        _l("Email address"),
        validators=[RequiredIf("preferred_method", ["email"], messages.ENTER_CONTACT_EMAIL), Optional(),
                    EmailAddress(messages.ENTER_CONTACT_EMAIL)],
        input_type="email", autocomplete="email", spellcheck=False,
    )  # fmt: skip
    address = TextAreaField(
        _l("Address"),
        validators=[RequiredIf("preferred_method", ["letter"], messages.ENTER_ADDRESS), Optional(),
                    MaxLength(500, messages.ADDRESS_TOO_LONG)],
        rows=3,
    )  # fmt: skip
    safe_times = TextAreaField(
        _l("Safe times to contact them"), validators=[Optional(), MaxLength(500, messages.SAFE_TIMES_TOO_LONG)], rows=3
    )
    safe_to_leave_message = RadiosField(
        _l("Safe to leave a message"),
        choices=vocabulary_options("yes_no"),
        validators=[Required(messages.SELECT_LEAVE_MESSAGE)],
        inline=True,
    )

    @classmethod
    def should_show(cls, answers: dict) -> bool:
        return answers.get("support_wanted") == "yes" or answers.get("police_consent") == "named"

    @classmethod
    def answers_from(cls, report) -> dict:
        contact = report.contact
        answers = {name: getattr(contact, name, None) for name in FIELDS}
        answers["preferred_method"] = getattr(contact, "preferred_method", None)
        answers["safe_to_leave_message"] = yes_no(getattr(contact, "safe_to_leave_message", None))
        return answers

    def save(self, report) -> None:
        if report.contact is None:
            report.contact = ContactDetails()
        for name in FIELDS:
            setattr(report.contact, name, text_or_none(getattr(self, name).data))
        report.contact.preferred_method = self.preferred_method.data
        report.contact.safe_to_leave_message = from_yes_no(self.safe_to_leave_message.data)

    @classmethod
    def clear(cls, report, flow) -> None:
        """Personal details that are no longer needed are not kept."""
        contact = report.contact
        if contact is None:
            return
        if contact.trusted_person:
            for name in (*FIELDS, "preferred_method", "safe_to_leave_message"):
                setattr(contact, name, None)
        else:
            report.contact = None
            db.session.flush()
