"""The review's people, from confirmed links: distinct people who reported, repeat victims (more than one report in
the 12 months up to the end of the period) by centre and category, the share of incidents that were repeats, and
series. Suppressed like every other table of the pack."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ...domain.people_counts import TOTAL as ALL
from ...labels import label
from . import findings
from .presentation import Display
from .sections import Figure, Section
from .services import ReviewData
from .table_builders import TOTAL, centre_name, everyone
from .tables import SHARE, Column, Row, Table

PEOPLE, BY_CATEGORY = "people-by-centre", "repeat-victims-by-category"


def people_tables(data: ReviewData) -> list[Table]:
    counts = data.people
    if counts is None:
        return []
    columns = [
        Column("reports", _l("Reports")),
        Column("people", _l("People who reported")),
        Column("repeat_victims", _l("Repeat victims")),
        Column("repeat_incidents", _l("Incidents that were repeats")),
        Column("repeat_share", _l("Share of incidents that were repeats"), SHARE, base="repeat_incidents"),
        Column("series", _l("Series")),
    ]
    rows = [
        Row(use.centre.code, centre_name(use.centre), _values(counts, use.centre.key))
        for use in data.figures.centre_use
        if counts.reports.get(use.centre.key)
    ]
    people = Table(PEOPLE, _l("People who reported, by centre"), _l("Centre"), columns, rows,
                   Row(TOTAL, everyone(data), _values(counts, ALL)))  # fmt: skip
    people.notes.append(
        _l(
            "A person is the reports that staff confirmed as one person's. People who reported at two centres count "
            "once in the total. A repeat victim reported more than once in the 12 months up to the end of the "
            "period; an incident is a repeat when the person reported another in the 12 months before it."
        )
    )
    by_category = Table(
        BY_CATEGORY,
        _l("Repeat victims by why they think it happened"),
        _l("Category"),
        [Column("repeat_victims", _l("Repeat victims"))],
        [Row(code, label("categories", code), {"repeat_victims": number})
         for code, number in sorted(counts.repeat_victims_by_category.items())],
        Row(TOTAL, everyone(data), {"repeat_victims": counts.repeat_victims.get(ALL, 0)}),
    )  # fmt: skip
    return [people, by_category]


def _values(counts, key) -> dict:
    reports, repeats = counts.reports.get(key, 0), counts.repeat_incidents.get(key, 0)
    return {
        "reports": reports,
        "people": counts.people.get(key, 0),
        "repeat_victims": counts.repeat_victims.get(key, 0),
        "repeat_incidents": repeats,
        "repeat_share": repeats / reports if reports else None,
        "series": counts.series.get(key, 0),
    }


def people_section(data: ReviewData, tables: dict, display: Display) -> Section | None:
    if PEOPLE not in tables:
        return None
    people = tables[PEOPLE]
    said = [
        _(
            "%(people)s people reported %(reports)s incidents; %(repeats)s of them were repeat victims.",
            people=findings.words(display.count(people, TOTAL, "people")),
            reports=findings.words(display.count(people, TOTAL, "reports")),
            repeats=findings.words(display.count(people, TOTAL, "repeat_victims")),
        )
    ]
    figures = [Figure(people), Figure(tables[BY_CATEGORY])]
    return Section("people", _l("People and repeat victims"), said, figures)
