"""The review's tables, built from the gathered figures with translated headings and labels."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from ...domain.hotspots import HOTSPOT_MONTHS, hotspot_count
from ...domain.outcomes import NO_OUTCOME, OUTCOMES
from ...domain.places import NO_AREA, NO_CENTRE
from ...domain.satisfaction import SCALE_QUESTIONS
from ...domain.vocabulary import centrally_monitored_categories, codes
from ...filters import month_label
from ...labels import label
from ..dip_sampling.models import CHECKLIST
from ..dip_sampling.wording import CHECKLIST_LABELS
from ..upkeep.wording import UPKEEP_STATUS
from .review_figures import Place
from .services import ReviewData
from .tables import CHANGE, DATE, DAYS, NUMBER, SHARE, TEXT, Column, Row, Table

TOTAL = "total"
HOTSPOTS = "hotspots-12-months"


def centre_name(place: Place) -> str:
    return _("Online self-reports") if place.key == NO_CENTRE else place.name


def everyone(data: ReviewData):
    """The label of a total row: all centres, or in a one-centre review the chosen centre alone."""
    return _l("All centres") if data.figures.centre is None else _l("This centre")


def area_name(place: Place) -> str:
    return _("Area not recorded") if place.key == NO_AREA else place.name


def build_tables(data: ReviewData) -> dict[str, Table]:
    tables = [
        comparison_table(data, "categories"),
        comparison_table(data, "incident_types"),
        centre_month_table(data),
        last_report_table(data),
        area_table(data),
        hotspot_table(data),
        consistency_table(data),
        case_work_table(data),
        outcomes_table(data),
        trend_table(data),
        satisfaction_table(data),
        dip_centre_table(data),
        dip_month_table(data),
        upkeep_table(data),
    ]
    from .people import people_tables  # it builds on this module's helpers

    tables += people_tables(data)
    return {table.name: table for table in tables}


def _period_columns() -> list[Column]:
    return [
        Column("current", _l("This period")),
        Column("previous", _l("Previous period")),
        Column("change", lazy_pgettext("difference between two periods", "Change"), CHANGE, of=("current", "previous")),
    ]


def comparison_table(data: ReviewData, kind: str) -> Table:
    figures = data.figures
    rows_in = figures.categories if kind == "categories" else figures.incident_types
    monitored = set(centrally_monitored_categories()) if kind == "categories" else set()
    rows = [
        Row(
            row.code,
            label(kind, row.code),
            {"current": row.current, "previous": row.previous, "change": row.change},
            note=_l("Centrally monitored") if row.code in monitored else None,
        )
        for row in rows_in
    ]
    total = figures.total
    total_row = Row(
        TOTAL,
        _l("All reports (each report once)"),
        {"current": total.current, "previous": total.previous, "change": total.change},
    )
    caption = _l("Reports by category") if kind == "categories" else _l("Reports by incident type")
    heading = _l("Category") if kind == "categories" else _l("Incident type")
    name = "reports-by-category" if kind == "categories" else "reports-by-incident-type"
    notes = (
        [
            _l(
                "A report with several categories counts once in each, so the categories add up to more than "
                "the number of reports."
            )
        ]
        if kind == "categories"
        else []
    )
    return Table(name, caption, heading, _period_columns(), rows, total_row, notes=notes)


def centre_month_table(data: ReviewData) -> Table:
    months = data.figures.months
    columns = [Column(month, month_label(month)) for month in months] + [Column(TOTAL, _l("Total"))]
    rows = []
    for use in data.figures.centre_use:
        values = {month: use.by_month.get(month, 0) for month in months} | {TOTAL: use.total}
        rows.append(Row(use.centre.code, centre_name(use.centre), values))
    totals = {month: sum(row.values[month] for row in rows) for month in months}
    totals[TOTAL] = sum(totals.values())
    return Table(
        "reports-by-centre-and-month",
        _l("Reports by centre and month"),
        _l("Centre"),
        columns,
        rows,
        Row(TOTAL, everyone(data), totals),
        row_total_column=TOTAL,
    )


def last_report_table(data: ReviewData) -> Table:
    columns = [
        Column("last_report_on", _l("Last report"), DATE),
        Column("days_since", _l("Days before the end of the period"), DAYS),
    ]
    rows = [
        Row(
            use.centre.code,
            centre_name(use.centre),
            {"last_report_on": use.last_report_on, "days_since": use.days_since_last},
        )
        for use in data.figures.centre_use
        if use.centre.key != NO_CENTRE
    ]
    return Table("last-report-by-centre", _l("Each centre's last report"), _l("Centre"), columns, rows)


def area_table(data: ReviewData) -> Table:
    centres = {place.code: place.name for place in data.figures.places.values()}
    columns = [
        Column("reports", _l("Reports")),
        Column("centres", _l("Active centres"), TEXT),
        Column("gap", _l("Reports but no centre"), TEXT),
    ]
    rows = [
        Row(
            area.area.code,
            area_name(area.area),
            {
                "reports": area.reports,
                "centres": "; ".join(centres[code] for code in area.active_centres),
                "gap": _("Yes") if area.is_gap else "",
            },
        )
        for area in data.figures.areas
    ]
    total = Row(TOTAL, _l("All areas"), {"reports": data.figures.total.current, "centres": "", "gap": ""})
    return Table(
        "reports-by-area", _l("Reports by the area where the incident happened"), _l("Area"), columns, rows, total
    )


def hotspot_months(data: ReviewData) -> dict[str, str]:
    """The first and last of the months the hotspots are counted over, as "November 2024"."""
    months = data.figures.hotspot_period.months()
    return {"first": month_label(months[0], "MMMM y"), "last": month_label(months[-1], "MMMM y")}


def hotspot_table(data: ReviewData) -> Table:
    """Each area's reports over the 12 whole months up to the end of the period, against its active centres.

    Rows stay in name order (never by reports): an order by size would rank the counts the pack hides.
    The flag is withheld with a hidden count (`base`), as it could narrow down what the count is.
    """
    centres = {place.code: place.name for place in data.figures.places.values()}
    flagged = data.figures.hotspots_without_centre
    columns = [
        Column("reports", _l("Reports")),
        Column("centres", _l("Active centres"), NUMBER),
        Column("centre_names", _l("Which centres"), TEXT),
        Column("hotspot", _l("Hotspot, no centre"), TEXT, base="reports"),
    ]
    rows = [_hotspot_row(area, centres, area.area.code in flagged) for area in data.figures.hotspot_areas]
    reports = sum(area.reports for area in data.figures.hotspot_areas)
    active = sum(len(area.active_centres) for area in data.figures.hotspot_areas)
    total = Row(TOTAL, _l("All areas"), {"reports": reports, "centres": active, "centre_names": "", "hotspot": ""})
    wards = len([area for area in data.figures.hotspot_areas if area.area.key != NO_AREA])
    caption = _(
        "Reports by area from %(first)s to %(last)s (%(count)d whole months), and active centres",
        count=HOTSPOT_MONTHS,
        **hotspot_months(data),
    )
    return Table(HOTSPOTS, caption, _l("Area"), columns, rows, total, notes=[hotspot_rule(wards)])


def hotspot_rule(wards: int) -> str:
    return _(
        "Hotspot, no centre: an area in the top third by reports (the %(count)d of %(wards)d areas with the "
        "most reports, and any area tied with the last of them) that has no active centre. Centres are counted as "
        "they are now: a closed centre is not counted.",
        count=hotspot_count(wards),
        wards=wards,
    )


def _hotspot_row(area, centres: dict[str, str], flagged: bool) -> Row:
    known = area.area.key != NO_AREA
    values = {
        "reports": area.reports,
        "centres": len(area.active_centres) if known else None,
        "centre_names": "; ".join(centres[code] for code in area.active_centres),
        "hotspot": _("Yes") if flagged else "",
    }
    return Row(area.area.code, area_name(area.area), values)


def consistency_table(data: ReviewData) -> Table:
    columns = [
        Column("reports", _l("Reports")),
        Column("completeness", _l("Expected answers given"), SHARE, base="reports"),
        Column("consent_recorded", _l("Police consent recorded"), SHARE, base="reports"),
        Column("referred", _l("Referred")),
        Column("referral_rate", _l("Referral rate"), SHARE, base="reports"),
        Column("median_days_to_report", _l("Median days from incident to report"), DAYS, base="reports"),
        Column("median_days_to_referral", _l("Median days from report to referral"), DAYS, base="referred"),
    ]
    rows = [Row(row.centre.code, centre_name(row.centre), _consistency_values(row)) for row in data.figures.consistency]
    total = data.figures.overall_consistency
    total_row = Row(TOTAL, everyone(data), _consistency_values(total)) if total else None
    return Table(
        "consistency-by-centre",
        _l("How consistently each centre records reports"),
        _l("Centre"),
        columns,
        rows,
        total_row,
    )


def _consistency_values(row) -> dict:
    names = (
        "reports",
        "completeness",
        "consent_recorded",
        "referred",
        "referral_rate",
        "median_days_to_report",
        "median_days_to_referral",
    )
    return {name: getattr(row, name) for name in names}


def case_work_table(data: ReviewData) -> Table:
    """How quickly each centre acknowledges and closes the cases of the reports made there in the period."""
    columns = [
        Column("acknowledged", _l("Acknowledged")),
        Column("median_days_to_acknowledge", _l("Median days from receipt to acknowledgement"), DAYS,
               base="acknowledged"),
        Column("acknowledge_due", _l("Due to be acknowledged")),
        Column("acknowledged_on_time", _l("Acknowledged on time"), SHARE, base="acknowledge_due"),
        Column("closed", _l("Closed")),
        Column("median_days_to_close", _l("Median days from receipt to closing"), DAYS, base="closed"),
    ]  # fmt: skip
    rows = [Row(row.centre.code, centre_name(row.centre), _case_work_values(row)) for row in data.figures.consistency]
    total = data.figures.overall_consistency
    total_row = Row(TOTAL, everyone(data), _case_work_values(total)) if total else None
    notes = [
        _l(
            "Days are whole days between UK dates, from when the report was received. A case is due to be "
            "acknowledged once it has been acknowledged or its acknowledge-by date (2 working days after receipt) "
            "has passed; it was acknowledged on time when that was done by that date."
        )
    ]
    return Table("case-work-by-centre", _l("How quickly each centre acknowledges and closes cases"), _l("Centre"),
                 columns, rows, total_row, notes=notes)  # fmt: skip


def _case_work_values(row) -> dict:
    names = ("acknowledged", "median_days_to_acknowledge", "acknowledge_due", "acknowledged_on_time", "closed",
             "median_days_to_close")  # fmt: skip
    return {name: getattr(row, name) for name in names}


def outcomes_table(data: ReviewData) -> Table:
    """The closed cases of each centre's reports and how they ended; a case with several outcomes counts in each."""
    kinds = [*OUTCOMES, NO_OUTCOME]
    columns = [Column("closed", _l("Closed cases"))] + [
        Column(code, label("outcomes", code) if code != NO_OUTCOME else _l("No outcome recorded")) for code in kinds
    ]
    figures = data.figures
    rows = [Row(row.centre.code, centre_name(row.centre), _outcome_values(row, kinds)) for row in figures.outcomes]
    total = figures.overall_outcomes
    total_row = Row(TOTAL, everyone(data), _outcome_values(total, kinds)) if total and total.closed else None
    notes = [_l("A case closed with several outcomes counts once in each, so the outcomes add up to more than the "
                "closed cases.")]  # fmt: skip
    return Table("outcomes-by-centre", _l("How cases ended, by centre"), _l("Centre"), columns, rows, total_row,
                 notes=notes)  # fmt: skip


