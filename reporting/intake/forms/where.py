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

    @classmethod
    def answers_from(cls, report) -> dict:
        return {"location_type": report.location_type}

    def save(self, report) -> None:
        report.location_type = self.location_type.data
