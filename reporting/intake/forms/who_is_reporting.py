"""Step: who is making the report."""

from ... import messages
from ...forms import RadiosField, vocabulary_options
from ...forms.validators import Required
from ...i18n import lazy_gettext as _l
from .base import StepForm


class WhoIsReportingForm(StepForm):
    slug = "who-is-reporting"

    reporter_role = RadiosField(
        _l("Who is reporting"),
        choices=vocabulary_options("reporter_roles"),
        validators=[Required(messages.SELECT_REPORTER_ROLE)],
    )
