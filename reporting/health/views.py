"""Health check for load balancers and operators: 200 when the database answers, else 503.

It answers over plain HTTP too, even in production (no redirect to HTTPS), wherever it is probed from inside.
"""

import logging

from flask import jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from ..access import public
from ..extensions import csrf, db, limiter, talisman
from . import bp

log = logging.getLogger(__name__)


def database_status() -> str:
    try:
        db.session.execute(text("SELECT 1"))
        return "ok"
    except SQLAlchemyError as error:
        log.warning("health check: database unreachable (%s)", type(error).__name__)
        db.session.rollback()
        return "unavailable"


@bp.get("/healthz")
@talisman(force_https=False)  # a load balancer probes over plain HTTP from inside: answer, do not redirect
@limiter.exempt
@csrf.exempt
@public
def healthz():
    status = database_status()
    healthy = status == "ok"
    body = {"status": "ok" if healthy else "unavailable", "database": status}
    return jsonify(body), 200 if healthy else 503