def _outcome_values(row, kinds: list[str]) -> dict:
    return {"closed": row.closed} | {code: row.by_outcome.get(code, 0) for code in kinds}


def trend_table(data: ReviewData) -> Table:
    figures = data.figures
    columns = [Column(TOTAL, _l("All reports"))] + [
        Column(code, label("categories", code)) for code in codes("categories")
    ]
    rows = [
        Row(
            month,
            month_label(month),
            {TOTAL: figures.trend_total.get(month, 0)}
            | {code: figures.trend_by_category[code].get(month, 0) for code in codes("categories")},
        )
        for month in figures.trend_months
    ]
    return Table(
        "trend-12-months", _l("Reports in the last 12 months, all and by category"), _l("Month"), columns, rows
    )


def satisfaction_table(data: ReviewData) -> Table:
    columns = [
        Column("reports", _l("Reports")),
        Column("responding", _l("Reports with answers")),
        Column("response_rate", _l("Response rate"), SHARE, base="reports"),
    ]
    for question in SCALE_QUESTIONS:
        asked = label("satisfaction_questions", question)
        columns.append(
            Column(
                f"{question}_responses",
                _l("Answers: %(question)s", question=asked),
                subject=asked,
                short=_l("Answers"),
            )
        )
        columns.append(
            Column(
                f"{question}_satisfied",
                _l("Satisfied: %(question)s", question=asked),
                SHARE,
                base=f"{question}_responses",
                subject=asked,
                short=lazy_pgettext("share of answers", "Satisfied"),
            )
        )
    rows, total = [], None
    for group in data.satisfaction.centres:
        values = {
            "reports": group.reports,
            "responding": group.combined.responding_reports,
            "response_rate": group.combined.response_rate,
        }
        for question, result in group.combined.questions.items():
            values[f"{question}_responses"] = result.responses
            values[f"{question}_satisfied"] = result.share_satisfied
        if group.centre == "all":
            total = Row(TOTAL, everyone(data), values)
        else:
            rows.append(Row(group.centre, group.name or _("Online self-reports"), values))
    return Table(
        "satisfaction-by-centre",
        _l("Satisfaction by centre (share answering 4 or 5 out of 5)"),
        _l("Centre"),
        columns,
        rows,
        total,
    )


