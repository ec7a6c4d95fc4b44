"""Public views of the self-report: start pages, one question a page, check answers, submit, receipt.

No account: the draft belongs to the browser session that started it (see `services`). Every
POST is checked against the honeypot and the rate limit before anything is stored.
"""

from flask import abort, current_app, make_response, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from werkzeug.exceptions import RequestEntityTooLarge

from .. import audit
from ..access import public
from ..body_limits import body_limit
from ..check import codes as check_codes
from ..check import slips
from ..downloads import download
from ..extensions import db
from ..i18n import LANG_COOKIE, shipped_languages
from ..pages.views import ONE_YEAR
from ..referrals import services as referrals
from ..satisfaction import services as satisfaction
from ..security import ensure_csp_nonce
from . import bp, files, protection, services
from .flows import EASY_READ_FLOW, FLOWS, PLAIN_FLOW
from .journey import PageJourney, page_is_valid

FLOW_NAMES = "any(questions, 'easy-read')"


@bp.before_app_request
def _end_idle_session():
    """A report this browser has left alone for too long is closed here (a shared device), keeping any answers
    posted with the request that found it idle; the person is told what happened."""
    if request.endpoint == "static" or not services.session_went_idle(current_app.config["SELF_REPORT_IDLE_MINUTES"]):
        return None
    report = services.session_report()
    outcome = _keep_late_post(report) if request.method == "POST" and not protection.is_bot() else None
    services.end_session_report()
    flow = FLOWS.get((request.view_args or {}).get("flow"), PLAIN_FLOW)
    context = {"flow": flow, "outcome": outcome, "report": report, "start": start_url(flow)}
    return render_template("selfreport/session-ended.html", **context)


def _keep_late_post(report) -> str | None:
    """What became of a page posted after the session ended: "kept", "sent", or None (nothing to keep)."""
    chosen = FLOWS.get((request.view_args or {}).get("flow"))
    if report is None or report.submitted or chosen is None:
        return None
    journey = PageJourney(chosen, report)
    if request.endpoint == "selfreport.check_answers" and not journey.first_unfinished():
        services.submit(journey)  # the person pressed Send: the report goes, though this browser cannot open it
        return "sent"
    if request.endpoint == "selfreport.page" and _keep_late_answers(journey):
        return "kept"
    return None


def _keep_late_answers(journey) -> bool:
    """Save the answers of the page that was posted after the session ended, or hold them as typed."""
    page = journey.flow.page((request.view_args or {}).get("slug", ""))
    report = journey.report
    if page is None or page.takes_files or not journey.is_shown(page.slug):  # no files from a closed session
        return False
    form = journey.form(page.slug)
    if page_is_valid(form, page):
        services.save_page(journey, form)
    else:
        services.hold_answers(report, page.slug, request.form)
    return True


def page_url(flow, slug: str | None, change: bool = False) -> str:
    if slug is None:
        return url_for("selfreport.check_answers", flow=flow.name)
    return url_for("selfreport.page", flow=flow.name, slug=slug, change=1 if change else None)


def start_url(flow) -> str:
    return url_for("selfreport.easy_read_start" if flow.easy_read else "selfreport.start")


def _refused():
    """A bot-like submission: a polite refusal, and nothing stored."""
    audit.record("self_report_refused", detail="reason=honeypot")
    db.session.commit()
    return render_template("selfreport/refused.html"), 400


def _draft_journey(flow) -> PageJourney:
    """This session's draft in this flow, or a page saying it was not found (or the sent page)."""
    report = services.session_report()
    if report is None or services.session_flow_name() != flow.name:
        abort(make_response(render_template("selfreport/not-found.html", flow=flow, start=start_url(flow)), 404))
    if report.submitted:
        abort(redirect(url_for("selfreport.sent", flow=flow.name)))
    return PageJourney(flow, report)


@bp.get("/")
@public
def start():
    return _render_start(PLAIN_FLOW)


@bp.get("/easy-read")
@public
def easy_read_start():
    return _render_start(EASY_READ_FLOW)


