"""Forms of case work: choosing the caseworker, and recording a review."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

from .. import messages
from ..forms import ChoiceSelectField, TextAreaField, options
from ..forms.validators import MaxLength, Optional, Required

SELECT_CASEWORKER = _l("Select who will work on the case")


class CaseworkerForm(FlaskForm):
    caseworker = ChoiceSelectField(_l("Caseworker"), choices=[], validators=[Required(SELECT_CASEWORKER)])


def caseworker_form(report, people) -> CaseworkerForm:
    """The form to give `report` to one of `people` (users of the case's centre), its caseworker chosen."""
    chosen = str(report.assigned_to_id) if report.assigned_to_id else None
    form = CaseworkerForm(data={"caseworker": chosen})
    choices = [("", _l("Choose a caseworker"))] + [(str(person.id), person.email) for person in people]
    form.caseworker.choices = options(choices)
    return form


class ReviewForm(FlaskForm):
    note = TextAreaField(
        _l("What was reviewed (optional)"),
        description=_l("Saved as a staff note. Do not add personal details that are not needed."),
        validators=[Optional(), MaxLength(5_000, messages.NOTE_TOO_LONG)],
        rows=4,
        size="s",
    )
