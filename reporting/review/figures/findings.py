"""The review's findings in plain words, built from the same figures (and suppression) as its tables.

Every number in a sentence is taken from a table cell through the `Display`, so a sentence in the
review pack never gives away a count its tables hide: a hidden count reads "fewer than 5".
"""

from babel.lists import format_list
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _

from ...domain.outcomes import NO_OUTCOME
from ...domain.suppression import SUPPRESSED, THRESHOLD
from ...labels import label
from ..dip_sampling.models import CHECKLIST
from ..dip_sampling.wording import CHECKLIST_LABELS
from ..upkeep.wording import UPKEEP_STATUS
from .presentation import Display, format_value
from .services import ReviewData
from .table_builders import HOTSPOTS, NO_CENTRE, TOTAL, area_name, centre_name, hotspot_months
from .tables import Table


def words(text: str) -> str:
    """A printed figure as it reads in a sentence: `<5` becomes "fewer than 5"."""
    return _("fewer than 5") if text == SUPPRESSED else text


def plural_count(value) -> int:
    """The number that chooses a sentence's plural form: a whole number as it is; a fraction (a median of 1.5
    days) or no number reads as many."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 2
    return int(number) if number.is_integer() else 2


def listed(items: list[str]) -> str:
    return format_list([str(item) for item in items], locale=str(get_locale() or "en"))


def in_sentence(text: str) -> str:
    """A label inside a sentence: its first letter in lower case ("Disability" -> "disability")."""
    text = str(text)
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _cell(display: Display, table: Table, row_code: str, column: str) -> str:
    return display.count(table, row_code, column)


def total_finding(data: ReviewData, tables: dict, display: Display) -> str:
    table = tables["reports-by-category"]
    current, previous = (_cell(display, table, TOTAL, key) for key in ("current", "previous"))
    if SUPPRESSED in (current, previous):
        return _(
            "There were %(current)s reports in this period and %(previous)s in the previous period.",
            current=words(current),
            previous=words(previous),
        )
    change = data.figures.total.change
    if change > 0:
        return _("Reports rose from %(previous)s to %(current)s.", previous=previous, current=current)
    if change < 0:
        return _("Reports fell from %(previous)s to %(current)s.", previous=previous, current=current)
    return _("Reports stayed at %(current)s, the same as in the previous period.", current=current)


def empty_monitored_finding(data: ReviewData, tables: dict, display: Display) -> str | None:
    """The centrally monitored categories nobody reported: an empty category is a finding in itself."""
    table = tables["reports-by-category"]
    empty = [code for code in data.figures.empty_monitored if _cell(display, table, code, "current") == "0"]
    if not empty:
        return None
    names = listed([in_sentence(label("categories", code)) for code in empty])
    where = _("at any centre") if data.figures.centre is None else _("at this centre")
    return _("No %(categories)s hate incidents were reported %(where)s.", categories=names, where=where)


def top_category_finding(data: ReviewData, tables: dict, display: Display) -> str | None:
    ranked = sorted(data.figures.categories, key=lambda row: -row.current)
    if not ranked or ranked[0].current == 0:
        return None
    count = _cell(display, tables["reports-by-category"], ranked[0].code, "current")
    # A hidden count reads as "fewer than 5 reports": its form must not give the number away.
    return ngettext(
        "The category reported most was %(category)s (%(count)s report).",
        "The category reported most was %(category)s (%(count)s reports).",
        THRESHOLD if count == SUPPRESSED else ranked[0].current,
        category=in_sentence(label("categories", ranked[0].code)),
        count=words(count),
    )


def gap_finding(data: ReviewData, tables: dict, display: Display) -> str:
    gaps = data.figures.gaps
    if not gaps:
        return _("Every area where incidents were reported has an active centre.")
    table = tables["reports-by-area"]
    names = listed([area_name(area.area) for area in gaps])
    counts = [_cell(display, table, area.area.code, "reports") for area in gaps]
    if SUPPRESSED in counts:
        return ngettext(
            "%(num)d area with reports has no active centre: %(areas)s.",
            "%(num)d areas with reports have no active centre: %(areas)s.",
            len(gaps),
            areas=names,
        )
    reports = format_value(sum(area.reports for area in gaps), "count")
    return ngettext(
        "%(num)d area with %(reports)s reports has no active centre: %(areas)s.",
        "%(num)d areas with %(reports)s reports between them have no active centre: %(areas)s.",
        len(gaps),
        reports=reports,
        areas=names,
    )


def hotspot_finding(data: ReviewData, tables: dict, display: Display) -> str:
    """Whether the areas with the most reports over the 12 months have an active centre, from the table's cells:
    a flag withheld beside a hidden count is never named."""
    table = tables[HOTSPOTS]
    months = hotspot_months(data)
    if not table.total.values["reports"]:
        return _("No incidents were reported from %(first)s to %(last)s.", **months)
    column = next(column for column in table.columns if column.key == "hotspot")
    withheld = [row for row in table.rows if display.is_hidden(table, row, column)]
    flagged = [row.label for row in table.rows if row.values["hotspot"] and row not in withheld]
    if flagged:
        return ngettext(
            "%(num)d area in the top third by reports from %(first)s to %(last)s has no active centre: %(areas)s.",
            "%(num)d areas in the top third by reports from %(first)s to %(last)s have no active centre: %(areas)s.",
            len(flagged),
            areas=listed(flagged),
            **months,
        )
    if withheld:
        return _(
            "Of the areas with %(threshold)d or more reports, every one in the top third by reports from %(first)s "
            "to %(last)s has an active centre.",
            threshold=THRESHOLD,
            **months,
        )
    return _("Every area in the top third by reports from %(first)s to %(last)s has an active centre.", **months)


def centre_use_findings(data: ReviewData, tables: dict, display: Display) -> list[str]:
    found = []
    used = [use for use in data.figures.centre_use if use.total and use.centre.key != 0]
    if used:
        busiest = max(used, key=lambda use: use.total)
        count = _cell(display, tables["reports-by-centre-and-month"], busiest.centre.code, TOTAL)
        if data.figures.centre is None:
            found.append(_("%(centre)s took the most reports (%(count)s).", centre=busiest.centre.name,
                           count=words(count)))  # fmt: skip
        else:
            # A one-centre review has no other centre to compare with.
            found.append(ngettext("%(centre)s took %(count)s report in this period.",
                                  "%(centre)s took %(count)s reports in this period.",
                                  THRESHOLD if count == SUPPRESSED else busiest.total,
                                  centre=busiest.centre.name, count=words(count)))  # fmt: skip
    idle = data.figures.idle_centres
    if idle:
        found.append(
            ngettext(
                "%(num)d active centre took no reports in this period: %(centres)s.",
                "%(num)d active centres took no reports in this period: %(centres)s.",
                len(idle),
                centres=listed([centre_name(place) for place in idle]),
            )
        )
    return found


def _scope_name(place) -> str:
    """The chosen centre's name in a sentence; online self-reports in lower case, as any words mid-sentence."""
    return in_sentence(centre_name(place)) if place.key == NO_CENTRE else place.name


