"""The referral document: what a police or support referral says about a report, already redacted for consent.

Plain functions over report-like objects (the attributes of `models.Report` and its `contact`,
`centre`, `area` and `evidence_files`), with no Flask, so the document can be tested alone. Every attribute
may be None. A police referral carries the evidence the person's consent allows: images as pages at the end
of the document, other files listed to be sent with it (`Attachment`). The text is English: referrals go to
UK agencies in English whatever language the person used, and say which language that was.
What consent allows is decided by `redaction.py`.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from babel import Locale, UnknownLocaleError

from .centres import english_hours
from .recordings import held_for_referral
from .redaction import (
    NOT_GIVEN,
    check_police_referral,
    check_support_referral,
    evidence_for,
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

SAFEGUARDING = {
    "yes": "Yes: the reporting centre will make an adult safeguarding referral to the council",
    "already": "A safeguarding referral has already been made, or adult social care already know",
    "no": "No: the reporting centre judged that a safeguarding referral is not needed",
}

# Evidence files as the app stores them (intake/evidence.py): photos and screenshots become JPEG or PNG,
# and a police referral shows those as pages; anything else (a PDF) is sent with the referral.
IMAGE_TYPES = ("image/jpeg", "image/png")
FILE_KINDS = {
    "image/jpeg": "Photo or image (JPEG)",
    "image/png": "Image or screenshot (PNG)",
    "application/pdf": "PDF document",
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
class Attachment:
    """An evidence file a police referral carries: an image shown as a page at the end of the document
    (`as_page`), or another file sent with it, which the police match by its SHA-256."""

    number: int
    file_id: int
    title: str
    caption: str
    as_page: bool
    sha256: str


@dataclass(frozen=True)
class ReferralContent:
    """What a referral document says, already redacted; the template only lays it out."""

    recipient: str
    title: str
    reference: str
    statement: str
    anonymous: bool
    sections: tuple[Section, ...]
    attachments: tuple[Attachment, ...] = ()


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


def witnesses_section(report, labels: Labels | None = None) -> Section:
    """Whether anyone else saw it and would give their details: coded answers that identify nobody."""
    willing = getattr(report, "witnesses_willing", None)
    return Section(
        "Witnesses",
        (
            _row("Anyone else saw it", _optional_label("witnesses", getattr(report, "witnesses", None), labels)),
            _row("Witnesses would give their details", _optional_label("yes_no_not_sure", willing, labels)),
        ),
    )


def online_section(report, anonymous: bool) -> Section:
    return Section(
        "Online abuse",
        (_row("Links to the posts or messages, and account names", free_text(report, "online_links", anonymous)),),
    )


def safeguarding_section(report) -> Section:
    answer = getattr(report, "safeguarding_referral", None)
    value = SAFEGUARDING.get(answer, answer) if answer else "Not asked"
    return Section("Safeguarding", (_row("Adult safeguarding referral", value),))


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


# ---------------------------------------------------------------- evidence


def size_text(size_bytes: int | None) -> str:
    """`245 KB`, `1.2 MB`."""
    size = size_bytes or 0
    if size < 1024 * 1024:
        return f"{max(1, -(-size // 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def evidence_title(number: int, item, anonymous: bool) -> str:
    """`Evidence 2: bus-stop.jpg`; an anonymous referral gives no file names, which often hold the person's name."""
    name = getattr(item, "original_name", None)
    return f"Evidence {number}" if anonymous or not name else f"Evidence {number}: {name}"


def _file_facts(item) -> str:
    kind = FILE_KINDS.get(getattr(item, "content_type", None), "File")
    added = uk_datetime_text(getattr(item, "uploaded_at", None))
    return f"{kind}, {size_text(getattr(item, 'size_bytes', None))}, added {added}"


def _is_image(item) -> bool:
    return getattr(item, "content_type", None) in IMAGE_TYPES


def _police_evidence_row(number: int, item, anonymous: bool) -> Row:
    if _is_image(item):
        where = f"Shown at the end of this document as Evidence {number}."
    else:
        where = f"Sent separately with this referral. SHA-256: {getattr(item, 'sha256', None) or NOT_KNOWN}."
    return Row(evidence_title(number, item, anonymous), f"{_file_facts(item)}. {where}")


