"""How long something has waited, in whole days and hours: the self-report queue says it in words."""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Waited:
    days: int
    hours: int


def time_waited(since: datetime, now: datetime) -> Waited:
    """Whole days and the whole hours left over from `since` to `now` (nothing for a time in the future)."""
    seconds = max(0, int((now - since).total_seconds()))
    days, rest = divmod(seconds, 86_400)
    return Waited(days=days, hours=rest // 3_600)
