"""Step: when it happened (an exact date or a month), the time of day, and whether it is still happening."""

from datetime import date

from flask_babel import format_date
from wtforms import BooleanField

from ... import messages
from ...domain.ukdates import earliest_incident_date, uk_today
from ...forms import DatePartsField, RadiosField, vocabulary_options
from ...forms.validators import DateParts, Optional, Required
from ...i18n import lazy_gettext as _l
from .base import StepForm, from_yes_no, yes_no

DATE_MESSAGES = {
    "empty": messages.ENTER_DATE,
    "empty_approximate": messages.ENTER_MONTH_YEAR,
    "day": messages.DATE_NEEDS_DAY,
    "month": messages.DATE_NEEDS_MONTH,
    "year": messages.DATE_NEEDS_YEAR,
    "year_digits": messages.DATE_YEAR_FOUR_DIGITS,
    "real": messages.DATE_NOT_REAL,
    "future": messages.DATE_IN_FUTURE,
    "too_early": messages.DATE_TOO_EARLY,
}


def ten_years_back(form) -> date:
    """The earliest date an incident may have happened on, for a report made or corrected today."""
    return earliest_incident_date(uk_today())


class WhenForm(StepForm):
    slug = "when"

    occurred_on = DatePartsField(
        _l("Date it happened"),
        validators=[DateParts(DATE_MESSAGES, earliest=ten_years_back)],
        approximate="occurred_on_approximate",
    )
    occurred_on_approximate = BooleanField(_l("I'm not sure of the exact date"))
    occurred_time = RadiosField(_l("Time of day"), choices=vocabulary_options("times_of_day"), validators=[Optional()])
    ongoing = RadiosField(
        _l("Still happening"),
        choices=vocabulary_options("yes_no"),
        validators=[Required(messages.SELECT_ONGOING)],
        inline=True,
    )

    @classmethod
    def answers_from(cls, report) -> dict:
        return {
            "occurred_on": report.occurred_on,
            "occurred_on_approximate": report.occurred_on_approximate,
            "occurred_time": report.occurred_time,
            "ongoing": yes_no(report.ongoing),
        }

    def prepare(self) -> None:
        if self.occurred_on_approximate.data and isinstance(self.occurred_on.object_data, date):
            self.occurred_on.raw["day"] = ""

    def save(self, report) -> None:
        report.occurred_on = self.occurred_on.data
        report.occurred_on_approximate = bool(self.occurred_on_approximate.data)
        report.occurred_time = self.occurred_time.data
        report.ongoing = from_yes_no(self.ongoing.data)

    def question_fields(self) -> list:
        return [item for item in super().question_fields() if item.name != "occurred_on_approximate"]

    def display(self, item) -> list[str]:
        if item.name == "occurred_on" and self.occurred_on_approximate.data and isinstance(item.data, date):
            return [str(_l("%(month)s (not sure of the exact date)", month=format_date(item.data, "MMMM y")))]
        return super().display(item)