def _render_start(flow, limited=None, status: int = 200):
    report = services.session_report()
    draft = report if report is not None and not report.submitted else None
    template = "selfreport/easy-read-start.html" if flow.easy_read else "selfreport/start.html"
    return render_template(template, flow=flow, draft=draft, limited=limited), status


@bp.post(f"/<{FLOW_NAMES}:flow>/start")
@public
def begin(flow: str):
    chosen = FLOWS[flow]
    if protection.is_bot():
        return _refused()
    limited = protection.check_rate("start")
    if limited:
        return _render_start(chosen, limited, 429)
    services.start_draft(chosen)
    return redirect(page_url(chosen, chosen.pages[0].slug))


@bp.get(f"/<{FLOW_NAMES}:flow>/continue")
@public
def resume(flow: str):
    journey = _draft_journey(FLOWS[flow])
    return redirect(page_url(journey.flow, journey.first_unfinished()))


def _page_body_kind(values: dict) -> str:
    """The page that takes files may be sent a report's files at once; every other page is a public form."""
    chosen = FLOWS.get(values.get("flow"))
    page = chosen.page(values.get("slug", "")) if chosen else None
    if page is not None and "recording" in page.fields:
        return "recording"  # an account recorded as video or sound (reporting/recordings/)
    return "self_report_evidence" if page is not None and page.takes_files else "public_form"


@bp.route(f"/<{FLOW_NAMES}:flow>/<slug>", methods=["GET", "POST"])
@body_limit(_page_body_kind)
@public
def page(flow: str, slug: str):
    chosen = FLOWS[flow]
    if chosen.page(slug) is None:
        abort(404)
    journey = _draft_journey(chosen)
    change = request.args.get("change") == "1"
    if not journey.is_shown(slug):
        return redirect(page_url(chosen, journey.first_unfinished(), change))
    if request.method == "GET":
        held = services.take_held_answers(journey.report, slug)  # typed before a change of language
        return _render_page(journey, journey.form(slug, formdata=held), change)
    if protection.is_bot():
        return _refused()
    form = journey.form(slug)
    if (language := request.form.get("switch_language")) in shipped_languages():
        services.keep_for_language_switch(journey, form, request.form)
        return _in_language(flow, slug, change, language)
    limited = protection.check_rate("answers") or _check_upload_rate(chosen.page(slug))
    if limited:
        return _render_page(journey, form, change, limited=limited, status=429)
    if not page_is_valid(form, chosen.page(slug)):
        return _render_page(journey, form, change)
    services.save_page(journey, form)
    return redirect(_after_save(journey, slug, change, stay=form.stays_on_page()))


def _in_language(flow: str, slug: str, change: bool, language: str):
    """The same page again in the language chosen in the menu (a button of the page's form, so nothing typed is
    lost), remembered as the menu's links remember it."""
    address = url_for("selfreport.page", flow=flow, slug=slug, change=1 if change else None, lang=language)
    response = redirect(address)
    response.set_cookie(LANG_COOKIE, language, max_age=ONE_YEAR, samesite="Lax", httponly=True)
    return response


def _check_upload_rate(page):
    """Each file sent counts against the upload limits, whether it is kept or refused."""
    sent = [upload for upload in request.files.getlist("files") if upload.filename] if page.takes_files else []
    return protection.check_rate("upload", cost=len(sent)) if sent else None


def _render_page(journey, form, change: bool, limited=None, status: int = 200):
    flow = journey.flow
    page = flow.page(form.page_slug)
    back = None if change else journey.previous(page.slug)
    back_url = page_url(flow, back) if back or change else start_url(flow)
    context = {"form": form, "page": page, "flow": flow, "back_url": back_url, "limited": limited}
    if page.takes_files:
        context.update(files.page_context(journey.report))
        return render_template("selfreport/files.html", **context), status
    return render_template("selfreport/page.html", **context), status


