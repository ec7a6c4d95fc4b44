"""Step: whether the report may be shared with the police, named or anonymously."""

from ... import messages
from ...forms import RadiosField, vocabulary_options
from ...forms.validators import Required
from ...i18n import lazy_gettext as _l
from .base import StepForm


class PoliceForm(StepForm):
    slug = "police"

    police_consent = RadiosField(
        _l("Sharing with the police"),
        choices=vocabulary_options("police_consent"),
        validators=[Required(messages.SELECT_POLICE_CONSENT)],
    )
