"""Views for the public information pages and the language menu."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from flask import abort, current_app, redirect, render_template, request

from ..access import public
from ..i18n import LANG_COOKIE, shipped_languages
from ..security import safe_next
from ..selfreport import services as self_reports
from . import bp

ONE_YEAR = 60 * 60 * 24 * 365


@bp.get("/")
@public
def start():
    return render_template("pages/start.html")


@bp.get("/accessibility")
@public
def accessibility():
    return render_template("pages/accessibility.html")


@bp.get("/privacy")
@public
def privacy():
    return render_template("pages/privacy.html")


@bp.get("/exit")
@public
def exit_this_page():
    """"Exit this page" (the button, or Shift three times): this browser is cut off from its report, draft or
    sent, and its session cookie cleared, before the person is sent to the neutral page. A plain link, so it
    works without JavaScript."""
    self_reports.end_session_report()
    response = redirect(current_app.config["EXIT_PAGE_URL"])
    # Browsers that support it also drop this site's cached pages, so Back shows nothing that was left.
    response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response


def with_language(target: str, code: str) -> str:
    """`target` with its `lang` parameter (if any) set to `code`, so the chosen language wins over a shared link's."""
    parts = urlsplit(target)
    query = [(name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True) if name != "lang"]
    if len(query) != len(parse_qsl(parts.query, keep_blank_values=True)):
        query.append(("lang", code))
    return urlunsplit(parts._replace(query=urlencode(query)))


@bp.get("/language/<code>")
@public
def choose_language(code: str):
    if code not in shipped_languages():
        abort(404)
    response = redirect(with_language(safe_next(request.args.get("next")), code))
    response.set_cookie(LANG_COOKIE, code, max_age=ONE_YEAR, samesite="Lax", httponly=True)
    return response
