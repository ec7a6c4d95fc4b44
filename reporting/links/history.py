"""What a report's page shows of its links, as the user may see it: "Reported before", the linked reports (in full
for the user's own, only where and when for another centre's), suggestions to decide, and series."""

from dataclasses import dataclass, field
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ..access import reports_for
from ..domain import fingerprints
from ..extensions import db
from ..models import Report
from . import rules, services
from .forms import DecideLinkForm, SeriesForm
from .models import SUGGESTED, ReportLink, Series, SeriesReport

YEAR = timedelta(days=365)
REASON_LABELS = {
    fingerprints.PHONE: _l("same phone number"),
    fingerprints.EMAIL: _l("same email address"),
    fingerprints.NAME_POSTCODE: _l("same name at the same postcode"),
    fingerprints.ADDRESS: _l("same address"),
    fingerprints.SURNAME_ADDRESS: _l("same surname at the same address"),
    fingerprints.SELF_LINKED: _l("the person gave this reference"),
}


def reason_text(reasons: list[str]) -> str:
    return "; ".join(str(REASON_LABELS[reason]) for reason in reasons if reason in REASON_LABELS)


@dataclass
class LinkedReport:
    report: Report
    visible: bool  # the user may open it; otherwise only its centre and date are shown


@dataclass
class Suggestion:
    link: ReportLink
    other: LinkedReport
    may_decide: bool


@dataclass
class ReportLinks:
    before_in_year: int = 0
    same_person: list[LinkedReport] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    series: list[tuple[Series, int]] = field(default_factory=list)
    may_group: bool = False
    decide_form: DecideLinkForm | None = None
    series_form: SeriesForm | None = None

    @property
    def hidden_centres(self) -> bool:
        return any(not item.visible for item in self.same_person) or any(
            not item.other.visible for item in self.suggestions
        )


def visible_ids(user, report_ids: list[int]) -> set[int]:
    if not report_ids:
        return set()
    return set(db.session.scalars(reports_for(user).where(Report.id.in_(report_ids)).with_only_columns(Report.id)))


def report_links(user, report: Report, series_form: SeriesForm | None = None) -> ReportLinks:
    """The links section of the report page for this user."""
    people = services.same_person(report)
    pending = [link for link in services.links_of(report) if link.status == SUGGESTED]
    others = [link.other(report.id) for link in pending]
    seen = visible_ids(user, [other.id for other in (*people, *others)])
    start = report.reported_at - YEAR if report.reported_at else None
    before = [
        other for other in people if start and other.reported_at and start <= other.reported_at < report.reported_at
    ]
    return ReportLinks(
        before_in_year=len(before),
        same_person=[LinkedReport(other, other.id in seen) for other in people],
        suggestions=[
            Suggestion(
                link, LinkedReport(other, other.id in seen), other.id in seen and rules.may_decide(user, report, other)
            )
            for link, other in zip(pending, others, strict=True)
        ],  # fmt: skip
        series=series_of(report),
        may_group=rules.may_group(user, report),
        decide_form=DecideLinkForm(formdata=None),
        series_form=series_form or SeriesForm(formdata=None),
    )


def series_of(report: Report) -> list[tuple[Series, int]]:
    """The series the report is in, each with how many reports it holds."""
    sizes = select(SeriesReport.series_id, func.count().label("size")).group_by(SeriesReport.series_id).subquery()
    query = (
        select(Series, sizes.c.size)
        .join(SeriesReport, SeriesReport.series_id == Series.id)
        .join(sizes, sizes.c.series_id == Series.id)
        .where(SeriesReport.report_id == report.id)
        .order_by(Series.name)
    )
    return [(series, size) for series, size in db.session.execute(query)]


def repeat_victims(reports) -> set[int]:
    """Which reports of a list belong to a person with another report (the list's flag)."""
    return services.linked_report_ids([report.id for report in reports])
