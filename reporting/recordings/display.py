"""Template helpers for recorded accounts: the limits, the recorder's words, a recording's description and state."""

from types import SimpleNamespace

from ..domain.recordings import clock
from ..security import media_permissions
from . import services, wording


def recording_limits() -> SimpleNamespace:
    seconds, size = services.max_seconds(), services.max_bytes()
    return SimpleNamespace(seconds=seconds, minutes=seconds // 60, clock=clock(seconds), bytes=size,
                           megabytes=size // (1024 * 1024))  # fmt: skip


def recorder_words() -> dict[str, str]:
    """The recorder's words in the page's language, keyed as the script reads them (`data-text-<key>`)."""
    minutes = services.max_seconds() // 60
    words = {key.replace("_", "-"): str(text) for key, text in wording.RECORDER.items()}
    words["limit"] = str(wording.RECORDER["limit"]) % {"minutes": minutes}
    return words


def recording_description(recording) -> str:
    return services.describe(recording)


def recording_state(recording) -> str:
    return str(wording.STATES[recording.status])


def report_recording(report):
    return services.recording_of(report)


def recording_summary_form(recording):
    from ..reports.forms import RecordingSummaryForm

    return RecordingSummaryForm(formdata=None, data={"summary": recording.staff_summary})


def recording_summary_author(recording) -> str:
    from ..extensions import db
    from ..models import User

    author = db.session.get(User, recording.summary_by_id) if recording.summary_by_id else None
    return author.email if author is not None else str(wording.STAFF)


TEMPLATE_GLOBALS = (media_permissions, recording_limits, recorder_words, recording_description, recording_state)
TEMPLATE_GLOBALS += (report_recording, recording_summary_form, recording_summary_author)
