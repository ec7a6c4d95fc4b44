"""Step: the person or people responsible, and whether the person knows them."""

from ... import messages
from ...forms import RadiosField, TextAreaField, vocabulary_options
from ...forms.validators import MaxLength, Optional, Required
from ...i18n import lazy_gettext as _l
from .base import StepForm, text_or_none


class ResponsibleForm(StepForm):
    slug = "responsible"

    perpetrator_description = TextAreaField(
        _l("Description of who did it"), validators=[Optional(), MaxLength(5_000, messages.PERPETRATOR_TOO_LONG)]
    )
    perpetrator_known = RadiosField(
        _l("Known to them"),
        choices=vocabulary_options("yes_no_not_sure"),
        validators=[Required(messages.SELECT_PERPETRATOR_KNOWN)],
    )

    @classmethod
    def answers_from(cls, report) -> dict:
        return {
            "perpetrator_description": report.perpetrator_description,
            "perpetrator_known": report.perpetrator_known,
        }

    def save(self, report) -> None:
        report.perpetrator_description = text_or_none(self.perpetrator_description.data)
        report.perpetrator_known = self.perpetrator_known.data
