"""The 6-monthly review pack: a tagged PDF for partners, with every count suppressed.

Cover, contents, a one-page summary in plain words, every dashboard section with its charts and
tables, and an appendix of definitions and the small-number rule. Rendered by the referral
documents' PDF service (WeasyPrint, PDF/UA, Noto fonts); the pack adds its own page layout. A pack
covers whole calendar months only (see domain/periods.py), so that two packs cannot be differenced by day.
"""

from dataclasses import replace
from datetime import date

from flask import render_template
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ...domain.periods import require_whole_months
from ...referrals.pdf import html_to_pdf
from ..dip_sampling.models import CHECKLIST
from ..dip_sampling.wording import CHECKLIST_LABELS
from .sections import Section, build_review, period_text
from .services import gather
from .summary.rows import EXPECTED_FIELDS
from .table_builders import centre_name
from .tables import SHARE, Column, Row, Table


def render_pack(session, period, centre_code: str | None, today: date) -> bytes:
    """The review pack's PDF for `period` and one centre (by code, or `online`) or all centres.

    The pack goes to partners outside the unit, so `period` must be whole calendar months (NotWholeMonths if not).
    """
    require_whole_months(period)
    data = gather(session, period, centre_code, today)
    review = build_review(data, suppressed=True)
    review.sections = pack_sections(review.sections, review.tables)
    scope = centre_name(data.figures.centre) if data.figures.centre else _("All centres")
    title = _("Partnership review: %(scope)s, %(period)s", scope=scope, period=period_text(data))
    html = render_template(
        "review/pack/pack.html",
        review=review,
        column_groups=column_groups,
        group_heading=group_heading,
        beside_rows_of=beside_rows_of,
        transposed=TRANSPOSED,
        title=title,
        scope=scope,
        period=period_text(data),
        previous=period_text(data, previous=True),
        produced_on=today,
        # Filled in by the PDF's page counters, in the translation's word order.
        page_pattern=_("Page %(page)s of %(pages)s"),
        expected_fields=EXPECTED_FIELDS,
        checklist=[CHECKLIST_LABELS[item] for item in CHECKLIST],
        document_lang=str(get_locale() or "en").replace("_", "-"),
        document_dir=get_locale().text_direction if get_locale() else "ltr",
    )
    return html_to_pdf(html)


# Columns the pack puts in one cell, one above the other, because they are read together: a count and a rate
# worked out from it, two medians, an area's centres or its gap, and a date with when the next is due and so
# whether it is overdue. (A share right after the count it is a share of always shares that count's cell.)
SHARED_CELLS = {
    "reports-by-area": [("centres", "gap")],
    "hotspots-12-months": [("centres", "centre_names")],
    "consistency-by-centre": [("referred", "referral_rate"), ("median_days_to_report", "median_days_to_referral")],
    "case-work-by-centre": [("acknowledged", "median_days_to_acknowledge"), ("closed", "median_days_to_close")],
    "satisfaction-by-centre": [("responding", "response_rate")],
    "centre-upkeep": [
        ("last_training_on", "training_due_on", "training_status"),
        ("last_contact_on", "contact_due_on", "contact_status"),
    ],
}


def column_groups(table: Table) -> list[tuple[Column, ...]]:
    """The pack's table columns, grouped by cell: a share right after its count, and the `SHARED_CELLS`.

    WeasyPrint takes about a millisecond to lay out a table cell, whatever it holds, so figures read
    together cost less in one cell.
    """
    together = {key: keys for keys in SHARED_CELLS.get(table.name, ()) for key in keys}
    groups: list[tuple[Column, ...]] = []
    for column in table.columns:
        if groups and groups[-1][0].key in together.get(column.key, ()):
            groups[-1] = (*groups[-1], column)
        elif column.kind == SHARE and groups and len(groups[-1]) == 1 and groups[-1][0].key == column.base:
            groups[-1] = (groups[-1][0], column)
        else:
            groups.append((column,))
    return groups


def group_heading(group: tuple[Column, ...]) -> str:
    """The heading of a cell holding `group`'s figures, one line a figure; the subject said once when the
    figures are all of one subject ("How easy was it to report?", then "Answers / Satisfied")."""
    subjects = {str(column.subject) for column in group if column.subject is not None}
    if len(group) > 1 and len(subjects) == 1 and all(column.subject is not None for column in group):
        return f"{subjects.pop()}\n{' / '.join(str(column.short) for column in group)}"
    return "\n".join(str(column.heading) for column in group)


# Tables the pack lays out turned on their side: each column a row and each row a column. The 12 months'
# reports by category has a dozen categories with long names and months with short ones, so the names go down
# the side, where they have room to wrap, and the months across the top; a page then holds the whole table.
TRANSPOSED = {"trend-12-months": _l("Category")}


# Tables the pack lays out as more columns of another table with the same rows (in one cell a row), not as
# tables of their own: each centre's last report goes beside its reports by month.
BESIDE = {"reports-by-centre-and-month": "last-report-by-centre"}


def pack_sections(sections: list[Section], tables: dict[str, Table]) -> list[Section]:
    """The review's sections as the pack lays them out, with each table of `BESIDE` beside the table it joins."""
    joined = set(BESIDE.values())
    return [
        replace(
            section,
            figures=[
                replace(figure, beside=tables[BESIDE[figure.table.name]]) if figure.table.name in BESIDE else figure
                for figure in section.figures
                if figure.table.name not in joined
            ],
        )
        for section in sections
    ]


def beside_rows_of(table: Table | None) -> dict[str, Row]:
    return {row.code: row for row in table.all_rows()} if table else {}


def file_name(chosen, extension: str) -> str:
    scope = chosen.centre_code or "all-centres"
    return f"review-{scope}-{chosen.period.first.isoformat()}-to-{chosen.period.last.isoformat()}.{extension}"


def audit_detail(chosen) -> str:
    return f"from={chosen.period.first} to={chosen.period.last} centre={chosen.centre_code or 'all'}"
