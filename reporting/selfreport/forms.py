"""Forms of the self-report that the shared steps do not have.

The easy-read flow asks three questions as choices instead of typing: when it happened (today,
yesterday or before), where it was (the nearest of a few places people know, or somewhere else), and
whether we may contact the person. Both are step forms, so they read back
on check-your-answers like the shared ones, and both store their answer in the report's own fields.
Both flows take pictures, screenshots or files within the limits of a report made online (`FilesForm`).
The partnership unit's form assigns a self-report to a centre.
"""

from datetime import timedelta

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select

from .. import messages
from ..domain.ukdates import now_utc, uk_date
from ..extensions import db
from ..forms import ChoiceSelectField, FilesField, RadiosField, options
from ..forms.validators import Required
from ..intake.forms.base import StepForm
from ..intake.forms.evidence import ACCEPT, FILE_MESSAGES, EvidenceForm
from ..intake.forms.place import AREA_NOT_KNOWN, PlaceForm
from ..intake.validators import EvidenceFiles
from ..models import Area, Centre, ContactDetails
from . import files

WHEN_CHOICES = (("today", _l("Today")), ("yesterday", _l("Yesterday")), ("earlier", _l("Before that")))
YES_NO = (("yes", _l("Yes")), ("no", _l("No")))


def _today():
    return uk_date(now_utc())


class WhenChoiceForm(StepForm):
    """When it happened, as a choice: today and yesterday are stored as dates; before that asks the date next."""

    slug = "when-choice"
    template = ""

    when_choice = RadiosField(
        _l("When it happened"), choices=options(WHEN_CHOICES), validators=[Required(messages.SELECT_WHEN)]
    )

    @classmethod
    def answers_from(cls, report) -> dict:
        today = _today()
        if report.occurred_on is not None and not report.occurred_on_approximate:
            if report.occurred_on == today:
                return {"when_choice": "today"}
            if report.occurred_on == today - timedelta(days=1):
                return {"when_choice": "yesterday"}
        if report.occurred_on is not None or cls.slug in (report.steps_done or []):
            return {"when_choice": "earlier"}
        return {"when_choice": None}

    def save(self, report) -> None:
        today = _today()
        days_ago = {"today": 0, "yesterday": 1}.get(self.when_choice.data)
        if days_ago is not None:
            report.occurred_on = today - timedelta(days=days_ago)
            report.occurred_on_approximate = False
        elif report.occurred_on is not None and report.occurred_on >= today - timedelta(days=1):
            report.occurred_on = None  # "before that": the next page asks the date


NEAR_NONE = AREA_NOT_KNOWN  # "somewhere else, or I do not know": stored as no area, as on the area question
NEARBY_PLACES = 8
SELECT_NEARBY_PLACE = _l("Choose the nearest place, or choose 'Somewhere else'")


def nearby_places() -> list[tuple[str, str]]:
    """(area code, "Near <centre>") for the areas of the centres listed in public, by name: places a person knows,
    a short list instead of every area."""
    query = (
        select(Area.code, Centre.name)
        .join(Centre.area)
        .where(Centre.active.is_(True), Centre.listed_publicly.is_(True))
        .order_by(Centre.name)
    )
    places: dict[str, str] = {}
    for code, name in db.session.execute(query):
        places.setdefault(code, name)
    return [(code, _l("Near %(place)s", place=name)) for code, name in list(places.items())[:NEARBY_PLACES]]


class NearbyPlaceForm(PlaceForm):
    """Easy read: where it happened as a choice among a few places (`nearby_places`), drawn as radios beside a
    picture, with "somewhere else" to skip; stored as the area question stores it."""

    area = RadiosField(_l("Area"), choices=[], validators=[Required(SELECT_NEARBY_PLACE)])

    def prepare(self) -> None:
        places = nearby_places()
        saved = self.report.area if self.report is not None else None
        if saved is not None and saved.code not in dict(places):
            places.append((saved.code, saved.name))
        self.area.choices = options([*places, (NEAR_NONE, _l("Somewhere else, or I do not know"))])


class ContactChoiceForm(StepForm):
    """Whether we may contact the person. Yes keeps a contact record for the details asked next; no removes it."""

    slug = "contact-choice"
    template = ""

    contact_wanted = RadiosField(
        _l("Can we contact you"), choices=options(YES_NO), validators=[Required(messages.SELECT_CONTACT_WANTED)]
    )

    @classmethod
    def answers_from(cls, report) -> dict:
        if report.contact is not None and not (report.contact.trusted_person and not report.contact.preferred_method):
            return {"contact_wanted": "yes"}
        return {"contact_wanted": "no" if cls.slug in (report.steps_done or []) else None}

    def save(self, report) -> None:
        if self.contact_wanted.data == "yes" and report.contact is None:
            report.contact = ContactDetails()
        elif self.contact_wanted.data == "no":
            report.contact = None

    @classmethod
    def clear(cls, report, flow) -> None:
        report.contact = None


class AssignForm(FlaskForm):
    """The partnership unit gives a self-report to a centre to follow up."""

    centre = ChoiceSelectField(_l("Centre to follow it up"), choices=[], validators=[Required(messages.SELECT_CENTRE)])


def assign_form(report, centres: dict) -> AssignForm:
    """The form to give `report` to one of `centres` (code to centre), with the centre it is with chosen."""
    form = AssignForm(data={"centre": report.assigned_centre.code if report.assigned_centre else None})
    form.centre.choices = options([("", _l("Choose a centre"))] + [(code, item.name) for code, item in centres.items()])
    return form


class FilesForm(EvidenceForm):
    """Pictures, screenshots or files added to a report made online: each checked by its content and cleaned as at a
    centre (`EvidenceForm`), all within the report's limits and its draft's daily allowance (`files`)."""

    files = FilesField(
        _l("Pictures, screenshots or files"),
        validators=[EvidenceFiles(FILE_MESSAGES, files.file_limits)],
        accept=ACCEPT,
        size="",
    )

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        refused = files.refusal_message(self.report, self.checked_files) if valid and self.checked_files else None
        if refused:
            self.files.errors = [*self.files.errors, refused]
            self.checked_files = []
            return False
        return valid

    def save(self, report) -> None:
        if (self.remove.data or "").isdigit():
            files.remove(report, int(self.remove.data))
        for checked in self.checked_files:
            files.add(report, checked)