def _support_evidence_row(number: int, item) -> Row:
    facts = f"{_file_facts(item)}. Kept by the reporting centre: ask them for a copy if it would help."
    return Row(evidence_title(number, item, anonymous=False), facts)


def _withheld_row(withheld: int, recordings_withheld: int = 0) -> tuple[Row, ...]:
    rows = []
    if withheld:
        files = "1 file was" if withheld == 1 else f"{withheld} files were"
        reason = "the person asked to stay anonymous and it could identify them"
        rows.append(Row("Withheld", f"{files} withheld: {reason}."))
    if recordings_withheld:
        rows.append(Row("Withheld", "The account the person recorded (video or voice) is not described or sent: the "
                                    "person asked to stay anonymous and a recording shows who they are."))  # fmt: skip
    return tuple(rows)


def _recording_rows(report, anonymous: bool, offer: str) -> tuple[tuple[Row, ...], int]:
    lines, withheld = held_for_referral(report, anonymous)
    return tuple(Row("Recorded account", f"{line}. {offer}") for line in lines), withheld


def evidence_section(rows: tuple[Row, ...], withheld: int = 0, recordings: tuple = ((), 0)) -> Section:
    recorded, recordings_withheld = recordings
    if not rows and not withheld and not recorded and not recordings_withheld:
        return Section("Evidence", (Row("Evidence files", "No evidence files were given."),))
    return Section("Evidence", (*rows, *recorded, *_withheld_row(withheld, recordings_withheld)))


def police_evidence(report, anonymous: bool) -> tuple[Section, tuple[Attachment, ...]]:
    """The police referral's list of evidence and what it carries: never a file marked as identifying, nor any
    file's name, when the person asked to stay anonymous."""
    files, withheld = evidence_for(report, anonymous)
    rows = tuple(_police_evidence_row(number, item, anonymous) for number, item in enumerate(files, 1))
    attachments = tuple(_attachment(number, len(files), item, anonymous) for number, item in enumerate(files, 1))
    recordings = _recording_rows(report, anonymous, "The centre can send a copy on request.")
    return evidence_section(rows, withheld, recordings), attachments


def _attachment(number: int, total: int, item, anonymous: bool) -> Attachment:
    sha256 = getattr(item, "sha256", None) or NOT_KNOWN
    if _is_image(item):
        caption = (
            f"Evidence {number} of {total}. {_file_facts(item)}. Given with the report and shown reduced to fit the "
            f"page; the reporting centre keeps the original file (SHA-256: {sha256})."
        )
    else:
        caption = f"Evidence {number} of {total}. {_file_facts(item)}. Sent separately with this referral."
    title = evidence_title(number, item, anonymous)
    return Attachment(number, getattr(item, "id", None), title, caption, _is_image(item), sha256)


def support_evidence(report) -> Section:
    files, _withheld = evidence_for(report, anonymous=False)
    recordings = _recording_rows(report, False, "Ask the centre if it would help to see it.")
    rows = tuple(_support_evidence_row(number, item) for number, item in enumerate(files, 1))
    return evidence_section(rows, recordings=recordings)


# ---------------------------------------------------------------- documents


def police_referral(report, service_name: str, labels: Labels | None = None) -> ReferralContent:
    """The police referral's content, redacted for the person's consent; refuses without consent."""
    check_police_referral(report)
    anonymous = is_anonymous(report)
    evidence, attachments = police_evidence(report, anonymous)
    sections = [
        centre_section(report, service_name),
        report_section(report),
        what_happened_section(report, anonymous),
        when_where_section(report, anonymous, labels),
        online_section(report, anonymous),
        responsible_section(report, anonymous),
        witnesses_section(report, labels),
        harm_section(report, anonymous, labels),
        safeguarding_section(report),
        evidence,
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
        attachments=attachments,
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
        online_section(report, anonymous=False),
        witnesses_section(report, labels),
        safeguarding_section(report),
        support_evidence(report),
    )
    return ReferralContent(
        recipient="support",
        title=f"Referral to {organisation}: {report.reference}",
        reference=report.reference,
        statement=SUPPORT_STATEMENT,
        anonymous=False,
        sections=sections,
    )
