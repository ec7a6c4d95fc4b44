"""Choosing what the dashboard shows: the period (default the last six whole months), a centre, suppression."""

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from ...domain.periods import Period, add_months, last_complete_months, month_key, month_start, months_between
from ...domain.places import ONLINE
from ...filters import month_label
from ...forms import options
from ...models import Centre
from .forms import PeriodForm
from .models import ReviewMonthCentreArea
from .summary.keeping import bring_up_to_date

HISTORY_MONTHS = 24
TRUE_WORDS = {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Chosen:
    period: Period
    centre_code: str | None
    suppressed: bool

    def query(self, suppressed: bool | None = None) -> dict:
        """The query string that chooses the same again (for links), suppressed or not as asked."""
        found = {"date_from": month_key(self.period.first), "date_to": month_key(self.period.last)}
        if self.centre_code:
            found["centre"] = self.centre_code
        if self.suppressed if suppressed is None else suppressed:
            found["suppress"] = "1"
        return found


def available_months(session, today: date) -> list[str]:
    """Every month from the first with reports (or two years back, if later) to this one, newest first."""
    bring_up_to_date(session)
    first_with_reports = session.scalar(select(func.min(ReviewMonthCentreArea.month)))
    start = add_months(today, -HISTORY_MONTHS)
    if first_with_reports and month_start(first_with_reports) < start:
        start = month_start(first_with_reports)
    return list(reversed(months_between(start, today)))


def centre_choices(session) -> list[tuple[str, str]]:
    centres = session.execute(select(Centre.code, Centre.name).order_by(Centre.name)).all()
    return [("", _("All centres")), (ONLINE, _("Online self-reports")), *[(code, name) for code, name in centres]]


def period_form(session, args, today: date) -> tuple[PeriodForm, Chosen | None]:
    """The period chooser filled from the query string (or the defaults), and what it chooses if valid."""
    months = available_months(session, today)
    default = last_complete_months(today)
    values = {"date_from": month_key(default.first), "date_to": month_key(default.last), "centre": ""}
    given = {key: args.get(key) for key in values if args.get(key) is not None}
    form = PeriodForm(formdata=None, data={**values, **given})
    form.date_from.choices = form.date_to.choices = options((key, month_label(key, "MMMM y")) for key in months)
    form.centre.choices = options(centre_choices(session))
    if not form.validate():
        return form, None
    period = Period.of_months(form.date_from.data, form.date_to.data)
    return form, Chosen(period, form.centre.data or None, args.get("suppress", "").lower() in TRUE_WORDS)


def chosen_from_args(session, args, today: date) -> Chosen | None:
    return period_form(session, args, today)[1]
