"""The form for adding or changing a centre: every field staff can set, read by the same checks as `centres import`
(`checks.py`), with GOV.UK messages in the staff member's language.

`FIELD_LABELS` names each field as staff read it, on the form and in the centre's history.
"""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.validators import StopValidation

from ..domain.centres import KINDS, HoursError, coordinates_problem, hours_text, parse_hours
from ..forms import CheckboxesField, ChoiceSelectField, RadiosField, TextAreaField, TextField, options
from ..forms import vocabulary_options as vocabulary
from ..forms.validators import Required
from ..labels import LABELS
from ..messages import ENTER_VALID_EMAIL
from . import checks
from .records import CentreDetails

FIELD_LABELS = {
    "name": _l("Name"),
    "code": _l("Code"),
    "kind": _l("Kind of venue"),
    "area": _l("Area"),
    "address": _l("Address"),
    "postcode": _l("Postcode"),
    "latitude": _l("Latitude"),
    "longitude": _l("Longitude"),
    "directions": _l("How to get there"),
    "phone": _l("Phone number"),
    "email": _l("Email address"),
    "opening_hours": _l("Opening hours"),
    "hours_note": _l("Note about the opening hours"),
    "closed_on_bank_holidays": _l("Closed on bank holidays"),
    "offers": _l("What it offers"),
    "access": _l("Access"),
    "languages": _l("Languages spoken"),
    "contact_person": _l("Contact person"),
    "notes": _l("Notes"),
    "listed_publicly": _l("Listed publicly"),
    "active": _l("Open"),
    "last_training_on": _l("Last refresher training"),
    "last_contact_on": _l("Last partnership contact"),
}

HOURS_MESSAGES = {
    "not_a_day": _l("Opening hours: “%(text)s” is not a day. Use Mon, Tue, Wed, Thu, Fri, Sat or Sun"),
    "not_a_time": _l("Opening hours: “%(text)s” is not a time. Use 24-hour times, like 09:30-17:00"),
    "shape": _l("Opening hours: write “%(part)s” as days then times, like Mon-Fri 09:30-17:00"),
    "backwards": _l("Opening hours: write the days “%(days)s” in order, like Mon-Fri"),
    "span": _l("Opening hours: write “%(span)s” as an opening and a closing time, like 09:30-17:00"),
    "closes_first": _l("Opening hours: on %(day)s the closing time must be after the opening time"),
    "overlap": _l("Opening hours: two openings on %(day)s overlap. Make each end before the next starts"),
    "weekday": _l("Opening hours: use Mon, Tue, Wed, Thu, Fri, Sat or Sun"),
}
STALE = _l(
    "Someone else changed this centre while you had this page open. Your changes have not been saved: check them "
    "against the centre as it is now (its history shows what changed), then save again."
)
CODE_TAKEN = _l("A centre with this code already exists. Choose another code")
YES_NO = options([("yes", _l("Yes")), ("no", _l("No"))])
# A new centre's form starts with the answers most centres give.
NEW_CENTRE = {"closed_on_bank_holidays": "yes", "listed_publicly": "yes"}


def too_long(what) -> dict:
    return {"too_long": what}


class Checked:
    """Reads the field's text with a check from `checks` and keeps the value in `field.checked`; a problem is
    shown with the message for its reason (`messages`, each a lazy string taking the problem's parameters)."""

    def __init__(self, check, messages: dict):
        self.check = check
        self.messages = messages

    def __call__(self, form, field):
        field.data = (field.data or "").strip()
        try:
            field.checked = self.check(field.data)
        except (checks.FieldProblem, HoursError) as problem:
            field.checked = None
            message = self.messages.get(problem.reason) or self.messages[next(iter(self.messages))]
            raise StopValidation(str(message) % problem.params) from None


def _text(name: str, check, messages: dict, description=None, **drawing) -> TextField:
    drawing.setdefault("size", "")
    return TextField(FIELD_LABELS[name], description=description, validators=[Checked(check, messages)], **drawing)


def _longer_text(name: str, message, description=None, rows: int = 3) -> TextAreaField:
    rule = Checked(checks.optional_text(name), too_long(message))
    rule.maximum = checks.LIMITS[name]  # shown up front by the character count
    return TextAreaField(FIELD_LABELS[name], description=description, validators=[rule], rows=rows, size="")


def _date(name: str, real, future) -> TextField:
    messages = {"date": real, "future": future}
    return _text(name, checks.past_date, messages, input_type="date", width=10)


def _yes_no(name: str, message, description=None) -> RadiosField:
    return RadiosField(FIELD_LABELS[name], description=description, choices=YES_NO, validators=[Required(message)],
                       inline=True, size="s")  # fmt: skip


