"""The form kit every capability uses: fields, their options, and small validators with GOV.UK messages.

`fields` holds the field classes (one rule for a tampered choice), `choices` turns (code, label) pairs
and vocabularies into options, and `validators` the checks.
"""

from .choices import choice_pairs, codes, options, vocabulary_options
from .fields import CheckboxesField, ChoiceSelectField, DatePartsField, RadiosField

__all__ = [
    "CheckboxesField",
    "ChoiceSelectField",
    "DatePartsField",
    "RadiosField",
    "choice_pairs",
    "codes",
    "options",
    "vocabulary_options",
]
