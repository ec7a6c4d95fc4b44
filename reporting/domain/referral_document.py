"""The referral document: what a police or support referral says about a report, already redacted for consent.

Plain functions over report-like objects (the attributes of `models.Report` and its `contact`,
`centre` and `area`), with no Flask, so the document can be tested alone. Every attribute may be
None. The text is English: referrals go to UK agencies in English whatever language the person
used, and say which language that was. What consent allows is decided by `redaction.py`.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from babel import Locale, UnknownLocaleError

from .centres import english_hours
from .redaction import (
    NOT_GIVEN,
    check_police_referral,
    check_support_referral,
    free_text,
    is_anonymous,
    postcode_for,
)
from .ukdates import UK
from .vocabulary import vocabulary

NOT_KNOWN = "Not known"

ANONYMOUS_STATEMENT = (
    "The person asked to stay anonymous. This referral does not include their name, phone number, "
    "e-mail address or address; the postcode is given to district level only; and details that could "
    "identify them have been withheld. To pass a message to them, contact the reporting centre and "
    "quote the reference."
)
NAMED_STATEMENT = "The person agreed to share this report with the police, with their contact details."
SUPPORT_STATEMENT = "The person asked for support. Please contact them in the way and at the times they asked for."

POLICE_POSITION = {
    "named": "They agreed to share the report with the police, with their contact details.",
    "anonymous": "They agreed to share the report with the police only without their details. "
    "Do not pass their name or contact details to the police.",
    "none": "They did not agree to share the report with the police. Do not pass it or their details to the police.",
}

POLICE_WISH = {
    "named": "Agreed to share the report with the police, with their contact details",
    "anonymous": "Agreed to share the report with the police anonymously, without their details",
}

PERPETRATOR_KNOWN = {
    "yes": "Yes, known to the person",
    "no": "No, a stranger",
    "not_sure": "Not sure",
    "unknown": "Not sure",
}

# English labels for codes that are not in `data/vocabulary.json` (support kinds, communication needs,
# how the police may make contact), by kind then code; the caller passes them in.
Labels = Mapping[str, Mapping[str, str]]


@dataclass(frozen=True)
class Row:
    label: str
    value: str


@dataclass(frozen=True)
class Section:
    heading: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class ReferralContent:
    """What a referral document says, already redacted; the template only lays it out."""

    recipient: str
    title: str
    reference: str
    statement: str
    anonymous: bool
    sections: tuple[Section, ...]


# ---------------------------------------------------------------- labels and texts


def english_label(kind: str, code: str | None, labels: Labels | None = None) -> str:
    """The English label of a code; an unknown code is shown readably rather than dropped."""
    if not code:
        return NOT_GIVEN
    for known in (vocabulary().get(kind), (labels or {}).get(kind)):
        if isinstance(known, Mapping) and code in known:
            return str(known[code])
    return str(code).replace("_", " ").capitalize()


def _optional_label(kind: str, code: str | None, labels: Labels | None) -> str:
    return english_label(kind, code, labels) if code else NOT_GIVEN


def listed_labels(kind: str, codes, labels: Labels | None = None) -> str:
    """Labels of a list of codes, `; `-separated, for example the kinds of support asked for."""
    return "; ".join(english_label(kind, code, labels) for code in codes or ()) or NOT_GIVEN


def labelled_codes(kind: str, codes) -> str:
    """Labels with their codes, for example `Race, ethnicity or nationality (race)`."""
    items = [f"{english_label(kind, code)} ({code})" for code in codes or ()]
    return "; ".join(items) or NOT_GIVEN


def yes_no(value, yes: str = "Yes", no: str = "No", unknown: str = NOT_KNOWN) -> str:
    if value is None:
        return unknown
    return yes if value else no


def uk_datetime_text(moment: datetime | None) -> str:
    """`14 March 2026, 10:30 (UK time)`; naive values are taken as UTC, as the models store them."""
    if moment is None:
        return NOT_KNOWN
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(UK)
    return f"{local.day} {local:%B %Y, %H:%M} (UK time)"


def date_text(day, approximate: bool = False) -> str:
    if day is None:
        return NOT_KNOWN
    if approximate:
        return f"{day:%B %Y} (approximate: the exact date is not known)"
    return f"{day.day} {day:%B %Y}"


def language_text(tag: str | None) -> str:
    """`Urdu (ur)`: the English name of the language the person used, with its tag."""
    if not tag:
        return NOT_KNOWN
    try:
        name = Locale.parse(tag.replace("-", "_")).get_display_name("en")
    except (ValueError, TypeError, UnknownLocaleError):
        name = None
    return f"{name} ({tag})" if name else tag


def document_identifier(reference: str, kind: str, serial: int | str) -> str:
    """`HR-7K3M-Q9XC-P1`: report reference, P (police), S (support), R (receipt) or C (the "Check my report"
    slip), and a serial."""
    letter = {"police": "P", "support": "S", "receipt": "R", "slip": "C"}[kind]
    return f"{reference}-{letter}{serial}"


# ---------------------------------------------------------------- sections


def centre_hours_text(centre) -> str | None:
    """The centre's opening hours in English, with the note beside them."""
    hours = english_hours(getattr(centre, "openings", None) or [], getattr(centre, "closed_on_bank_holidays", True))
    note = getattr(centre, "hours_note", None)
    return "; ".join(part for part in (hours, note) if part) or None


