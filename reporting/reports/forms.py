"""Forms on a report's page: adding a note, changing the report's status, and marking an evidence file as
identifying the person."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

from .. import messages
from ..domain.statuses import CLOSED
from ..forms import RadiosField, TextAreaField, options
from ..forms.validators import MaxLength, Required
from ..labels import STATUS_LABELS

# A submitted report can move between these; it never goes back to being a draft.
STAFF_STATUSES = ("received", "referred", "closed")


class NoteForm(FlaskForm):
    text = TextAreaField(
        _l("Add a note"),
        description=_l("Notes are for staff only. Do not add personal details that are not needed."),
        validators=[Required(messages.ENTER_NOTE), MaxLength(5_000, messages.NOTE_TOO_LONG)],
        rows=4,
        size="s",
    )


class IdentifyingEvidenceForm(FlaskForm):
    """Sent by one button per file (`identifying` is "yes" or "no"): an empty or other answer is a tampered form."""

    identifying = RadiosField(
        _l("Could this file identify the person?"),
        choices=options((("yes", _l("Yes")), ("no", _l("No")))),
        validators=[Required(messages.SELECT_IDENTIFYING_EVIDENCE)],
    )


class StatusForm(FlaskForm):
    status = RadiosField(_l("Change the status"), choices=[], validators=[Required(messages.SELECT_STATUS)], size="s")

    def __init__(self, *args, current: str, **kwargs):
        super().__init__(*args, **kwargs)
        # Closing records the case's outcomes, so it has its own page ("Close the case"): it is not offered here.
        shown = (code for code in STAFF_STATUSES if code not in (current, CLOSED))
        self.status.choices = options((code, STATUS_LABELS[code]) for code in shown)


class RecordingSummaryForm(FlaskForm):
    """Staff's written summary of a recorded account (shown marked as written by staff)."""

    summary = TextAreaField(
        _l("Summary of the recording"),
        description=_l("Write what the person says in the recording, in your own words. It is marked as written by "
                       "staff."),  # fmt: skip
        validators=[MaxLength(10_000, _l("The summary must be 10,000 characters or fewer"))],
        rows=6,
        size="s",
    )
