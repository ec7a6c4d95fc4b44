"""Forms of closing a case with its outcomes, and of correcting a submitted report's coded answers."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import BooleanField, HiddenField

from ..domain.corrections import correctable_fields, occurred
from ..extensions import db
from ..forms import (
    CheckboxesField,
    ChoiceSelectField,
    DatePartsField,
    RadiosField,
    TextAreaField,
    options,
    vocabulary_options,
)
from ..forms.validators import DateParts, MaxLength, Required
from ..intake.forms.when import DATE_MESSAGES, ten_years_back
from ..models import Area, Centre

SELECT_OUTCOME = _l("Select at least one outcome to close the case")
SELECT_CATEGORIES = _l("Select at least one category")
SELECT_INCIDENT_TYPES = _l("Select at least one incident type")
SELECT_PLACE_TYPE = _l("Select the type of place")
SELECT_CENTRE = _l("Select the centre where the report was made")
ENTER_REASON = _l("Enter why you are making this correction")
REASON_TOO_LONG = _l("The reason must be 2,000 characters or fewer")
EDITED_MEANWHILE = _l(
    "Someone else changed this report while you had this page open. Check the answers on this page, then save them."
)
NOTHING_CHANGED = _l("Change at least one answer, or go back to the report")
AREA_NOT_KNOWN = "not_known"


class CloseCaseForm(FlaskForm):
    outcomes = CheckboxesField(
        _l("How did the case end?"),
        description=_l("Select all that apply."),
        choices=vocabulary_options("outcomes"),
        validators=[Required(SELECT_OUTCOME)],
    )


class CorrectionForm(FlaskForm):
    """The coded answers staff may correct, filled in with the report's answers, and the reason (required)."""

    categories = CheckboxesField(
        _l("Categories"), choices=vocabulary_options("categories"), validators=[Required(SELECT_CATEGORIES)], size="s"
    )
    incident_types = CheckboxesField(
        _l("Incident types"),
        choices=vocabulary_options("incident_types"),
        validators=[Required(SELECT_INCIDENT_TYPES)],
        size="s",
    )
    occurred_on = DatePartsField(
        _l("Date it happened"),
        validators=[DateParts(DATE_MESSAGES, earliest=ten_years_back)],
        approximate="occurred_on_approximate",
        size="s",
    )
    occurred_on_approximate = BooleanField(_l("Only the month is known"))
    location_type = RadiosField(
        _l("Type of place"), choices=vocabulary_options("location_types"), validators=[Required(SELECT_PLACE_TYPE)],
        size="s",
    )  # fmt: skip
    area = ChoiceSelectField(_l("Area where it happened"), choices=[], size="s")
    centre = ChoiceSelectField(
        _l("Centre where the report was made"), choices=[], validators=[Required(SELECT_CENTRE)], size="s"
    )
    reason = TextAreaField(
        _l("Why are you making this correction?"),
        description=_l("Kept with the correction and shown to staff. Do not add personal details that are not needed."),
        validators=[Required(ENTER_REASON), MaxLength(2_000, REASON_TOO_LONG)],
        rows=3,
        size="s",
    )
    # The report's version when the page was shown: a different one on saving means someone else changed it.
    report_version = HiddenField(label="")

    def __init__(self, *args, report, **kwargs):
        self.report = report
        super().__init__(*args, **kwargs)
        areas = db.session.execute(select(Area.code, Area.name).order_by(Area.name)).all()
        self.area.choices = options([*areas, (AREA_NOT_KNOWN, _l("Not known"))])
        centres = db.session.execute(select(Centre.code, Centre.name).order_by(Centre.name)).all()
        self.centre.choices = options(centres)
        if "centre" not in correctable_fields(report.channel):
            del self["centre"]
        if not self.report_version.data:
            self.report_version.data = str(report.version)

    def correctable(self) -> list:
        """The fields drawn as questions, in order (the approximate box is drawn with its date)."""
        return [self[name] for name in correctable_fields(self.report.channel)]

    def answers(self) -> dict:
        """The answers as `domain.corrections` compares them: codes, and the date to the month when so marked."""
        given = {name: self[name].data for name in correctable_fields(self.report.channel)}
        given["occurred_on"] = occurred(self.occurred_on.data, bool(self.occurred_on_approximate.data))
        given["area"] = None if given["area"] in (None, "", AREA_NOT_KNOWN) else given["area"]
        return given

    def stale(self) -> bool:
        """Whether the report changed since the page was shown; the page then shows the version it has now."""
        if self.report_version.data == str(self.report.version):
            return False
        self.report_version.data = str(self.report.version)
        self.report_version.raw_data = None
        return True


def correction_form_data(report) -> dict:
    """The report's current answers, as the correction form starts."""
    return {
        "categories": report.categories,
        "incident_types": report.incident_types,
        "occurred_on": report.occurred_on,
        "occurred_on_approximate": report.occurred_on_approximate,
        "location_type": report.location_type,
        "area": report.area.code if report.area else AREA_NOT_KNOWN,
        "centre": report.centre.code if report.centre else None,
    }
