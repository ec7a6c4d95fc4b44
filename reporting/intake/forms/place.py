"""Step: the area (from the areas list), an optional postcode, and a description of the place."""

from sqlalchemy import select

from ... import messages
from ...extensions import db
from ...forms import ChoiceSelectField, TextAreaField, TextField, options
from ...forms.validators import MaxLength, Optional, Required, UKPostcode
from ...i18n import lazy_gettext as _l
from ...models import Area
from .base import StepForm, text_or_none

AREA_NOT_KNOWN = "not_known"


class PlaceForm(StepForm):
    slug = "place"

    area = ChoiceSelectField(_l("Area"), choices=[], validators=[Required(messages.SELECT_AREA)])
    # Where it happened, not where the person lives: the browser offers no address of theirs.
    postcode = TextField(
        _l("Postcode"),
        validators=[Optional(), UKPostcode(messages.ENTER_REAL_POSTCODE)],
        width=10,
        autocomplete="off",
        spellcheck=False,
    )
    location_description = TextAreaField(
        _l("Description of the place"), validators=[Optional(), MaxLength(2_000, messages.PLACE_TOO_LONG)], rows=3
    )

    @classmethod
    def should_show(cls, answers: dict) -> bool:
        return answers.get("location_type") != "online"

    @classmethod
    def answers_from(cls, report) -> dict:
        area = report.area.code if report.area else None
        if area is None and cls.slug in (report.steps_done or []):
            area = AREA_NOT_KNOWN
        # A district given alone (or all that retention kept) is shown back, so saving the step keeps it.
        postcode = report.postcode or report.postcode_district
        return {"area": area, "postcode": postcode, "location_description": report.location_description}

    def prepare(self) -> None:
        if self.read_back:  # only the saved area is named
            area = self.report.area if self.report is not None else None
            areas = [(area.code, area.name)] if area is not None else []
        else:
            areas = db.session.execute(select(Area.code, Area.name).order_by(Area.name)).all()
        pairs = [("", _l("Select an area")), *((code, name) for code, name in areas), (AREA_NOT_KNOWN, _l("Not known"))]
        self.area.choices = options(pairs)

    def save(self, report) -> None:
        code = self.area.data
        found = None
        if code and code != AREA_NOT_KNOWN:
            found = db.session.scalar(select(Area).where(Area.code == code))
        report.area = found
        report.postcode = text_or_none(self.postcode.data)
        report.location_description = text_or_none(self.location_description.data)

    def display(self, item) -> list[str]:
        if item.name == "area" and not item.data:
            return [str(_l("Not known"))]
        return super().display(item)