def consistency_findings(data: ReviewData, tables: dict, display: Display) -> list[str]:
    table = tables["consistency-by-centre"]
    if table.total is None:
        return []
    shown = {column.key: display.cell(table, table.total, column) for column in table.columns}
    if data.figures.centre is None:
        said = _("Across all centres, %(share)s of the expected answers were given and %(rate)s of reports were "
                 "referred.", share=shown["completeness"], rate=shown["referral_rate"])  # fmt: skip
    else:
        said = _("For %(centre)s, %(share)s of the expected answers were given and %(rate)s of reports were referred.",
                 centre=_scope_name(data.figures.centre), share=shown["completeness"],
                 rate=shown["referral_rate"])  # fmt: skip
    found = [said]
    if shown["median_days_to_report"] not in ("–",):
        found.append(
            ngettext(
                "Half of the incidents were reported within %(days)s day of happening.",
                "Half of the incidents were reported within %(days)s days of happening.",
                plural_count(table.total.values.get("median_days_to_report")),
                days=shown["median_days_to_report"],
            )
        )
    return found


def case_work_findings(tables: dict, display: Display) -> list[str]:
    """Across all centres: the median days to acknowledge and to close, and the share acknowledged on time."""
    table = tables["case-work-by-centre"]
    if table.total is None:
        return []
    shown = {column.key: display.cell(table, table.total, column) for column in table.columns}
    found = []
    if table.total.values.get("acknowledged_on_time") is not None:
        found.append(_("%(share)s of cases due to be acknowledged were acknowledged on time.",
                       share=shown["acknowledged_on_time"]))  # fmt: skip
    if table.total.values.get("median_days_to_acknowledge") is not None:
        found.append(ngettext("Half of the cases acknowledged were acknowledged within %(days)s day of receipt.",
                              "Half of the cases acknowledged were acknowledged within %(days)s days of receipt.",
                              plural_count(table.total.values["median_days_to_acknowledge"]),
                              days=shown["median_days_to_acknowledge"]))  # fmt: skip
    if table.total.values.get("median_days_to_close") is not None:
        found.append(ngettext("Half of the cases closed were closed within %(days)s day of receipt.",
                              "Half of the cases closed were closed within %(days)s days of receipt.",
                              plural_count(table.total.values["median_days_to_close"]),
                              days=shown["median_days_to_close"]))  # fmt: skip
    return found


