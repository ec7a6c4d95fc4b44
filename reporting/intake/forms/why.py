"""Step: why they think it happened (categories, several allowed). Their perception is what counts."""

from ... import messages
from ...forms import CheckboxesField, vocabulary_options
from ...forms.validators import Required
from ...i18n import lazy_gettext as _l
from .base import StepForm


class WhyForm(StepForm):
    slug = "why"

    categories = CheckboxesField(
        _l("Why they think it happened"),
        choices=vocabulary_options("categories"),
        validators=[Required(messages.SELECT_CATEGORY)],
    )
