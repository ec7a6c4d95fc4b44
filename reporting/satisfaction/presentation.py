"""What the results page and its CSV show, and to whom.

The partnership unit and admins see every centre, `online` and `all`, and the comments, for any
range of days. Centre leads and volunteers see their own centre's aggregate only: no other centre,
no comments, no figure drawn from fewer answers than the small-number rule's threshold
(`domain/suppression.py`), and only for whole months that have ended (`forms.MonthlyResultsForm`), so
that no answer can be traced to the person a volunteer helped, not even by comparing two periods.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date

from flask import url_for
from flask_babel import format_decimal, format_percent
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import charts
from ..domain.periods import last_complete_month_end, last_complete_months, month_key
from ..domain.places import ONLINE
from ..domain.satisfaction import KINDS
from ..domain.suppression import SUPPRESSED, THRESHOLD, is_small
from ..domain.ukdates import uk_today
from ..filters import month_label
from ..forms import options as choices
from ..labels import LABELS, wording_change_note
from ..models import Centre
from ..review.figures.choosing import available_months
from . import results
from .forms import MonthlyResultsForm, ResultsForm

PERCENT = 100


@dataclass(frozen=True)
class Selection:
    """The period, centre and survey chosen; the centre is forced to their own for centre staff."""

    first: date
    last: date
    centre_code: str | None
    kind: str | None

    def audit_detail(self) -> str:
        return f"from={self.first} to={self.last} centre={self.centre_code or 'all'} kind={self.kind or 'both'}"

    def query_args(self) -> dict:
        args = {"date_from": self.first.isoformat(), "date_to": self.last.isoformat()}
        args.update({"centre": self.centre_code or "", "kind": self.kind or ""})
        return args


def default_period(today: date) -> tuple[date, date]:
    """Six calendar months up to today: this month and the five before it."""
    index = today.year * 12 + today.month - 1 - 5
    return date(index // 12, index % 12 + 1, 1), today


def _is_centre_staff(user) -> bool:
    return bool(user.is_centre_staff)


def results_form(session: Session, args, user) -> ResultsForm:
    """The choices from the address: any range of days for the unit, whole months that have ended for centre staff."""
    today = uk_today()
    formdata = args if args else None
    if _is_centre_staff(user):
        form = MonthlyResultsForm(formdata=formdata, meta={"csrf": False}, today=today)
        _prepare_monthly(form, session, user, today)
    else:
        form = ResultsForm(formdata=formdata, meta={"csrf": False})
        _prepare_daily(form, session, today)
    return form


def _prepare_daily(form: ResultsForm, session: Session, today: date) -> None:
    """Every centre, online and all; the last six months up to today on a first visit."""
    centres = session.execute(select(Centre.code, Centre.name).order_by(Centre.name))
    form.centre.choices = choices([("", _("All centres")), *centres, (ONLINE, _("Online self-reports"))])
    if not form.date_from.data and not form.date_to.data:
        first, last = default_period(today)
        form.date_from.data, form.date_to.data = first.isoformat(), last.isoformat()
        form.date_from.parsed, form.date_to.parsed = first, last


def _prepare_monthly(form: MonthlyResultsForm, session: Session, user, today: date) -> None:
    """Their own centre; the months that have ended, newest first; the last six of them on a first visit."""
    form.centre.choices = choices([(user.centre.code, user.centre.name)])
    latest = month_key(last_complete_month_end(today))
    months = [key for key in available_months(session, today) if key <= latest]
    form.date_from.choices = form.date_to.choices = choices((key, month_label(key, "MMMM y")) for key in months)
    if not form.date_from.data and not form.date_to.data:
        period = last_complete_months(today)
        form.date_from.data, form.date_to.data = month_key(period.first), month_key(period.last)
        form.date_from.parsed, form.date_to.parsed = period.first, period.last


def selection(form, user) -> Selection:
    if _is_centre_staff(user):
        centre_code = user.centre.code
    else:
        codes = {choice.value for choice in form.centre.choices}
        centre_code = form.centre.data if form.centre.data in codes and form.centre.data else None
    kind = form.kind.data if form.kind.data in KINDS else None
    return Selection(form.date_from.parsed, form.date_to.parsed, centre_code, kind)


# ---------------------------------------------------------------- the page


@dataclass(frozen=True)
class ResultsView:
    chosen: Selection
    results: results.SatisfactionResults
    focus: results.CentreResults
    overview: list[results.CentreResults]
    minimum: int
    show_comments: bool
    csv_url: str

    def shows(self, count: int) -> bool:
        """Whether a figure from `count` answers may be shown to this reader."""
        return count >= self.minimum

    def centre_label(self, code: str) -> str:
        if code == results.ALL:
            return _("All centres")
        if code == ONLINE:
            return _("Online self-reports")
        group = self.results.centre(code)
        return group.name if group and group.name else code

    @property
    def wording_note(self) -> str | None:
        return wording_change_note(self.chosen.first, self.chosen.last)

    @property
    def comparison(self) -> bool:
        return self.chosen.kind is None

    def question_label(self, question: str) -> str:
        return str(LABELS["satisfaction_questions"][question])

    def kind_label(self, kind: str) -> str:
        return _("Just after reporting") if kind == "immediate" else _("Follow-up")

    def percent(self, share: float | None) -> str:
        return percent(share)

    def mean_text(self, mean: float | None) -> str:
        return "" if mean is None else format_decimal(results.round_half_up(mean, 1), "0.0")

    def share_text(self, question: results.QuestionResult) -> str:
        """Like "67% (95% confidence interval 21% to 94%)"; a dash without answers."""
        if question.share_satisfied is None:
            return "–"
        if not self.shows(question.responses):
            return _("Fewer than %(minimum)s answers", minimum=self.minimum)
        return _(
            "%(share)s (95%% confidence interval %(low)s to %(high)s)",
            share=percent(question.share_satisfied),
            low=percent(question.ci_low),
            high=percent(question.ci_high),
        )

    def net_text(self, recommendation: results.Recommendation) -> str:
        """The net recommendation as a signed percentage, like "+33%"; a dash without answers."""
        if recommendation.net is None:
            return "–"
        if not self.shows(recommendation.answers):
            return _("Fewer than %(minimum)s answers", minimum=self.minimum)
        sign = "+" if recommendation.net > 0 else ""
        return sign + percent(recommendation.net)

    def distribution_chart(self, question: results.QuestionResult) -> charts.IntervalBarChart:
        items = [
            charts.BarInput(str(LABELS["satisfaction_scale"][str(score)]), count, str(count))
            for score, count in sorted(question.distribution.items(), reverse=True)
        ]
        title = _("Answers to: %(question)s", question=self.question_label(question.question))
        return charts.interval_bar_chart(title, items)

    def overview_chart(self) -> charts.IntervalBarChart:
        items = [self._overview_bar(group) for group in self.overview]
        return charts.interval_bar_chart(_("Share satisfied overall, by centre"), items, maximum=PERCENT)

    def _overview_bar(self, group: results.CentreResults) -> charts.BarInput:
        overall = group.combined.questions["overall"]
        share = overall.share_satisfied
        text = percent(share) if share is not None else _("No answers")
        low, high = (overall.ci_low, overall.ci_high) if share is not None else (None, None)
        return charts.BarInput(
            self.centre_label(group.centre), (share or 0) * PERCENT, text, _scaled_bound(low), _scaled_bound(high)
        )


def _scaled_bound(value: float | None) -> float | None:
    return None if value is None else value * PERCENT


def percent(share: float | None) -> str:
    """A share as a whole percentage in the reader's language, like "67%"; empty for none."""
    return "" if share is None else format_percent(results.round_half_up(share, 2), "#,##0%")