def _dip_values(data: ReviewData, centre_key, months: list[str]) -> dict:
    values = {}
    for item in CHECKLIST:
        passed = sum(data.dip_rates[key].passed for key in _dip_keys(data, centre_key, months, item))
        assessed = sum(data.dip_rates[key].assessed for key in _dip_keys(data, centre_key, months, item))
        values[f"{item}_assessed"] = assessed
        values[item] = passed / assessed if assessed else None
    return values


def _dip_keys(data: ReviewData, centre_key, months: list[str], item: str) -> list:
    return [key for key in ((centre_key, month, item) for month in months) if key in data.dip_rates]


def _dip_columns() -> list[Column]:
    columns = []
    for item in CHECKLIST:
        check = CHECKLIST_LABELS[item]
        columns.append(
            Column(f"{item}_assessed", _l("Checked: %(item)s", item=check), subject=check, short=_l("Checked"))
        )
        columns.append(
            Column(
                item,
                _l("Passed: %(item)s", item=check),
                SHARE,
                base=f"{item}_assessed",
                subject=check,
                short=_l("Passed"),
            )
        )
    return columns


def _dip_centre_key(data: ReviewData):
    """The chosen centre's key, or None for all centres together."""
    return None if data.figures.centre is None else data.figures.centre.key


def dip_centre_table(data: ReviewData) -> Table:
    months = data.period.months()
    chosen = _dip_centre_key(data)
    keys = sorted({key[0] for key in data.dip_rates if key[0] is not None and key[1] in months})
    keys = [key for key in keys if chosen is None or key == chosen]
    places = data.figures.places
    rows = [Row(places[key].code, centre_name(places[key]), _dip_values(data, key, months)) for key in keys
            if key in places]  # fmt: skip
    total = Row(TOTAL, everyone(data), _dip_values(data, chosen, months))
    return Table("dip-samples-by-centre", _l("Dip-sampled reports passing each check, by centre, this period"),
                 _l("Centre"), _dip_columns(), rows, total)  # fmt: skip


