"""Forms on a report's page for its links: deciding a suggestion, and putting the person's reports in a series."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

from ..forms import TextField
from ..forms.validators import MaxLength, Required

ENTER_SERIES_NAME = _l("Enter a name for the series")
SERIES_NAME_TOO_LONG = _l("The series name must be 200 characters or fewer")


class DecideLinkForm(FlaskForm):
    """Confirm or Reject: the decision is in the address; the form carries the CSRF token."""


class SeriesForm(FlaskForm):
    series_name = TextField(
        _l("Series name"),
        description=_l(
            "Reports of the same perpetrator, place or pattern, for example “Dog walker, Elm Park”. A name already "
            "used adds the reports to that series."
        ),
        validators=[Required(ENTER_SERIES_NAME), MaxLength(200, SERIES_NAME_TOO_LONG)],
        width=20,
    )
