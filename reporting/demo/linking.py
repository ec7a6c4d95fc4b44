"""Linking the demo data's repeat victims: their reports are fingerprinted and suggested as the app does on import,
then most suggestions are confirmed (as a centre would have) and the rest left for staff to decide, and one
person's reports are put in a series."""

from sqlalchemy import select

from ..extensions import db
from ..links import services
from ..links.models import CONFIRMED, SUGGESTED, ReportLink

LEFT_PENDING = 4  # every fourth suggestion waits for staff


def link_repeat_victims(records: list[dict]) -> int:
    """Suggest, then confirm three in four suggestions; returns how many links were confirmed."""
    services.add_records(records)
    pending = db.session.scalars(select(ReportLink).where(ReportLink.status == SUGGESTED).order_by(ReportLink.id))
    confirmed = [link for index, link in enumerate(pending.all()) if index % LEFT_PENDING]
    for link in confirmed:
        services.decide(link, CONFIRMED, None)
    return len(confirmed)