def outcome_finding(tables: dict, display: Display) -> str:
    """How many cases were closed, and the outcome recorded most (from the table, so suppressed alike)."""
    table = tables["outcomes-by-centre"]
    if table.total is None:
        return _("No case of a report made in this period has been closed.")
    outcomes = [column for column in table.columns if column.key not in ("closed", NO_OUTCOME)]
    top = max(outcomes, key=lambda column: table.total.values.get(column.key) or 0)
    closed = words(display.count(table, TOTAL, "closed"))
    if not table.total.values.get(top.key):
        return _("Closed cases: %(count)s, none with an outcome recorded.", count=closed)
    return _(
        "Closed cases: %(count)s. The outcome recorded most was %(outcome)s (%(times)s).",
        count=closed,
        outcome=in_sentence(str(top.heading)),
        times=words(display.count(table, TOTAL, top.key)),
    )


def satisfaction_finding(tables: dict, display: Display) -> str | None:
    table = tables["satisfaction-by-centre"]
    if table.total is None or not table.total.values.get("overall_responses"):
        return _("Nobody answered the satisfaction survey in this period.")
    column = next(column for column in table.columns if column.key == "overall_satisfied")
    share = display.cell(table, table.total, column)
    answers = words(display.count(table, TOTAL, "overall_responses"))
    return _(
        "%(share)s of the %(answers)s people who answered were satisfied with the service overall.",
        share=share,
        answers=answers,
    )


def dip_samples_checked(table: Table) -> bool:
    """Whether any dip-sampled report in the table had a check passed or failed (not all "does not apply")."""
    return any(table.total.values.get(f"{item}_assessed") for item in CHECKLIST)


def dip_finding(tables: dict, display: Display) -> str:
    """What the dip samples found, leading with what needs attention: the checks that some reports failed, the
    lowest share passing first, then the checks every report passed."""
    table = tables["dip-samples-by-centre"]
    if not dip_samples_checked(table):
        return _("No dip-sampled reports were checked in this period.")
    checked = [item for item in CHECKLIST if table.total.values.get(f"{item}_assessed")]
    share = {item: table.total.values[item] for item in checked}
    failed = sorted((item for item in checked if share[item] < 1), key=share.get)
    passed = [item for item in checked if item not in failed]
    said = []
    if failed:
        columns = {column.key: column for column in table.columns}
        said.append(_(
            "Needs attention: %(checks)s.",
            checks=listed([_("%(check)s in %(share)s of the reports checked (%(count)s)",
                             check=in_sentence(CHECKLIST_LABELS[item]),
                             share=display.cell(table, table.total, columns[item]),
                             count=words(display.count(table, TOTAL, f"{item}_assessed"))) for item in failed]),
        ))  # fmt: skip
    if passed:
        said.append(_("Every dip-sampled report checked passed: %(checks)s.",
                      checks=listed([in_sentence(CHECKLIST_LABELS[item]) for item in passed])))  # fmt: skip
    return " ".join(said)


def upkeep_finding(data: ReviewData) -> str:
    if data.figures.centre is not None:
        return _centre_upkeep_finding(data)
    training = sum(entry.training.overdue(data.today) for entry in data.upkeep)
    contact = sum(entry.contact.overdue(data.today) for entry in data.upkeep)
    soon = sum(item.due_soon(data.today) for entry in data.upkeep for item in entry.items())
    return _(
        "Centres overdue for refresher training: %(training)d. Overdue for a partnership contact: %(contact)d. "
        "Training or contact visits due in the next 30 days: %(soon)d.",
        training=training,
        contact=contact,
        soon=soon,
    )


def _centre_upkeep_finding(data: ReviewData) -> str:
    """One centre's own training and contact (online reports have no centre to train or visit)."""
    if not data.upkeep:
        return _("Refresher training and partnership contact are kept for active centres only.")
    entry = data.upkeep[0]
    return _(
        "%(centre)s: refresher training %(training)s; partnership contact %(contact)s.",
        centre=entry.centre.name,
        training=str(UPKEEP_STATUS[entry.training.status(data.today)]).lower(),
        contact=str(UPKEEP_STATUS[entry.contact.status(data.today)]).lower(),
    )


def summary_findings(data: ReviewData, tables: dict, display: Display) -> list[str]:
    """The one-page summary: the headline of every section, in plain words."""
    found = [
        total_finding(data, tables, display),
        top_category_finding(data, tables, display),
        empty_monitored_finding(data, tables, display),
        gap_finding(data, tables, display),
        hotspot_finding(data, tables, display),
    ]
    found += centre_use_findings(data, tables, display)
    found += consistency_findings(data, tables, display)
    found += [satisfaction_finding(tables, display), dip_finding(tables, display), upkeep_finding(data)]
    return [sentence for sentence in found if sentence]
