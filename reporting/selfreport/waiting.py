"""How long a self-report has waited for a centre, in words ("2 days and 3 hours"), in the reader's language."""

from datetime import datetime

from flask_babel import gettext as _
from flask_babel import ngettext

from ..domain.waiting import time_waited


def waited_in_words(since: datetime | None, now: datetime) -> str:
    """In words: "Less than an hour", "5 hours", "1 day" or "2 days and 3 hours"."""
    if since is None:
        return ""
    waited = time_waited(since, now)
    days = ngettext("%(num)d day", "%(num)d days", waited.days)
    hours = ngettext("%(num)d hour", "%(num)d hours", waited.hours)
    if waited.days and waited.hours:
        return _("%(days)s and %(hours)s", days=days, hours=hours)
    if waited.days:
        return days
    return hours if waited.hours else _("Less than an hour")