HOURS_HINT = _l(
    "Days, then opening and closing times in 24-hour clock. Separate days with a semicolon and two openings on "
    "one day with a comma. For example: Mon-Fri 09:30-17:00; Sat 10:00-12:30, 13:30-16:00. Leave it empty if "
    "you do not know the hours."
)


class CentreForm(FlaskForm):
    """Every field of a new centre, declared in the order the page shows them, as the error summary lists them."""

    name = _text("name", checks.centre_name, {"required": _l("Enter the centre's name"),
                                              "too_long": _l("The name must be 200 characters or fewer")})  # fmt: skip
    code = _text(
        "code",
        checks.centre_code,
        {
            "required": _l("Enter a code for the centre"),
            "too_long": _l("The code must be 64 characters or fewer"),
            "code_shape": _l("The code must be lowercase letters, numbers and hyphens only, like sale-library"),
        },
        _l(
            "Lowercase letters, numbers and hyphens, for example sale-library. It names the centre in files and "
            "addresses and cannot be changed later."
        ),
        width=20,
        autocomplete="off",
        spellcheck=False,
    )
    kind = ChoiceSelectField(FIELD_LABELS["kind"], choices=[], size="")
    area = ChoiceSelectField(FIELD_LABELS["area"], choices=[], validators=[Required(_l("Select the area"))], size="")
    address = _longer_text("address", _l("The address must be 500 characters or fewer"))
    postcode = _text("postcode", checks.postcode, {"postcode": _l("Enter a full UK postcode, like M33 7YH")},
                     width=10, autocomplete="off", spellcheck=False)  # fmt: skip
    latitude = _text("latitude", checks.number, {"number": _l("Enter the latitude as a number, like 53.4246")},
                     _l("For example 53.4246. Give both latitude and longitude, or neither: they order the public "
                        "list of centres by distance."), width=10, spellcheck=False)  # fmt: skip
    longitude = _text("longitude", checks.number, {"number": _l("Enter the longitude as a number, like -2.3186")},
                      _l("For example -2.3186"), width=10, spellcheck=False)  # fmt: skip
    directions = _longer_text("directions", _l("How to get there must be 2,000 characters or fewer"),
                              _l("For example the buses that stop nearby and which entrance to use."))  # fmt: skip
    phone = _text("phone", checks.phone, {"phone": _l("Enter a phone number, like 0161 912 3013")},
                  input_type="tel", width=20, autocomplete="off")  # fmt: skip
    email = _text("email", checks.email, {"email": ENTER_VALID_EMAIL, "too_long": ENTER_VALID_EMAIL},
                  input_type="email", autocomplete="off", spellcheck=False)  # fmt: skip
    opening_hours = _text("opening_hours", parse_hours, HOURS_MESSAGES, HOURS_HINT, spellcheck=False)
    hours_note = _text("hours_note", checks.optional_text("hours_note"),
                       too_long(_l("The note about opening hours must be 500 characters or fewer")),
                       _l("For example: closed during Friday prayers."))  # fmt: skip
    closed_on_bank_holidays = _yes_no("closed_on_bank_holidays",
                                      _l("Select whether the centre is closed on bank holidays"))  # fmt: skip
    offers = CheckboxesField(FIELD_LABELS["offers"], description=_l("Select all that apply."),
                             choices=vocabulary("centre_offers"), size="s")  # fmt: skip
    access = CheckboxesField(FIELD_LABELS["access"], description=_l("Select all that apply."),
                             choices=vocabulary("centre_access"), size="s")  # fmt: skip
    languages = _text("languages", checks.languages,
                      {"languages": _l("Enter languages as short codes separated by commas, like en, ur, pl. "
                                       "“%(tags)s” is not one")},
                      _l("Short codes separated by commas, for example en, ur, pa, pl, zh-Hans."),
                      spellcheck=False)  # fmt: skip
    contact_person = _text("contact_person", checks.optional_text("contact_person"),
                           too_long(_l("The contact person must be 200 characters or fewer")),
                           _l("Staff only: never shown to the public."), autocomplete="off")  # fmt: skip
    notes = _longer_text("notes", _l("Notes must be 2,000 characters or fewer"),
                         _l("Staff only: never shown to the public."), rows=4)  # fmt: skip
    listed_publicly = _yes_no("listed_publicly", _l("Select whether the centre is on the public list of centres"),
                              _l("Some venues take reports but do not want to be found. A centre that is not "
                                 "listed still takes reports and staff still see it."))  # fmt: skip
    last_training_on = _date("last_training_on", _l("Enter the date of the last refresher training, like 2026-03-27"),
                             _l("The date of the last refresher training must be today or in the past"))  # fmt: skip
    last_contact_on = _date("last_contact_on", _l("Enter the date of the last partnership contact, like 2026-03-27"),
                            _l("The date of the last partnership contact must be today or in the past"))  # fmt: skip
    # The fields in the order the page shows them, under headings.
    SECTIONS = (
        (_l("The centre"), ("name", "code", "kind", "area")),
        (_l("Where it is"), ("address", "postcode", "latitude", "longitude", "directions")),
        (_l("How to get in touch"), ("phone", "email", "opening_hours", "hours_note", "closed_on_bank_holidays")),
        (_l("What it offers"), ("offers", "access", "languages")),
        (_l("For staff"), ("contact_person", "notes", "listed_publicly", "last_training_on", "last_contact_on")),
    )
    COORDINATE_MESSAGES = {
        "no_latitude": ("latitude", _l("Enter the latitude as well as the longitude, or neither")),
        "no_longitude": ("longitude", _l("Enter the longitude as well as the latitude, or neither")),
        "latitude_range": ("latitude", _l("Latitude must be between -90 and 90")),
        "longitude_range": ("longitude", _l("Longitude must be between -180 and 180")),
    }

    def __init__(self, *args, areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.area.choices = options([("", _l("Choose an area")), *((area.code, area.name) for area in areas)])
        self.kind.choices = options(
            [("", _l("Not recorded")), *((code, LABELS["centre_kinds"][code]) for code in KINDS)]
        )
        self.areas = {area.code: area for area in areas}

    def sections(self):
        """(heading, fields) for each part of the page, with only the fields this form has."""
        return [(heading, [self[name] for name in names if name in self]) for heading, names in self.SECTIONS]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        return self._check_coordinates() and valid

    def _check_coordinates(self) -> bool:
        if self.latitude.errors or self.longitude.errors:
            return True
        latitude, longitude = self.latitude.checked, self.longitude.checked
        problem = coordinates_problem(latitude, longitude)
        if problem == "one_missing":
            missing = "longitude" if longitude is None else "latitude"
            self[missing].errors.append(self.COORDINATE_MESSAGES[f"no_{missing}"][1])
        elif problem:
            name, message = self.COORDINATE_MESSAGES[problem]
            self[name].errors.append(message)
        return problem is None

    def details(self, current: CentreDetails | None = None) -> CentreDetails:
        """The details the form gives, over the centre's `current` ones (whatever the form does not set)."""
        values = {name: self[name].checked for name in CHECKED_FIELDS}
        values |= {name: self[name].data == "yes" for name in ("closed_on_bank_holidays", "listed_publicly")}
        values |= {"offers": list(self.offers.data), "access": list(self.access.data), "kind": self.kind.data or None}
        values["area"] = self.areas[self.area.data]
        if current is None:
            return CentreDetails(**values)
        for name, value in values.items():
            setattr(current, name, value)
        return current

    def code_taken(self) -> None:
        self.code.errors.append(CODE_TAKEN)


class ChangeCentreForm(CentreForm):
    """A centre's fields but its code (given once, when it is added), with the version of the centre shown."""

    code = None
    # A digest of the centre as the page showed it: a different one on saving means someone else changed it.
    version = HiddenField(label="")

    def mark_stale(self, version: str) -> None:
        """Say on the first field that someone else changed the centre; the page then carries the new version."""
        self.name.errors.append(STALE)
        self.version.data = version


# The fields whose value is the one their check read.
CHECKED_FIELDS = (
    "name", "address", "postcode", "latitude", "longitude", "directions", "phone", "email", "opening_hours",
    "hours_note", "languages", "contact_person", "notes", "last_training_on", "last_contact_on",
)  # fmt: skip


def form_data(details: CentreDetails) -> dict:
    """A centre's details as the form shows them: text as staff would type it."""
    text = {name: getattr(details, name) or "" for name in CHECKED_FIELDS}
    text |= {name: "" if getattr(details, name) is None else str(getattr(details, name))
             for name in ("latitude", "longitude", "last_training_on", "last_contact_on")}  # fmt: skip
    text["opening_hours"] = hours_text(details.opening_hours)
    text["languages"] = ", ".join(details.languages)
    text |= {name: "yes" if getattr(details, name) else "no" for name in ("closed_on_bank_holidays", "listed_publicly")}
    return {**text, "offers": details.offers, "access": details.access, "kind": details.kind or "",
            "area": details.area.code if details.area else ""}  # fmt: skip
