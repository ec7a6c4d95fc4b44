"""The notes field that the dip-sample checklist and a centre visit share: free text of 2,000 characters at most.

(The other fields of the review's forms come from the form kit, `reporting/forms`.)
"""

from flask_babel import lazy_gettext as _l
from wtforms.validators import Length

from ..forms import TextAreaField

NOTES_MAX = 2000
NOTES_TOO_LONG = _l("Notes must be 2,000 characters or fewer")


def notes_field(label, description, size: str = "m") -> TextAreaField:
    """Optional notes, refused when longer than `NOTES_MAX` characters; `size` is the label's."""
    rule = Length(max=NOTES_MAX, message=NOTES_TOO_LONG)
    return TextAreaField(label, description=description, validators=[rule], size=size)
