"""The app as the benchmark serves it: the product, plus two baselines on the same server.

`/hello` answers a constant text and `/bare` inserts one fixed row with SQLAlchemy Core and
commits, both through the same app, middleware and workers as the product's pages, so that the
product's figures can be read as a share of what the same server does with almost no work.
They exist only here, never in the product.

    gunicorn -w 2 'bench.app:create_bench_app()'
"""

from datetime import UTC, datetime

from flask import Blueprint, Flask
from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, insert

from reporting import create_app

BARE_METADATA = MetaData()
BARE_ROWS = Table(
    "bench_bare_rows",
    BARE_METADATA,
    Column("id", Integer, primary_key=True),
    Column("label", String(40), nullable=False),
    Column("created_at", DateTime, nullable=False),
)
FIXED_ROW = {"label": "bench", "created_at": datetime(2026, 1, 1, tzinfo=UTC).replace(tzinfo=None)}


def baselines() -> Blueprint:
    """The two baseline endpoints (imported late: the app's modules are loaded by `create_app`)."""
    from reporting.access import public
    from reporting.extensions import csrf, db

    blueprint = Blueprint("bench_baselines", __name__)

    @blueprint.get("/hello")
    @public
    def hello():
        return "Hello", 200, {"Content-Type": "text/plain; charset=utf-8"}

    @blueprint.post("/bare")
    @public
    @csrf.exempt
    def bare():
        db.session.execute(insert(BARE_ROWS).values(**FIXED_ROW))
        db.session.commit()
        return "", 204

    return blueprint


def create_bench_table(engine) -> None:
    """The table `/bare` writes to; made by the benchmark before the server starts."""
    BARE_METADATA.create_all(engine)


def create_bench_app(config: dict | None = None) -> Flask:
    app = create_app(config)
    app.register_blueprint(baselines())
    return app
