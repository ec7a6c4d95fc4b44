"""Step: the contact from the police the person would accept (only when shared with their details)."""

from ... import messages
from ...forms import CheckboxesField, RadiosField, TextAreaField, vocabulary_options
from ...forms.validators import MaxLength, Required, ValidateIf
from ...i18n import lazy_gettext as _l
from ...models import ContactDetails
from .base import StepForm, text_or_none


class PoliceContactForm(StepForm):
    slug = "police-contact"

    police_contact = CheckboxesField(
        _l("Police contact they would accept"),
        choices=vocabulary_options("police_contact"),
        validators=[Required(messages.SELECT_POLICE_CONTACT)],
    )
    police_officer_sex = RadiosField(
        _l("Officer"),
        choices=vocabulary_options("officer_sex"),
        validators=[ValidateIf("police_contact", ["officer_sex"]), Required(messages.SELECT_OFFICER_SEX)],
    )
    trusted_person = TextAreaField(
        _l("Trusted person"),
        validators=[
            ValidateIf("police_contact", ["trusted_person"]),
            Required(messages.ENTER_TRUSTED_PERSON),
            MaxLength(500, messages.TRUSTED_PERSON_TOO_LONG),
        ],
        rows=3,
    )

    @classmethod
    def should_show(cls, answers: dict) -> bool:
        return answers.get("police_consent") == "named"

    @classmethod
    def answers_from(cls, report) -> dict:
        return {
            "police_contact": list(report.police_contact or []),
            "police_officer_sex": report.police_officer_sex,
            "trusted_person": report.contact.trusted_person if report.contact else None,
        }

    def save(self, report) -> None:
        chosen = list(self.police_contact.data)
        report.police_contact = chosen
        report.police_officer_sex = self.police_officer_sex.data if "officer_sex" in chosen else None
        trusted = text_or_none(self.trusted_person.data) if "trusted_person" in chosen else None
        if trusted and report.contact is None:
            report.contact = ContactDetails()
        if report.contact is not None:
            report.contact.trusted_person = trusted
