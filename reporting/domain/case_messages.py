"""The conversation between a centre and the person who reported, and the person's changes of mind: the rules.

A case message goes one way: from the centre to the person (a message), or from the person to the centre (a reply,
information or evidence added later, contact details given, police consent changed, erasure asked for or
cancelled). What the person sends is highlighted to the centre until someone working the case has read it.

The rules here decide when the person may change their police consent, when an email notice may go to them,
and when an erasure they asked for falls due. They do not import Flask.
"""

from datetime import datetime, timedelta

TO_PERSON, FROM_PERSON = "to_person", "from_person"
DIRECTIONS = (TO_PERSON, FROM_PERSON)

MESSAGE = "message"  # words from the centre, or the person's reply
INFORMATION = "information"  # something the person adds to their report later
EVIDENCE = "evidence"  # a file the person adds later (with words about it, if they wish)
CONTACT = "contact"  # the person agreed to be contacted and gave their details
CONSENT = "consent"  # the person changed their police consent (`detail` is the new consent)
ERASURE = "erasure"  # the person asked for their details to be erased, or cancelled it (`detail`)
KINDS = (MESSAGE, INFORMATION, EVIDENCE, CONTACT, CONSENT, ERASURE)
TEXT_MAX = 5_000

ERASURE_ASKED, ERASURE_CANCELLED = "asked", "cancelled"

POLICE_CONSENTS = ("named", "anonymous", "none")

# Why no email notice goes out with a message (none of them means it goes).
NOT_SET_UP = "not_set_up"  # the service has no mail settings
NOT_NAMED = "not_named"  # the person stayed anonymous: no contact details
NO_EMAIL = "no_email"  # no email address was given
NOT_BY_EMAIL = "not_by_email"  # email is not the way the person asked to be contacted
NOT_SAFE = "not_safe"  # it is not (known to be) safe to leave the person a message
EMAIL_METHOD = "email"


def is_named(police_consent: str | None, contact) -> bool:
    """The person gave their name to share, or contact details to be reached by."""
    return police_consent == "named" or _has_details(contact)


def _has_details(contact) -> bool:
    return contact is not None and any(getattr(contact, name, None) for name in ("name", "phone", "email", "address"))


def email_notice_blocked(mail_set_up: bool, police_consent: str | None, contact) -> str | None:
    """Why no email notice may be sent to this person (one of the reasons above), or None when it may.

    A notice goes only to a named person who asked to be contacted by email, with an address, and who said it is
    safe to leave them a message: an email someone else may read must never surprise them."""
    if not mail_set_up:
        return NOT_SET_UP
    if not is_named(police_consent, contact):
        return NOT_NAMED
    if not getattr(contact, "email", None):
        return NO_EMAIL
    if getattr(contact, "preferred_method", None) != EMAIL_METHOD:
        return NOT_BY_EMAIL
    if getattr(contact, "safe_to_leave_message", None) is not True:
        return NOT_SAFE
    return None


def police_referred(referrals) -> bool:
    return any(referral.recipient == "police" for referral in referrals)


def consent_choices(current: str | None, referrals) -> tuple[str, ...]:
    """The police consents the person may change to: any other than their current one, until a police referral
    has been made (after it, changing what the police were given is for the centre to discuss with them)."""
    if police_referred(referrals):
        return ()
    return tuple(consent for consent in POLICE_CONSENTS if consent != current)


def erase_after(asked_at: datetime, cooling_off_days: int) -> datetime:
    """When an erasure the person asked for takes effect, unless they cancel it before."""
    return asked_at + timedelta(days=cooling_off_days)


def is_due(erase_at: datetime, now: datetime) -> bool:
    return erase_at <= now
