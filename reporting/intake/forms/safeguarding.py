"""Step: when 'mate crime' is chosen, the volunteer considers an adult safeguarding referral."""

from ... import messages
from ...forms import RadiosField, vocabulary_options
from ...forms.validators import Required
from ...i18n import lazy_gettext as _l
from .base import StepForm


class SafeguardingForm(StepForm):
    slug = "safeguarding"

    safeguarding_referral = RadiosField(
        _l("Adult safeguarding referral"),
        choices=vocabulary_options("safeguarding_referral"),
        validators=[Required(messages.SELECT_SAFEGUARDING)],
    )

    @classmethod
    def should_show(cls, answers: dict) -> bool:
        return "mate_crime" in (answers.get("incident_types") or [])
