"""Step: what happened (incident types, several allowed) and the account in the person's words."""

from ... import messages
from ...forms import CheckboxesField, TextAreaField, vocabulary_options
from ...forms.validators import MaxLength, Required
from ...i18n import lazy_gettext as _l
from .base import StepForm


class WhatHappenedForm(StepForm):
    slug = "what-happened"

    incident_types = CheckboxesField(
        _l("What happened"),
        choices=vocabulary_options("incident_types"),
        validators=[Required(messages.SELECT_INCIDENT_TYPE)],
    )
    description = TextAreaField(
        _l("Account of what happened"),
        validators=[Required(messages.ENTER_DESCRIPTION), MaxLength(10_000, messages.DESCRIPTION_TOO_LONG)],
        rows=8,
    )