def _row(label: str, value) -> Row:
    return Row(label, value if isinstance(value, str) and value else NOT_GIVEN)


def centre_section(report, service_name: str) -> Section:
    centre = getattr(report, "centre", None)
    if centre is None:
        return Section("Reporting centre", (Row("Reported through", f"Online self-report ({service_name})"),))
    return Section(
        "Reporting centre",
        (
            _row("Centre", getattr(centre, "name", None)),
            _row("Address", getattr(centre, "address", None)),
            _row("Phone", getattr(centre, "phone", None)),
            _row("Opening hours", centre_hours_text(centre)),
        ),
    )


def report_section(report) -> Section:
    channel = {"assisted": "At a reporting centre, with a volunteer", "self": "Self-report"}
    return Section(
        "The report",
        (
            _row("Reference", getattr(report, "reference", None)),
            _row("Reported", uk_datetime_text(getattr(report, "reported_at", None))),
            _row("How it was reported", channel.get(getattr(report, "channel", None), NOT_KNOWN)),
            _row("Who is reporting", english_label("reporter_roles", getattr(report, "reporter_role", None))),
        ),
    )


def what_happened_section(report, anonymous: bool) -> Section:
    return Section(
        "What happened",
        (
            _row("Incident types", labelled_codes("incident_types", getattr(report, "incident_types", None))),
            _row("Why they think it happened", labelled_codes("categories", getattr(report, "categories", None))),
            _row("Account of what happened", free_text(report, "description", anonymous)),
        ),
    )


def when_where_section(report, anonymous: bool, labels: Labels | None = None) -> Section:
    area = getattr(report, "area", None)
    return Section(
        "When and where",
        (
            _date_row(report),
            _row("Time of day", _optional_label("times_of_day", getattr(report, "occurred_time", None), labels)),
            _row("Still happening", yes_no(getattr(report, "ongoing", None))),
            _row("Kind of place", english_label("location_types", getattr(report, "location_type", None))),
            _row("Area", getattr(area, "name", None) if area is not None else NOT_KNOWN),
            _row("Postcode", postcode_for(report, anonymous)),
            _row("Description of the place", free_text(report, "location_description", anonymous)),
        ),
    )


def responsible_section(report, anonymous: bool) -> Section:
    known = getattr(report, "perpetrator_known", None)
    return Section(
        "The people responsible",
        (
            _row("Known to the person", PERPETRATOR_KNOWN.get(known, known or NOT_KNOWN)),
            _row("Description", free_text(report, "perpetrator_description", anonymous)),
        ),
    )


def harm_section(report, anonymous: bool, labels: Labels | None = None) -> Section:
    injured = getattr(report, "injured", None)
    return Section(
        "Harm",
        (
            _row("Anyone hurt", english_label("yes_no_not_sure", injured, labels) if injured else NOT_KNOWN),
            _row("Injuries or other harm", free_text(report, "injuries", anonymous)),
        ),
    )


def _date_row(report) -> Row:
    day = getattr(report, "occurred_on", None)
    return _row("Date", date_text(day, bool(getattr(report, "occurred_on_approximate", False))))


def access_rows(report, anonymous: bool, labels: Labels | None) -> tuple[Row, ...]:
    """The language used, and any interpreter, communication or access needs."""
    return (
        _row("Language the person used", language_text(getattr(report, "language", None))),
        _row(
            "Communication needs",
            listed_labels("communication_needs", getattr(report, "communication_needs", None), labels),
        ),
        _row("Interpreter language", getattr(report, "interpreter_language", None)),
        _row("Other access needs", free_text(report, "accessibility_needs", anonymous)),
    )


