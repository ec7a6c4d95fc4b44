"""Step: whether anyone saw it, and whether they would give their details."""

from ... import messages
from ...forms import RadiosField, vocabulary_options
from ...forms.validators import Required, ValidateIf
from ...i18n import lazy_gettext as _l
from .base import StepForm

WITNESSED = ("one", "several")


class WitnessesForm(StepForm):
    slug = "witnesses"

    witnesses = RadiosField(
        _l("Witnesses"), choices=vocabulary_options("witnesses"), validators=[Required(messages.SELECT_WITNESSES)]
    )
    witnesses_willing = RadiosField(
        _l("Witnesses would give details"),
        choices=vocabulary_options("yes_no_not_sure"),
        validators=[ValidateIf("witnesses", WITNESSED), Required(messages.SELECT_WITNESSES_WILLING)],
    )

    @classmethod
    def answers_from(cls, report) -> dict:
        return {"witnesses": report.witnesses, "witnesses_willing": report.witnesses_willing}

    def save(self, report) -> None:
        report.witnesses = self.witnesses.data
        report.witnesses_willing = self.witnesses_willing.data if self.witnesses.data in WITNESSED else None
