"""Step: photos, screenshots or PDFs as evidence (optional); files can be added and removed."""

from flask import current_app
from wtforms import StringField

from ... import messages
from ...forms import FilesField
from ...i18n import lazy_gettext as _l
from .. import services
from ..validators import EvidenceFiles
from .base import StepForm

FILE_MESSAGES = {
    "too_many": messages.EVIDENCE_TOO_MANY,
    "empty": messages.EVIDENCE_EMPTY,
    "too_big": messages.EVIDENCE_TOO_BIG,
    "wrong_type": messages.EVIDENCE_WRONG_TYPE,
    "pdf_encrypted": messages.EVIDENCE_PDF_ENCRYPTED,
    "pdf_unreadable": messages.EVIDENCE_PDF_UNREADABLE,
}


# What the file chooser offers; the files are checked by content all the same (`evidence.clean`).
ACCEPT = ".jpg,.jpeg,.png,.heic,.heif,.pdf,image/jpeg,image/png,image/heic,image/heif,application/pdf"


def evidence_limits() -> tuple[int, int]:
    return current_app.config["EVIDENCE_MAX_FILES"], current_app.config["EVIDENCE_MAX_BYTES"]


class EvidenceForm(StepForm):
    slug = "evidence"
    template = "evidence.html"

    files = FilesField(_l("Evidence"), validators=[EvidenceFiles(FILE_MESSAGES, evidence_limits)], accept=ACCEPT)
    # Which button was pressed: "upload" (add files and stay) or "continue"; `remove` holds a file's id.
    action = StringField()
    remove = StringField()

    checked_files: list = []

    @property
    def existing_files(self) -> int:
        return len(self.report.evidence_files) if self.report is not None else 0

    @classmethod
    def answers_from(cls, report) -> dict:
        return {}

    @classmethod
    def clear(cls, report, flow) -> None:
        for stored in list(report.evidence_files):
            services.remove_evidence(report, stored.id)

    def save(self, report) -> None:
        if (self.remove.data or "").isdigit():
            services.remove_evidence(report, int(self.remove.data))
        for checked in self.checked_files:
            services.add_evidence(report, checked)

    def stays_on_page(self) -> bool:
        return self.action.data == "upload" or bool(self.remove.data)

    def question_fields(self) -> list:
        return [self.files]

    def display(self, item) -> list[str]:
        names = [stored.original_name for stored in (self.report.evidence_files if self.report else [])]
        return names or [str(_l("No files added"))]
