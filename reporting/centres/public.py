"""Public pages of the centres: "Find a reporting centre" (`/centres`, searched by postcode or area) and each
centre's own page (`/centres/<code>`). Only active centres listed publicly, and only their public fields.

Nothing a visitor searches for is stored, and the request lines the app's servers log (Werkzeug's under
`flask run`, gunicorn's access log) have the query string of a search masked, so no log records the postcode
searched. Every page is sent with `Cache-Control: no-store` (reporting/security.py), so a shared device keeps
no search.
"""

import logging

from flask import Blueprint, abort, current_app, render_template, request
from markupsafe import Markup, escape

from ..access import public
from ..i18n import current_language
from . import finding
from .forms import CentreSearchForm

bp = Blueprint("public_centres", __name__)

MASKED = "?[search not logged]"


def masked(line: str) -> str:
    """A request line with its query string masked if it carries a postcode: the search itself, or a link back to
    it (the language menu's `next=`), written plainly or URL-encoded."""
    start = line.find("?")
    if start < 0 or "postcode" not in line[start:].lower():
        return line
    end = line.rfind(" HTTP/")
    return line[:start] + MASKED + (line[end:] if end > start else "")


def _masked_atom(value):
    """One value of gunicorn's access log: the request line, or the query string on its own (`q`)."""
    if not isinstance(value, str) or "postcode" not in value.lower():
        return value
    return masked(value) if "?" in value else MASKED[1:]


class MaskSearches(logging.Filter):
    """Masks the query string of any logged request line that carries a postcode: Werkzeug's request log (its
    arguments a tuple) and gunicorn's access log (a dict of its atoms)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(masked(arg) if isinstance(arg, str) else arg for arg in record.args)
        elif isinstance(record.args, dict):  # changed in place: gunicorn's own mapping answers missing atoms
            for name, value in list(record.args.items()):
                record.args[name] = _masked_atom(value)
        if isinstance(record.msg, str):
            record.msg = masked(record.msg)
        return True


REQUEST_LOGS = ("werkzeug", "gunicorn.access")


def mask_searches_in_request_logs(state=None) -> None:
    """Add the filter to the servers' request logs once a process, however many apps are made."""
    for name in REQUEST_LOGS:
        server_log = logging.getLogger(name)
        if not any(isinstance(existing, MaskSearches) for existing in server_log.filters):
            server_log.addFilter(MaskSearches())


bp.record_once(mask_searches_in_request_logs)


# The search forms' HTML by (language, areas offered, area chosen, whether a postcode was typed): a few hundred. The
# postcode typed is never part of a key nor of what is kept: it is drawn as a stand-in, put in on the way out.
SEARCH_FORMS = "centre_search_forms"
TYPED = "\x00postcode\x00"


def search_forms(form: CentreSearchForm) -> Markup:
    """The two search forms, drawn once per language and area, with the postcode typed put in; drawn afresh when
    the visitor's search has something to explain."""
    if form.errors:
        return Markup(render_template("centres/search-forms.html", form=form))
    typed = form.postcode.data or ""
    areas = tuple((str(code), str(name)) for code, name in form.area.choices[1:])  # an import changes the list
    key = (current_language(), areas, form.area.data or "", bool(typed))
    kept = current_app.extensions.setdefault(SEARCH_FORMS, {})
    if key not in kept:
        form.postcode.data = TYPED if typed else ""
        kept[key] = render_template("centres/search-forms.html", form=form)
        form.postcode.data = typed
    return Markup(kept[key].replace(TYPED, str(escape(typed))))


@bp.get("/centres")
@public
def find():
    form = CentreSearchForm(request.args, finding.areas_to_choose())
    search = form.search()
    if search == "postcode":
        listing = finding.find_centres(district=form.postcode.district)
    elif search == "area":
        listing = finding.find_centres(area=finding.area_named(form.area.data))
    else:
        listing = finding.find_centres()
    context = {"form": form, "listing": listing, "searched": search, "search_forms": search_forms(form)}
    return render_template("centres/find.html", **context)


@bp.get("/centres/<code>")
@public
def centre(code: str):
    found = finding.public_centre(code)
    if found is None:
        abort(404)
    return render_template("centres/centre.html", shown=finding.show_centre(found))
