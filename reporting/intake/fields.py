"""The intake's names for the shared form kit, for modules that import them from here; see `reporting.forms`."""

from ..forms.choices import choice_pairs, options, vocabulary_options
from ..forms.fields import CheckboxesField, ChoiceSelectField, DatePartsField, RadiosField

__all__ = [
    "CheckboxesField",
    "ChoiceSelectField",
    "DatePartsField",
    "RadiosField",
    "choice_pairs",
    "options",
    "vocabulary_options",
]
