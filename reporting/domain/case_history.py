"""A case's history as staff see it: entries of every kind (messages, notes, status changes, referrals, …), in
time order with who and when. The web layer gathers and words the entries (reporting/cases/history.py); this
module says what an entry holds and how entries are ordered.
"""

from dataclasses import dataclass
from datetime import datetime

# Who an entry is marked as coming from or going to, beside the staff member who did it.
TO_PERSON, FROM_PERSON, STAFF_ONLY = "to_person", "from_person", "staff_only"


@dataclass(frozen=True)
class Entry:
    kind: str  # what happened: "message", "note", "status", "referral", "erasure", … (a class name for the page)
    when: datetime | None
    title: str  # what happened, worded for the reader
    who: str | None = None  # the staff member, "The person", or None when no one is known
    text: str | None = None  # the words written (a message, a note), shown as written
    marked: str | None = None  # TO_PERSON, FROM_PERSON or STAFF_ONLY
    highlighted: bool = False  # new to the centre: added by the person and not yet read, or needing action
    detail: str | None = None  # a line under the title (an email notice, a crime reference, …)
    link: tuple[str, str] | None = None  # (words, address), such as an evidence file to download


def in_time_order(entries) -> list[Entry]:
    """Oldest first; entries of unknown time last; entries of the same time keep the order they were given in."""
    listed = list(entries)
    return sorted(listed, key=lambda entry: (entry.when is None, entry.when or datetime.min))