def _after_save(journey, slug: str, change: bool, stay: bool = False) -> str:
    if stay:  # files added or removed: the same page again, to add more or continue
        return page_url(journey.flow, slug, change)
    if change:
        return page_url(journey.flow, journey.first_unfinished(), change=True)
    return page_url(journey.flow, journey.next(slug))


@bp.errorhandler(RequestEntityTooLarge)
def files_too_large(error):
    """Files over the request limit: the files page again with a message (earlier files kept), not a bare error."""
    ensure_csp_nonce()
    args = request.view_args or {}
    chosen = FLOWS.get(args.get("flow"))
    page = chosen.page(args.get("slug", "")) if chosen else None
    report = services.session_report()
    if page is None or not page.takes_files or report is None or report.submitted:
        return render_template("errors/413.html", error=error), 413
    if services.session_flow_name() != chosen.name:
        return render_template("errors/413.html", error=error), 413
    journey = PageJourney(chosen, report)
    form = journey.form(page.slug, formdata=None)
    form.files.errors = [files.request_too_large_message()]
    return _render_page(journey, form, request.args.get("change") == "1", status=413)


@bp.route(f"/<{FLOW_NAMES}:flow>/check-answers", methods=["GET", "POST"])
@public
def check_answers(flow: str):
    journey = _draft_journey(FLOWS[flow])
    unfinished = journey.first_unfinished()
    if unfinished:
        return redirect(page_url(journey.flow, unfinished))
    form = FlaskForm()
    limited = None
    if request.method == "POST":
        if protection.is_bot():
            return _refused()
        limited = protection.check_rate("send")
        if not limited and form.validate_on_submit():
            services.submit(journey)
            return redirect(url_for("selfreport.sent", flow=flow))
    context = {"flow": journey.flow, "rows": journey.rows(), "limited": limited}
    back_url = page_url(journey.flow, journey.shown[-1])
    return render_template("selfreport/check-answers.html", back_url=back_url, **context), 429 if limited else 200


def _submitted_report():
    """The report this session submitted, or 404: never found by its reference alone."""
    report = services.session_report()
    if report is None or not report.submitted:
        abort(404)
    return report


@bp.get(f"/<{FLOW_NAMES}:flow>/sent")
@public
def sent(flow: str):
    report = _submitted_report()
    survey_open = satisfaction.may_answer_online(report) and satisfaction.immediate_survey_open(report)
    context = {"flow": FLOWS[flow], "survey_open": survey_open, "check_code": check_codes.shown_code(report.reference)}
    # Easy read to the end: the page after sending keeps the words and pictures of the flow.
    template = "selfreport/sent-easy-read.html" if FLOWS[flow].easy_read else "selfreport/sent.html"
    return render_template(template, report=report, **context)


def _shown_code(report) -> str:
    code = check_codes.shown_code(report.reference)
    if code is None:
        abort(404)
    return code


@bp.get("/check-code")
@public
def check_code_slip():
    """The follow-up slip to print, while this browser still holds the code."""
    report = _submitted_report()
    back_url = url_for("selfreport.sent", flow=services.session_flow_name() or PLAIN_FLOW.name)
    return render_template("check/slip.html", back_url=back_url, **slips.slip_context(report, _shown_code(report)))


@bp.get("/check-code.pdf")
@public
def check_code_slip_pdf():
    report = _submitted_report()
    document = slips.slip_document(report, _shown_code(report))
    return download(document.content, document.filename, "application/pdf")


@bp.get("/receipt")
@public
def receipt():
    report = _submitted_report()
    link = satisfaction.follow_up_link(report)
    db.session.commit()
    easy_read = services.session_flow_name() == EASY_READ_FLOW.name
    template = "selfreport/receipt-easy-read.html" if easy_read else "selfreport/receipt.html"
    return render_template(template, report=report, link=link, flow=EASY_READ_FLOW if easy_read else PLAIN_FLOW)


@bp.get("/receipt.pdf")
@public
def receipt_pdf():
    report = _submitted_report()
    document = referrals.receipt_document(report, easy_read=services.session_flow_name() == EASY_READ_FLOW.name)
    return download(document.content, document.filename, "application/pdf")