def _results(session: Session, chosen: Selection, with_comments: bool) -> results.SatisfactionResults:
    return results.satisfaction_results(
        session, chosen.first, chosen.last, chosen.centre_code, chosen.kind, with_comments=with_comments
    )


def results_view(session: Session, chosen: Selection, user) -> ResultsView:
    staff = _is_centre_staff(user)
    found = _results(session, chosen, with_comments=not staff)
    focus = found.centre(chosen.centre_code) if chosen.centre_code else found.centre(results.ALL)
    overview = [focus] if staff else found.centres
    csv_url = url_for("satisfaction.results_csv", **chosen.query_args())
    return ResultsView(chosen, found, focus, overview, THRESHOLD if staff else 0, not staff, csv_url)


# ---------------------------------------------------------------- the CSV


def results_csv(session: Session, chosen: Selection, user) -> str:
    """The command's CSV; for centre staff, their centre's rows only, with figures from few answers hidden."""
    found = _results(session, chosen, with_comments=False)
    if not _is_centre_staff(user):
        return results.csv_text(found)
    rows = [row for row in results.csv_rows(found) if row[0] == chosen.centre_code]
    return _csv([results.CSV_HEADER, *(_suppressed(row) for row in rows)])


def _suppressed(row: list[str]) -> list[str]:
    if is_small(int(row[2])):
        return [row[0], row[1], SUPPRESSED, "", "", "", ""]
    return row


def _csv(rows) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()
