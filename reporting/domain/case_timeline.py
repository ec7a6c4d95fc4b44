"""Where a report stands, as the person who made it sees it: a timeline of plain events, oldest first.

Built from the report's own facts (when it was received, the centre that has it, referrals, closing), never
from staff names or notes. The web layer words each event in the person's language.
"""

from dataclasses import dataclass
from datetime import datetime

RECEIVED = "received"  # the report arrived (made online, or at a centre)
GIVEN_TO_CENTRE = "given_to_centre"  # a report made online was given to a centre to follow up
ACKNOWLEDGED = "acknowledged"  # the centre (or the unit) acknowledged the case
REFERRED = "referred"  # passed to the police or a support service
CLOSED = "closed"


@dataclass(frozen=True)
class Event:
    kind: str
    when: datetime | None
    centre: str | None = None  # the centre's name, for "received at" and "given to"
    recipient: str | None = None  # "police" or "support", for a referral
    organisation: str | None = None  # the support service's name
    crime_reference: str | None = None  # the police's crime reference, once known
    outcomes: tuple[str, ...] = ()  # for "closed": the outcome codes recorded (domain/outcomes.py)


def timeline(report) -> list[Event]:
    """The events of a submitted report, oldest first (events of unknown time keep their place)."""
    made_at = getattr(report.centre, "name", None) if report.channel == "assisted" else None
    events = [Event(RECEIVED, report.reported_at, centre=made_at)]
    if report.assigned_centre is not None:
        events.append(Event(GIVEN_TO_CENTRE, report.assigned_at, centre=report.assigned_centre.name))
    if report.acknowledged_at is not None:
        events.append(Event(ACKNOWLEDGED, report.acknowledged_at))
    for referral in report.referrals:
        events.append(
            Event(
                REFERRED,
                referral.sent_at,
                recipient=referral.recipient,
                organisation=referral.organisation if referral.recipient == "support" else None,
                crime_reference=referral.crime_reference if referral.recipient == "police" else None,
            )
        )
    if report.status == "closed":
        codes = tuple(row.code for row in getattr(report, "outcome_rows", None) or ())
        events.append(Event(CLOSED, report.closed_at, outcomes=codes))
    first = events[0]
    rest = sorted(events[1:], key=lambda event: (event.when is None, event.when or first.when))
    return [first, *rest]


def current_step(events: list[Event]) -> str:
    """The latest event's kind: what the person is told first ("Your report is with the police")."""
    return events[-1].kind if events else RECEIVED
