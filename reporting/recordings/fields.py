"""The recorded-account question: a file input (drawn with the browser recorder over it) and its checks."""

import wtforms
from wtforms.validators import StopValidation

from ..forms.fields import Drawn
from ..i18n import lazy_gettext as _l
from . import services, wording

ACCEPT = "video/*,audio/*,.webm,.mp4,.mov,.m4a,.mp3,.ogg,.wav"


class RecordingField(Drawn, wtforms.FileField):
    """A video or sound file, recorded in the browser or chosen; `remove` when "Remove recording" was pressed."""

    answer_type = "recording"

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("accept", ACCEPT)
        super().__init__(label, validators, **kwargs)
        self.remove = False
        self.source = "uploaded"
        self.checked = None
        self.existing = None

    def process(self, formdata, data=wtforms.utils.unset_value, extra_filters=None):
        super().process(formdata, data, extra_filters)
        self.remove = bool(formdata and formdata.get(f"{self.name}-remove"))
        # The recorder marks what it recorded; a file chosen without it is an upload.
        self.source = "recorded" if formdata and formdata.get(f"{self.name}-source") == "recorded" else "uploaded"

    def process_formdata(self, valuelist):
        upload = valuelist[0] if valuelist else None
        self.data = upload if getattr(upload, "filename", None) else None

    def _value(self):
        return ""


class RecordingUpload:
    """Reads a chosen or recorded file and checks it by its content (`services.check_upload`), keeping it for `save`."""

    def __call__(self, form, field):
        field.checked = None
        if field.data is None:
            return
        try:
            field.checked = services.check_upload(field.data)
        except services.RecordingRefused as refused:
            message = wording.REFUSALS[refused.reason]
            size = services.max_bytes() // (1024 * 1024)
            raise StopValidation(str(message) % {"size": size, "minutes": services.max_seconds() // 60}) from None


class RequiredUnlessRecorded:
    """The account must be typed, unless it is recorded (now, or kept from before and not being removed). Removing a
    recording is never held up by this: the page is shown again, to type the account or record another."""

    field_flags = {"required": True}

    def __init__(self, message):
        self.message = message

    def __call__(self, form, field):
        if isinstance(field.data, str) and field.data.strip():
            return
        recording = form._fields.get("recording")
        if recording is not None and (recording.data is not None or recording.remove or _kept(form, recording)):
            raise StopValidation()
        field.errors[:] = []
        raise StopValidation(self.message)


def _kept(form, recording) -> bool:
    existing = services.recording_of(form.report)
    return existing is not None and existing.status != "refused" and not recording.remove


LABEL = _l("Or record it, in British Sign Language or with your voice")
HINT = _l("You can record a video or your voice instead of typing, or as well. Only staff at the centre see it.")