def dip_month_table(data: ReviewData) -> Table:
    chosen = _dip_centre_key(data)
    rows = [Row(month, month_label(month), _dip_values(data, chosen, [month])) for month in data.dip_months]
    caption = (
        _l("Dip-sampled reports passing each check, by month, all centres")
        if chosen is None
        else _l("Dip-sampled reports passing each check, by month, this centre")
    )
    return Table("dip-samples-by-month", caption, _l("Month"), _dip_columns(), rows)


def upkeep_table(data: ReviewData) -> Table:
    columns = [
        Column("last_training_on", _l("Last refresher training"), DATE),
        Column("training_due_on", _l("Training due"), DATE),
        Column("training_status", _l("Training"), TEXT),
        Column("last_contact_on", _l("Last partnership contact"), DATE),
        Column("contact_due_on", _l("Contact due"), DATE),
        Column("contact_status", _l("Contact"), TEXT),
    ]
    rows = []
    for entry in data.upkeep:
        values = {}
        for item in entry.items():
            values[f"last_{item.kind}_on"] = item.last_on
            values[f"{item.kind}_due_on"] = item.due_on
            values[f"{item.kind}_status"] = str(UPKEEP_STATUS[item.status(data.today)])
        rows.append(Row(entry.centre.code, entry.centre.name, values))
    return Table(
        "centre-upkeep",
        _l("Refresher training (yearly) and partnership contact (every six months)"),
        _l("Centre"),
        columns,
        rows,
    )
