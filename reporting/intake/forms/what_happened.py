"""Step: what happened (incident types, several allowed) and the account in the person's words, typed or recorded
(a video in British Sign Language, or their voice: see reporting/recordings/)."""

from ... import messages
from ...forms import CheckboxesField, TextAreaField, vocabulary_options
from ...forms.validators import MaxLength, Required
from ...i18n import lazy_gettext as _l
from ...recordings import services as recordings
from ...recordings.fields import HINT, LABEL, RecordingField, RecordingUpload, RequiredUnlessRecorded
from ...recordings.wording import SUMMARY, SUMMARY_STATES
from .base import StepForm, text_or_none


class WhatHappenedForm(StepForm):
    slug = "what-happened"
    template = "what-happened.html"

    incident_types = CheckboxesField(
        _l("What happened"),
        choices=vocabulary_options("incident_types"),
        validators=[Required(messages.SELECT_INCIDENT_TYPE)],
    )
    description = TextAreaField(
        _l("Account of what happened"),
        validators=[
            RequiredUnlessRecorded(messages.ENTER_DESCRIPTION),
            MaxLength(10_000, messages.DESCRIPTION_TOO_LONG),
        ],
        rows=8,
    )
    recording = RecordingField(LABEL, validators=[RecordingUpload()], description=HINT)

    @classmethod
    def answers_from(cls, report) -> dict:
        return {"incident_types": report.incident_types, "description": report.description}

    def prepare(self) -> None:
        self.recording.existing = recordings.recording_of(self.report)

    def _apply_wording(self) -> None:
        super()._apply_wording()
        if "summary" not in self.wording.get("recording", {}):
            self.recording.summary_label = str(SUMMARY)

    def save(self, report) -> None:
        report.incident_types = self.incident_types.data
        report.description = text_or_none(self.description.data)
        if self.recording.checked is not None:
            recordings.store(report, self.recording.checked, self.recording.source)
        elif self.recording.remove:
            recordings.remove(report)

    def stays_on_page(self) -> bool:
        return self.recording.remove and self.recording.checked is None

    def display(self, item) -> list[str]:
        if item is not self.recording:
            return super().display(item)
        existing = self.recording.existing
        if existing is None:
            return [str(_l("None"))]
        return [str(recordings.describe(existing)), str(SUMMARY_STATES[existing.status])]
