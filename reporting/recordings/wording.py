"""The words of recorded accounts: messages, states and the recorder's labels (translated where shown)."""

from ..i18n import lazy_gettext as _l

REFUSALS = {
    "empty": _l("The recording is empty. Record again, or choose another file"),
    "too_big": _l("The recording must be smaller than %(size)s MB. Record a shorter one, or choose a smaller file"),
    "too_long": _l("The recording must be %(minutes)d minutes or shorter. Record a shorter one"),
    "unavailable": _l("We cannot take recordings just now. Type your account, or try again later"),
    "wrong_type": _l(
        "The file must be a video or sound recording, such as one made on a phone (MP4, MOV, WebM, M4A or MP3)"
    ),
}
REQUEST_TOO_BIG = _l(
    "The recording was too large to send: it must be smaller than %(size)s MB. Nothing from this page was saved"
)
STATES = {
    "pending": _l("We are checking your recording. This can take a few minutes. You can carry on."),
    "ready": _l("We have your recording."),
    "refused": _l("We could not use your recording. Record again, or choose another file."),
}
SUMMARY = _l("Recorded account")
# A recording's state in a list of answers (check your answers, the report page).
SUMMARY_STATES = {
    "pending": _l("Being checked"),
    "ready": _l("Kept"),
    "refused": _l("Not kept: it was not a recording we could use"),
}
KINDS = {"video": _l("Video"), "audio": _l("Voice recording")}
ENTER_DESCRIPTION_OR_RECORD = _l("Describe what happened, or record a video or your voice")

# The recorder's words, passed to static/js/recorder.js through data attributes.
RECORDER = {
    "video": _l("Record a video"),
    "audio": _l("Record your voice"),
    "stop": _l("Stop recording"),
    "play": _l("Play back"),
    "again": _l("Record again"),
    "remove": _l("Remove recording"),
    "recording": _l("Recording"),
    "recorded": _l("Your recording is ready to send with this page. It is %(time)s long."),
    "removed": _l("The recording has been removed."),
    "limit": _l("You can record for up to %(minutes)d minutes."),
    "limit_reached": _l("The recording stopped because it reached the time limit."),
    "too_big": _l("The recording is too large to send. Record a shorter one."),
    "no_device": _l("We could not use a camera or microphone. You can choose a file instead."),
    "elapsed": _l("Time recorded"),
    "preview": _l("Your recording"),
}
STAFF = _l("a member of staff")
