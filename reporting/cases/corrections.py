"""Correcting a submitted report's coded answers, keeping each change with its reason, who and when.

A correction writes the report (which moves its version on, so a stale form elsewhere is stopped) and its
categories and incident types; the database triggers queue the months and centres before and after for the
review summary, so the review's counts stay exact (a recount of the reports gives the same figures).
"""

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from .. import audit
from ..domain.corrections import ApproximateDate, Change, changes, correctable_fields, list_value, occurred
from ..extensions import db
from ..filters import month_label, uk_date
from ..labels import label
from ..links import services as links
from ..models import Area, Centre, Report, ReportCorrection, utcnow

FIELD_NAMES = {
    "categories": _l("Categories"),
    "incident_types": _l("Incident types"),
    "occurred_on": _l("Date it happened"),
    "location_type": _l("Type of place"),
    "area": _l("Area where it happened"),
    "centre": _l("Centre where the report was made"),
}
VOCABULARY_OF = {"categories": "categories", "incident_types": "incident_types", "location_type": "location_types"}


class NothingChanged(Exception):
    """The answers given are the report's own."""


class EditedMeanwhile(Exception):
    """Someone else saved the report between reading and writing it."""


def current_answers(report: Report) -> dict:
    """The report's correctable answers as `domain.corrections` compares them."""
    return {
        "categories": report.categories,
        "incident_types": report.incident_types,
        "occurred_on": occurred(report.occurred_on, bool(report.occurred_on_approximate)),
        "location_type": report.location_type,
        "area": report.area.code if report.area else None,
        "centre": report.centre.code if report.centre else None,
    }


def correct_report(report: Report, user, answers: dict, reason: str) -> list[Change]:
    """Apply the answers that changed, keep each change with the reason, audit and commit.

    Raises NothingChanged when no answer differs, EditedMeanwhile when the report was saved by someone else."""
    allowed = correctable_fields(report.channel)
    found = changes(current_answers(report), {name: value for name, value in answers.items() if name in allowed})
    if not found:
        raise NothingChanged(report.reference)
    for change in found:
        _apply(report, change.field, answers[change.field])
        db.session.add(
            ReportCorrection(
                report=report,
                field=change.field,
                old_value=change.old_value,
                new_value=change.new_value,
                reason=reason.strip(),
                corrected_by_id=user.id,
            )
        )
    report.updated_at = utcnow()  # the report's own row is written, so its version moves on whatever changed
    links.refresh(report)
    fields = ",".join(change.field for change in found)
    audit.record("report_corrected", "report", report.reference, detail=f"fields={fields}")
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise EditedMeanwhile(report.reference) from None
    return found


def _apply(report: Report, name: str, value) -> None:
    if name == "occurred_on":
        approximate = isinstance(value, ApproximateDate)
        report.occurred_on = date(value.year, value.month, 1) if approximate else value
        report.occurred_on_approximate = approximate
    elif name == "area":
        report.area = None if value is None else db.session.scalar(select(Area).where(Area.code == value))
    elif name == "centre":
        report.centre = db.session.scalar(select(Centre).where(Centre.code == value))
    else:
        setattr(report, name, value)


def field_name(name: str) -> str:
    return str(FIELD_NAMES.get(name, name))


def value_text(name: str, text: str | None) -> str:
    """A corrected answer as people read it: labels for codes, names for areas and centres, dates in words."""
    if text is None:
        return _("Not given")
    if name in VOCABULARY_OF:
        return "; ".join(label(VOCABULARY_OF[name], code) for code in list_value(text))
    if name == "occurred_on":
        return month_label(text, "MMMM y") if len(text) == 7 else uk_date(date.fromisoformat(text))
    model = {"area": Area, "centre": Centre}.get(name)
    found = db.session.scalar(select(model.name).where(model.code == text)) if model else None
    return found or text
