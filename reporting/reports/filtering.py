"""The reports list's filter form: what each filter offers to this user, and its problems said in words.

Reading and checking the filters is `domain/report_filters.py`; this module draws them (a form read from the
query string, never validated by WTForms) and puts each problem on its field for the error summary.
"""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select

from ..domain import report_filters as rules
from ..domain.statuses import CHANNELS, SUBMITTED_STATUSES
from ..extensions import db
from ..filters import language_name
from ..forms import ChoiceSelectField, TextField, options
from ..i18n import ALL_LANGUAGES, language_tag
from ..labels import CHANNEL_LABELS, LABELS, STATUS_LABELS
from ..models import CENTRE_ROLES, Centre, User

DATE_HINT = _l("For example, 27/3/2026")
UNKNOWN = {
    "centre": _l("Select a centre from the list"),
    "category": _l("Select a category from the list"),
    "incident_type": _l("Select a type of incident from the list"),
    "status": _l("Select a status from the list"),
    "channel": _l("Select how it was reported from the list"),
    "language": _l("Select a language from the list"),
    "support": _l("Select whether support was asked for from the list"),
    "assignee": _l("Select a caseworker from the list"),
}
DATE_PROBLEMS = {
    rules.UNREADABLE_DATE: _l("Enter a real date as day, month and year, like 27/3/2026"),
    rules.DATE_OUT_OF_RANGE: _l("Enter a date from 1/1/2000 to 31/12/2999"),
    rules.DATES_IN_WRONG_ORDER: _l("The date reported to must be the same as or after the date reported from"),
}


def _select(label, everything):
    return ChoiceSelectField(label, choices=options([("", everything)]), size="s")


class ReportFiltersForm(FlaskForm):
    """The filters, drawn from the query string; `centre` is dropped for centre staff."""

    class Meta:
        csrf = False

    reported_from = TextField(_l("Reported from"), description=DATE_HINT, width=10, size="s", spellcheck=False)
    reported_to = TextField(_l("Reported to"), description=DATE_HINT, width=10, size="s", spellcheck=False)
    centre = _select(_l("Centre"), _l("All centres"))
    category = _select(_l("Category"), _l("All categories"))
    incident_type = _select(_l("Type of incident"), _l("All types"))
    status = _select(_l("Status"), _l("All statuses"))
    channel = _select(_l("How it was reported"), _l("Either way"))
    language = _select(_l("Language used"), _l("All languages"))
    support = _select(_l("Support asked for"), _l("Either"))
    assignee = _select(_l("Caseworker"), _l("Anyone or nobody"))


def _centres(user) -> list[tuple[str, str]] | None:
    """Every centre's code and name for the unit and admins (reports of closed centres too); None for centre
    staff, who see only their own centre's reports."""
    if user.is_centre_staff:
        return None
    return [(code, name) for code, name in db.session.execute(select(Centre.code, Centre.name).order_by(Centre.name))]


def _caseworkers(user) -> list[tuple[str, object]]:
    """Who cases can be assigned to, as the filter offers them: nobody yet, then centre staff by email (the user's own
    centre's for centre staff, every centre's for the unit), closed accounts too, as they may still hold cases."""
    query = select(User.id, User.email).where(User.role.in_(CENTRE_ROLES)).order_by(User.email)
    if user.is_centre_staff:
        query = query.where(User.centre_id == user.centre_id)
    return [(rules.NOBODY, _l("Nobody yet")), *((str(user_id), email) for user_id, email in db.session.execute(query))]


def _offered(user) -> dict[str, list[tuple[str, object]]]:
    languages = sorted((language_tag(code) for code in ALL_LANGUAGES), key=lambda tag: language_name(tag))
    offered = {
        "category": list(LABELS["categories"].items()),
        "incident_type": list(LABELS["incident_types"].items()),
        "status": [(code, STATUS_LABELS[code]) for code in SUBMITTED_STATUSES],
        "channel": [(code, CHANNEL_LABELS[code]) for code in CHANNELS],
        "language": [(tag, language_name(tag)) for tag in languages],
        "support": list(LABELS["yes_no"].items()),
        "assignee": _caseworkers(user),
    }
    centres = _centres(user)
    if centres is not None:
        offered["centre"] = centres
    return offered


def _choices(offered: dict) -> rules.FilterChoices:
    def codes(name: str):
        return frozenset(code for code, _label in offered[name]) if name in offered else None

    return rules.FilterChoices(
        categories=codes("category"),
        incident_types=codes("incident_type"),
        statuses=codes("status"),
        channels=codes("channel"),
        languages=codes("language"),
        centres=codes("centre"),
        assignees=codes("assignee"),
    )


def _message(name: str, problem: str):
    return UNKNOWN[name] if problem == rules.UNKNOWN else DATE_PROBLEMS[problem]


def read_filters(args, user) -> tuple[rules.ReportFilters, ReportFiltersForm]:
    """The filters in the query string `args` that apply, and the form showing them with any problems."""
    offered = _offered(user)
    form = ReportFiltersForm(args)
    if "centre" not in offered:
        del form.centre
    for name, pairs in offered.items():
        form[name].choices = [form[name].choices[0], *options(pairs)]
    filters, problems = rules.parse_filters(args, _choices(offered))
    for name, problem in problems.items():
        form[name].errors = [_message(name, problem)]
    return filters, form
