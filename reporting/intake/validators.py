"""The evidence step's validator: the uploaded files, each checked by content (`evidence.clean`).

The other validators are shared by every form and live in `reporting.forms.validators`.
"""

from wtforms.validators import StopValidation

from . import evidence


class EvidenceFiles:
    """Uploaded evidence: no more than the allowed number of files, each small enough and of a kind we keep.

    `messages` maps: too_many, empty, too_big, wrong_type, pdf_encrypted, pdf_unreadable. The checked files are left on
    `form.checked_files` for the step to store. Limits are read at check time from `limits()`,
    which returns (most files a report may have, most bytes a file may have).
    """

    def __init__(self, messages: dict, limits):
        self.messages = messages
        self.limits = limits

    def __call__(self, form, field):
        uploads = [upload for upload in (field.data or []) if getattr(upload, "filename", "")]
        form.checked_files = []
        if not uploads:
            raise StopValidation()
        max_files, max_bytes = self.limits()
        if form.existing_files + len(uploads) > max_files:
            raise StopValidation(str(self.messages["too_many"]) % {"count": max_files})
        for upload in uploads:
            form.checked_files.append(self._check(upload, max_bytes))

    def _check(self, upload, max_bytes: int):
        try:
            return evidence.clean(evidence.read_upload(upload.stream, max_bytes), upload.filename)
        except evidence.EvidenceRejected as rejected:
            text = str(self.messages[rejected.reason])
            name = evidence.plain_name(upload.filename) or "?"
            raise StopValidation(text % {"name": name, "size": max_bytes // (1024 * 1024)}) from None
