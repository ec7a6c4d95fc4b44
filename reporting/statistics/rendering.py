"""The public page's figures and the open data, drawn once per worker for each publication and language.

Published figures change only when the unit publishes, so each worker keeps what it last drew, keyed by
the database, a stamp of what is published (`services.publication_stamp`, read on every request), the
areas' names and the language. Nothing here is state another worker needs: each draws its own, and a
new publication or a renamed area changes the key at once on every worker.
"""

from functools import lru_cache

from flask import current_app, render_template
from markupsafe import Markup

from ..extensions import db
from ..i18n import current_language
from . import presentation, services

DRAWN = 32  # pages kept per worker: a few publications in every shipped language


def _database() -> str:
    return str(current_app.config["SQLALCHEMY_DATABASE_URI"])


def figures_section() -> tuple[bool, Markup]:
    """(whether anything is published, the page's figures drawn in the reader's language)."""
    areas = presentation.area_names(db.session)
    stamp = services.publication_stamp(db.session)
    return stamp[0] > 0, _figures_section(_database(), stamp, tuple(sorted(areas.items())), current_language())


@lru_cache(maxsize=DRAWN)
def _figures_section(database: str, stamp: tuple, areas: tuple, language: str) -> Markup:
    releases = services.published_quarters(db.session)
    history = services.history(db.session, [release.quarter for release in releases])
    page = presentation.build_page(releases, history, dict(areas))
    return Markup(render_template("statistics/published-figures-section.html", page=page))


def open_data() -> str:
    areas = presentation.area_names(db.session)
    return _open_data(_database(), services.publication_stamp(db.session), tuple(sorted(areas.items())))


@lru_cache(maxsize=4)
def _open_data(database: str, stamp: tuple, areas: tuple) -> str:
    return presentation.open_data_csv(services.published_quarters(db.session, count=None), dict(areas))
