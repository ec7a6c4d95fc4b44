"""Forms of dip sampling: choosing the month to draw, and the checklist for one sampled report."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired

from ...forms import ChoiceSelectField, RadiosField
from ..fields import notes_field
from .models import CHECKLIST
from .wording import CHECKLIST_LABELS

CHOOSE_SAMPLE_MONTH = _l("Select the month to draw the sample from")
CHOOSE_FINDING = {
    "support_offered": _l("Select whether support was offered and recorded"),
    "consent_recorded": _l("Select whether consent was recorded"),
    "referral_made": _l("Select whether a referral was made where consent allowed"),
    "kept_informed": _l("Select whether the person was kept informed"),
    "outcome_suitable": _l("Select whether the outcome was suitable"),
}
FINDING_CHOICES = [
    SelectChoice("pass", _l("Yes")),
    SelectChoice("fail", _l("No")),
    SelectChoice("not_applicable", _l("Does not apply")),
]


class DrawForm(FlaskForm):
    month = ChoiceSelectField(_l("Month to draw from"), validators=[DataRequired(message=CHOOSE_SAMPLE_MONTH)])


class ChecklistForm(FlaskForm):
    notes = notes_field(
        _l("Notes and findings"),
        _l("What was done well and what should change. Do not add the person's name or contact details."),
        size="s",
    )

    def findings(self) -> dict[str, str]:
        return {item: self[item].data for item in CHECKLIST}


for _item in CHECKLIST:
    setattr(
        ChecklistForm,
        _item,
        RadiosField(
            CHECKLIST_LABELS[_item],
            choices=FINDING_CHOICES,
            validators=[DataRequired(message=CHOOSE_FINDING[_item])],
            inline=True,
            size="s",
        ),
    )
