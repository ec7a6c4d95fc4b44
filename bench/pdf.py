"""PDFs: a police referral and the review pack rendered in the running app, against bare WeasyPrint.

The baseline is WeasyPrint alone turning the very same HTML (and print stylesheet) into a PDF in
this process, warm; the app's figure adds everything a centre lead's download does: the request,
the session, the database, the redaction for consent, the template and the audit entry.
"""

from sqlalchemy import select
from weasyprint import CSS, HTML

from reporting import pdf_process, pdf_renderer
from reporting.demo.generator import DEMO_PASSWORD
from reporting.domain.periods import last_complete_months
from reporting.domain.ukdates import now_utc, uk_date
from reporting.extensions import db
from reporting.models import Centre, Referral, Report
from reporting.referrals.services import referral_html

from .client import Browser
from .figures import Figure, Target, paired_median_seconds

CENTRE_LEAD = "centre.lead@demo.example"
LEAD_CENTRE = "sale-library"
PARTNERSHIP = "partnership@demo.example"


def bare_render(html: str) -> bytes:
    document = HTML(string=html, base_url=str(pdf_renderer.DOCUMENTS_DIR))
    stylesheet = CSS(filename=str(pdf_renderer.PRINT_STYLESHEET))
    return document.write_pdf(stylesheets=[stylesheet], pdf_variant=pdf_renderer.PDF_VARIANT)


def _police_referral(app) -> tuple[str, int, str]:
    """A police referral of a report made at the centre lead's centre, and its HTML as the app builds it."""
    with app.app_context():
        referral = db.session.scalar(
            select(Referral)
            .join(Report, Referral.report_id == Report.id)
            .join(Centre, Report.centre_id == Centre.id)
            .where(Centre.code == LEAD_CENTRE, Referral.recipient == "police", Report.police_consent == "named")
            .order_by(Referral.id.desc())
            .limit(1)
        )
        if referral is None:
            raise RuntimeError("the demo data has no police referral to render")
        with app.test_request_context():
            html = referral_html(referral)
        return referral.report.reference, referral.id, html


def _pack_html(app, period) -> str:
    """The review pack's HTML as the app builds it, caught on its way to WeasyPrint."""
    from reporting.review.figures import pack

    captured: list[str] = []
    with app.test_request_context():
        real = pack.html_to_pdf
        pack.html_to_pdf = captured.append
        try:
            pack.render_pack(db.session, period, None, uk_date(now_utc()))
        finally:
            pack.html_to_pdf = real
    return captured[0]


def measure(server, app, settings, label: str) -> list[Figure]:
    reference, referral_id, html = _police_referral(app)
    lead = Browser(server.base_url)
    lead.sign_in(CENTRE_LEAD, DEMO_PASSWORD)
    path = f"/reports/{reference}/referrals/{referral_id}/download"
    for _ in range(2):
        answer = lead.get(path)
        if answer.status != 200 or not answer.body.startswith("%PDF"):
            raise RuntimeError(f"the referral download answered {answer.status}")
    bare_render(html)
    app_s, bare_s = paired_median_seconds(settings.page_runs, lambda: lead.get(path), lambda: bare_render(html))
    lead.close()

    period = last_complete_months(uk_date(now_utc()))
    unit = Browser(server.base_url)
    unit.sign_in(PARTNERSHIP, DEMO_PASSWORD)
    pack_path = f"/review/review-pack.pdf?date_from={period.first:%Y-%m}&date_to={period.last:%Y-%m}"
    pack_html = _pack_html(app, period)
    answers = []
    pack_s, pack_bare_s = paired_median_seconds(
        settings.runs, lambda: answers.append(unit.get(pack_path)), lambda: bare_render(pack_html)
    )
    unit.close()
    if any(answer.status != 200 or not answer.body.startswith("%PDF") for answer in answers):
        raise RuntimeError(f"the review pack answered {[answer.status for answer in answers]}")
    ms = 1000
    return [
        Figure(f"police referral PDF in the app ({label})", app_s * ms, "ms",
               "bare WeasyPrint render of the same HTML", bare_s * ms, Target("ratio", "<=", 1.5)),
        Figure(f"review pack PDF, all centres ({label})", pack_s, "s",
               "bare WeasyPrint render of the pack's HTML", pack_bare_s, Target("value", "<=", 3)),
        render_memory_figure(pack_html, label),
    ]  # fmt: skip


def memory_figure(server, baseline_mb: float, label: str) -> Figure:
    return Figure(f"worker peak memory ({label})", server.worker_peak_mb(), "MB",
                  "worker after start-up and /hello", baseline_mb, Target("value", "<=", 150))  # fmt: skip


def render_memory_figure(pack_html: str, label: str) -> Figure:
    """The peak memory of the process that renders the review pack, against one rendering a one-line document.

    Rendered through the product's own `pdf_process`, from this process: its fork server is a fresh
    interpreter that imports only the renderer, the same in this process as in a web worker."""
    one_line = pdf_process.render_measured('<html lang="en"><title>PDF</title><p>PDF</p></html>')
    pack = pdf_process.render_measured(pack_html)
    if not pack.pdf.startswith(b"%PDF") or not pack.peak_kb or not one_line.peak_kb:
        raise RuntimeError("the render process gave no PDF or no peak memory")
    return Figure(f"PDF render process peak memory, review pack ({label})", pack.peak_kb / 1024, "MB",
                  "render process of a one-line document", one_line.peak_kb / 1024,
                  Target("value", "<=", 150))  # fmt: skip
