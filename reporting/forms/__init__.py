"""The form kit every capability uses: fields that say how they are drawn, their options, and small validators
with GOV.UK messages.

`fields` holds the field classes (one rule for a tampered choice, and a `Drawing` each), `choices` turns
(code, label) pairs and vocabularies into options, `validators` holds the checks, and `drawing` the template
helpers the partials in `templates/components/answers/` use.
"""

from .choices import choice_pairs, codes, options, vocabulary_options
from .fields import (
    CheckboxesField,
    ChoiceSelectField,
    DatePartsField,
    Drawing,
    Drawn,
    FilesField,
    PasswordField,
    RadiosField,
    SubmitField,
    TextAreaField,
    TextField,
)

__all__ = [
    "CheckboxesField",
    "ChoiceSelectField",
    "DatePartsField",
    "Drawing",
    "Drawn",
    "FilesField",
    "PasswordField",
    "RadiosField",
    "SubmitField",
    "TextAreaField",
    "TextField",
    "choice_pairs",
    "codes",
    "options",
    "vocabulary_options",
]
