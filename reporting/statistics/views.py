"""The published statistics: the public page and its open data, and the unit's page to publish a quarter."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..access import public, role_required
from ..domain.quarters import Quarter
from ..domain.ukdates import uk_today
from ..downloads import download
from ..extensions import db
from ..forms import options
from . import PUBLISHER_ROLES, bp, presentation, rendering, services
from .forms import PublishForm

OPEN_DATA_FILE = "hate-incident-statistics.csv"


@bp.get("/statistics")
@public
def published_figures():
    published, figures = rendering.figures_section()
    return render_template("statistics/published-figures.html", published=published, figures=figures)


@bp.get("/statistics.csv")
@public
def open_data():
    return download(rendering.open_data(), OPEN_DATA_FILE, "text/csv")


@bp.route("/review/statistics", methods=["GET", "POST"])
@role_required(*PUBLISHER_ROLES)
def publishing():
    today = uk_today()
    states = services.quarter_states(db.session, today)
    form = PublishForm()
    form.quarter.choices = options(
        (str(state.quarter), presentation.quarter_name(str(state.quarter))) for state in states
    )
    if form.validate_on_submit():
        if _publish(Quarter.parse(form.quarter.data), today):
            return redirect(url_for("statistics.publishing"))
    status = 400 if form.errors else 200
    names = {str(state.quarter): presentation.quarter_name(str(state.quarter)) for state in states}
    notes = {str(state.quarter): presentation.revision_notes(state.releases) for state in states}
    page = render_template("statistics/publishing.html", form=form, states=states, quarter_names=names, notes=notes)
    return page, status


def _publish(quarter: Quarter, today) -> bool:
    """Publish `quarter`, saying what happened; False (with the form's error) when it cannot be published."""
    name = presentation.quarter_name(str(quarter))
    try:
        release = services.publish(db.session, quarter, current_user, today)
    except services.NothingChanged:
        flash(_("The figures for %(quarter)s have not changed since they were published, so nothing was "
                "published again.", quarter=name), "info")  # fmt: skip
        return True
    except services.PublishedMeanwhile:
        db.session.rollback()
        flash(_("Someone else published %(quarter)s at the same moment. Check the figures below.", quarter=name))
        return True
    db.session.commit()
    message = (
        _("The figures for %(quarter)s are published.", quarter=name)
        if release.revision == 1
        else _("The figures for %(quarter)s are published again, with a revision note.", quarter=name)
    )
    flash(message, "success")
    return True
