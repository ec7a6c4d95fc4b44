"""Step: the person or people responsible, and whether the person knows them."""

from ... import messages
from ...forms import RadiosField, TextAreaField, vocabulary_options
from ...forms.validators import MaxLength, Optional, Required
from ...i18n import lazy_gettext as _l
from .base import StepForm


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
