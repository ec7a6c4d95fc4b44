"""Step: injuries, whether they would like support, and which kinds."""

from ... import messages
from ...forms import CheckboxesField, RadiosField, TextAreaField, vocabulary_options
from ...forms.validators import MaxLength, Required, ValidateIf
from ...i18n import lazy_gettext as _l
from .base import StepForm, from_yes_no, text_or_none, yes_no


class HarmAndSupportForm(StepForm):
    slug = "harm-and-support"

    injured = RadiosField(
        _l("Anyone hurt"), choices=vocabulary_options("yes_no_not_sure"), validators=[Required(messages.SELECT_INJURED)]
    )
    injuries = TextAreaField(
        _l("Injuries"),
        validators=[
            ValidateIf("injured", ["yes"]),
            Required(messages.ENTER_INJURIES),
            MaxLength(2_000, messages.INJURIES_TOO_LONG),
        ],
        rows=3,
    )
    support_wanted = RadiosField(
        _l("Would like support"),
        choices=vocabulary_options("yes_no"),
        validators=[Required(messages.SELECT_SUPPORT_WANTED)],
    )
    support_kinds = CheckboxesField(
        _l("Support they would like"),
        choices=vocabulary_options("support_kinds"),
        validators=[ValidateIf("support_wanted", ["yes"]), Required(messages.SELECT_SUPPORT_KINDS)],
    )

    @classmethod
    def answers_from(cls, report) -> dict:
        return {
            "injured": report.injured,
            "injuries": report.injuries,
            "support_wanted": yes_no(report.support_wanted),
            "support_kinds": list(report.support_kinds or []),
        }

    def save(self, report) -> None:
        report.injured = self.injured.data
        report.injuries = text_or_none(self.injuries.data) if self.injured.data == "yes" else None
        report.support_wanted = from_yes_no(self.support_wanted.data)
        report.support_kinds = list(self.support_kinds.data) if report.support_wanted else []
