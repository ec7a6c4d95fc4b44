"""Step: whether the person has reported something like this before, and that report's reference and "Check my
report" code, so the two reports can be linked.

The reference alone only suggests a link (anyone could type someone else's reference); with the earlier report's
code it is proof, and the link is made. The code is checked here, on saving, and never kept: the answer keeps the
reference and whether the code proved it (`report_earlier_references`).
"""

from sqlalchemy import select
from wtforms.validators import ValidationError

from ...check.codes import matches as code_matches
from ...domain import check_codes
from ...domain.references import is_valid_reference, normalise_reference
from ...extensions import db
from ...forms import RadiosField, TextField, vocabulary_options
from ...forms.validators import Optional, Required, ValidateIf
from ...i18n import lazy_gettext as _l
from ...links.models import EarlierReference
from ...models import Report
from .base import NOT_GIVEN, StepForm

ENTER_EARLIER_REFERENCE = _l("Enter the reference of the earlier report, like HR-7K3M-Q9XC")
EARLIER_REFERENCE_SHAPE = _l("Enter the reference as it is on the earlier receipt, like HR-7K3M-Q9XC")
EARLIER_CODE_SHAPE = _l("Enter the code as it is on the earlier slip, like 7KQ2-M9XD-4PTA-WR3C, or leave it out")
CODE_GIVEN = _l("Given")


class ReferenceShape:
    def __call__(self, form, field):
        reference = normalise_reference(field.data or "")
        if not is_valid_reference(reference):
            raise ValidationError(EARLIER_REFERENCE_SHAPE)
        field.data = reference


class CodeShape:
    def __call__(self, form, field):
        if check_codes.normalise(field.data) is None:
            raise ValidationError(EARLIER_CODE_SHAPE)


class ReportedBeforeForm(StepForm):
    slug = "reported-before"

    reported_before = RadiosField(
        _l("Reported something like this before"),
        choices=vocabulary_options("yes_no"),
        validators=[Optional()],
        inline=True,
    )
    earlier_reference = TextField(
        _l("Reference of the earlier report"),
        validators=[ValidateIf("reported_before", ["yes"]), Required(ENTER_EARLIER_REFERENCE), ReferenceShape()],
        width=10,
        spellcheck=False,
    )
    earlier_code = TextField(
        _l("Check my report code of the earlier report (optional)"),
        validators=[ValidateIf("reported_before", ["yes"]), Optional(), CodeShape()],
        width=20,
        spellcheck=False,
        autocomplete="off",
    )

    @classmethod
    def answers_from(cls, report) -> dict:
        given = db.session.get(EarlierReference, report.id) if report.id else None
        if given is None:
            return {"reported_before": None, "earlier_reference": None, "earlier_code": None}
        return {"reported_before": "yes" if given.reported_before else "no", "earlier_reference": given.reference,
                "earlier_code": None}  # fmt: skip

    def save(self, report) -> None:
        given = db.session.get(EarlierReference, report.id)
        if self.reported_before.data not in ("yes", "no"):
            if given is not None:
                db.session.delete(given)
            return
        if given is None:
            given = EarlierReference(report_id=report.id, proven=False)
            db.session.add(given)
        yes = self.reported_before.data == "yes"
        reference = self.earlier_reference.data if yes else None
        code = (self.earlier_code.data or "").strip() if reference else ""
        kept_proof = given.reference == reference and bool(given.proven) and not code
        given.reported_before, given.reference = yes, reference
        given.proven = bool(reference) and (kept_proof or (bool(code) and _proves(reference, code)))

    def display(self, item) -> list[str]:
        if item.name == "earlier_code":
            given = db.session.get(EarlierReference, self.report.id) if self.report is not None else None
            return [str(CODE_GIVEN if given is not None and given.proven else NOT_GIVEN)]
        return super().display(item)


def _proves(reference: str, code: str) -> bool:
    """Whether `code` is the current "Check my report" code of the submitted report `reference`."""
    earlier = db.session.scalar(select(Report).where(Report.reference == reference, Report.submitted))
    return earlier is not None and code_matches(earlier, code)
