"""Step: what kind of place it happened in. "Online" skips the address questions."""

from ... import messages
from ...forms import RadiosField, vocabulary_options
from ...forms.validators import Required
from ...i18n import lazy_gettext as _l
from .base import StepForm


class WhereForm(StepForm):
    slug = "where"

    location_type = RadiosField(
        _l("Where it happened"),
        choices=vocabulary_options("location_types"),
        validators=[Required(messages.SELECT_LOCATION_TYPE)],
    )
