"""What every page that refuses someone for going too fast (429) can show: how long to wait, and other ways
to report (the active centres with their addresses, and the support services configured).

Templates reach these through two globals, `ways_to_report_elsewhere()` (used by the
`components/other-ways-to-report.html` macro) and `minutes_until_retry()`; views need not pass anything.
"""

import math
import time
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from .extensions import db, limiter
from .models import Centre


@dataclass(frozen=True)
class OtherWays:
    centres: list[Centre]
    organisations: list[dict]


def ways_to_report_elsewhere() -> OtherWays:
    """The active centres listed publicly, by name, and the support services (`SUPPORT_ORGANISATIONS`)."""
    query = (
        select(Centre)
        .where(Centre.active.is_(True), Centre.listed_publicly.is_(True))
        .options(selectinload(Centre.hours))
        .order_by(Centre.name)
    )
    centres = list(db.session.scalars(query))
    return OtherWays(centres=centres, organisations=list(current_app.config.get("SUPPORT_ORGANISATIONS") or ()))


def minutes_until_retry() -> int:
    """Whole minutes until the limit Flask-Limiter refused this request for lets it through again (at least 1)."""
    breached = limiter.current_limit
    if breached is None:
        return 1
    return max(1, math.ceil((breached.window.reset_time - time.time()) / 60))
