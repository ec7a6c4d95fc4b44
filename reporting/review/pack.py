"""The 6-monthly review pack: a tagged PDF for partners, with every count suppressed.

Cover, contents, a one-page summary in plain words, every dashboard section with its charts and
tables, and an appendix of definitions and the small-number rule. Rendered by the referral
documents' PDF service (WeasyPrint, PDF/UA, Noto fonts); the pack adds its own page layout.
"""

from datetime import date

from flask import render_template
from flask_babel import get_locale
from flask_babel import gettext as _

from ..referrals.pdf import html_to_pdf
from . import summary
from .models import CHECKLIST
from .sections import build_review, period_text
from .services import gather
from .table_builders import CHECKLIST_LABELS, centre_name
from .tables import SHARE, Column, Table


def render_pack(session, period, centre_code: str | None, today: date) -> bytes:
    """The review pack's PDF for `period` and one centre (by code, or `online`) or all centres."""
    data = gather(session, period, centre_code, today)
    review = build_review(data, suppressed=True)
    scope = centre_name(data.figures.centre) if data.figures.centre else _("All centres")
    title = _("Partnership review: %(scope)s, %(period)s", scope=scope, period=period_text(data))
    html = render_template(
        "review/pack/pack.html",
        review=review,
        column_groups=column_groups,
        title=title,
        scope=scope,
        period=period_text(data),
        previous=period_text(data, previous=True),
        produced_on=today,
        # Filled in by the PDF's page counters, in the translation's word order.
        page_pattern=_("Page %(page)s of %(pages)s"),
        expected_fields=summary.EXPECTED_FIELDS,
        checklist=[CHECKLIST_LABELS[item] for item in CHECKLIST],
        document_lang=str(get_locale() or "en").replace("_", "-"),
        document_dir=get_locale().text_direction if get_locale() else "ltr",
    )
    return html_to_pdf(html)


def column_groups(table: Table) -> list[tuple[Column, ...]]:
    """The pack's table columns: a share right after the count it is a share of goes in that count's cell.

    WeasyPrint takes about a millisecond to lay out a table cell, whatever it holds, so two figures read
    together cost half as much in one cell.
    """
    groups: list[tuple[Column, ...]] = []
    for column in table.columns:
        if column.kind == SHARE and groups and len(groups[-1]) == 1 and groups[-1][0].key == column.base:
            groups[-1] = (groups[-1][0], column)
        else:
            groups.append((column,))
    return groups


def file_name(chosen, extension: str) -> str:
    scope = chosen.centre_code or "all-centres"
    return f"review-{scope}-{chosen.period.first.isoformat()}-to-{chosen.period.last.isoformat()}.{extension}"


def audit_detail(chosen) -> str:
    return f"from={chosen.period.first} to={chosen.period.last} centre={chosen.centre_code or 'all'}"