def wishes_section(report, anonymous: bool, labels: Labels | None = None) -> Section:
    consent = getattr(report, "police_consent", None)
    return Section(
        "What the person wants",
        (
            _row("Police", POLICE_WISH.get(consent, NOT_KNOWN)),
            _row("Support", yes_no(getattr(report, "support_wanted", None), "Wants support", "Does not want support")),
            _row("Kinds of support", listed_labels("support_kinds", getattr(report, "support_kinds", None), labels)),
        ),
    )


def language_section(report, anonymous: bool, labels: Labels | None = None) -> Section:
    return Section("Language and access needs", access_rows(report, anonymous, labels))


def contact_section(report, heading: str = "Contact details", extra: tuple[Row, ...] = ()) -> Section:
    contact = getattr(report, "contact", None)
    if contact is None:
        return Section(heading, (Row("Contact details", "The person gave no contact details."), *extra))
    return Section(
        heading,
        (
            _row("Name", getattr(contact, "name", None)),
            _row("Phone", getattr(contact, "phone", None)),
            _row("E-mail", getattr(contact, "email", None)),
            _row("Address", getattr(contact, "address", None)),
            _row("Preferred way to be contacted", _preferred_method(contact)),
            _row("Safe times to contact", getattr(contact, "safe_times", None)),
            _row("Message may be left", message_rule(getattr(contact, "safe_to_leave_message", None))),
            _row("Someone they trust, to contact them through", getattr(contact, "trusted_person", None)),
            *extra,
        ),
    )


def police_contact_rows(report, labels: Labels | None = None) -> tuple[Row, ...]:
    """How the person would accept contact from the police: only in a referral that names them."""
    contact = listed_labels("police_contact", getattr(report, "police_contact", None), labels)
    officer = getattr(report, "police_officer_sex", None)
    return (
        _row("Police contact they would accept", contact),
        _row("Officer", _optional_label("officer_sex", officer, labels)),
    )


def _preferred_method(contact) -> str:
    return english_label("contact_methods", getattr(contact, "preferred_method", None))


def message_rule(safe_to_leave_message: bool | None) -> str:
    """Whether a message may be left; when nobody asked, the safe answer is no."""
    if safe_to_leave_message is True:
        return "Yes, a message may be left"
    if safe_to_leave_message is False:
        return "No: do not leave a message"
    return "Not asked: do not leave a message"


# ---------------------------------------------------------------- documents


def police_referral(report, service_name: str, labels: Labels | None = None) -> ReferralContent:
    """The police referral's content, redacted for the person's consent; refuses without consent."""
    check_police_referral(report)
    anonymous = is_anonymous(report)
    sections = [
        centre_section(report, service_name),
        report_section(report),
        what_happened_section(report, anonymous),
        when_where_section(report, anonymous, labels),
        responsible_section(report, anonymous),
        harm_section(report, anonymous, labels),
        wishes_section(report, anonymous, labels),
        language_section(report, anonymous, labels),
    ]
    if not anonymous:
        sections.append(contact_section(report, extra=police_contact_rows(report, labels)))
    return ReferralContent(
        recipient="police",
        title=f"Hate incident referral to the police: {report.reference}",
        reference=report.reference,
        statement=ANONYMOUS_STATEMENT if anonymous else NAMED_STATEMENT,
        anonymous=anonymous,
        sections=tuple(sections),
    )


def support_referral(report, organisation: str, service_name: str, labels: Labels | None = None) -> ReferralContent:
    """The support referral's content: how to make contact safely, and what support is wanted."""
    check_support_referral(report)
    consent = getattr(report, "police_consent", None)
    sections = (
        contact_section(report, heading="How to contact the person safely"),
        Section(
            "Support asked for",
            (
                _row(
                    "Kinds of support", listed_labels("support_kinds", getattr(report, "support_kinds", None), labels)
                ),
                *access_rows(report, anonymous=False, labels=labels),
                _row("Police", POLICE_POSITION.get(consent, "Not recorded. Do not pass the report to the police.")),
            ),
        ),
        centre_section(report, service_name),
        report_section(report),
        Section(
            "What happened",
            (
                _date_row(report),
                _row("Incident types", labelled_codes("incident_types", getattr(report, "incident_types", None))),
                _row("Why they think it happened", labelled_codes("categories", getattr(report, "categories", None))),
                _row("Account of what happened", free_text(report, "description", anonymous=False)),
                _row("Injuries or other harm", free_text(report, "injuries", anonymous=False)),
            ),
        ),
    )
    return ReferralContent(
        recipient="support",
        title=f"Referral to {organisation}: {report.reference}",
        reference=report.reference,
        statement=SUPPORT_STATEMENT,
        anonymous=False,
        sections=sections,
    )
