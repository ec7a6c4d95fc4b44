"""Fingerprinting reports, suggesting links by index look-ups, and confirming links into people.

A report's fingerprints are (re)computed when it is submitted, imported or corrected, and when the person gives
contact details later. Suggestions come from looking the report's fingerprints up in the (kind, digest) index,
never from a scan. `LINKING_ENABLED = False` switches this off (the bench compares the submit with and without).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from sqlalchemy import and_, bindparam, delete, func, insert, or_, select, update
from sqlalchemy.orm import selectinload

from .. import audit
from ..crypto import keyring
from ..domain import fingerprints
from ..domain.fingerprints import Identity
from ..domain.statuses import DRAFT
from ..extensions import db
from ..models import ContactDetails, Report, utcnow
from .models import (
    CONFIRMED,
    REJECTED,
    SUGGESTED,
    EarlierReference,
    Person,
    ReportFingerprint,
    ReportLink,
    ReportPerson,
    Series,
    SeriesReport,
)

LOOKUP_CHUNK = 200  # fingerprints looked up in one statement
# A detail on more reports than this (a centre's own phone, a hostel's address) says nothing about who reported.
MOST_HOLDERS = 25
FINGERPRINTS = ReportFingerprint.__table__
# One statement, compiled once, that both SQLite and PostgreSQL answer from the (kind, digest) index (a row-value IN
# would be a scan on SQLite): kinds IN and digests IN, the pairs not asked for dropped after.
HOLDERS = select(FINGERPRINTS.c.kind, FINGERPRINTS.c.digest, FINGERPRINTS.c.report_id).where(
    FINGERPRINTS.c.kind.in_(bindparam("kinds", expanding=True)),
    FINGERPRINTS.c.digest.in_(bindparam("digests", expanding=True)),
)
# A submitted report's fingerprints and every report holding each, in one statement: the primary key finds its own,
# the (kind, digest) index the others (the report itself is among them, as in `HOLDERS`).
_MINE, _THEIRS = FINGERPRINTS.alias("mine"), FINGERPRINTS.alias("theirs")
HOLDERS_OF_REPORT = (
    select(_THEIRS.c.kind, _THEIRS.c.digest, _THEIRS.c.report_id)
    .select_from(_MINE.join(_THEIRS, and_(_THEIRS.c.kind == _MINE.c.kind, _THEIRS.c.digest == _MINE.c.digest)))
    .where(_MINE.c.report_id == bindparam("report_id"))
)
REBUILD_BATCH = 1000


class LinkNotFound(LookupError):
    """No link, suggested or decided, between the two reports named."""


def enabled() -> bool:
    return bool(current_app.config.get("LINKING_ENABLED", True))


def current_key() -> bytes:
    """The links key, derived from the newest data encryption key: rotating the keys rotates it too."""
    return fingerprints.links_key(keyring.keys[0])


CONTACT_FIELDS = (ContactDetails.name, ContactDetails.phone, ContactDetails.email, ContactDetails.address)


def identity_of(report: Report) -> Identity:
    """What the report says about who made it; the contact details read in one plain query unless already loaded."""
    place = report.postcode or report.postcode_district
    if "contact" in report.__dict__:
        contact = report.contact
        details = (contact.name, contact.phone, contact.email, contact.address) if contact else (None,) * 4
    else:
        row = db.session.execute(select(*CONTACT_FIELDS).where(ContactDetails.report_id == report.id)).first()
        details = tuple(row) if row else (None,) * 4
    return Identity(*details, incident_postcode=place)


# ---------------------------------------------------------------- fingerprints and suggestions


def refresh(report: Report, fresh: bool = False) -> list[ReportLink]:
    """Fingerprint a submitted report again and suggest links from what it now shares; in the caller's transaction.
    `fresh`: the report has just been submitted, so its fingerprints are those its draft kept (`refresh_draft`)
    and only the look-up is left. A report without contact details has none: it is linked only when the person
    links it."""
    if not enabled() or not report.submitted:
        return []
    if fresh:
        found: dict[tuple[str, str], set[int]] = defaultdict(set)
        for kind, digest, report_id in db.session.execute(HOLDERS_OF_REPORT, {"report_id": report.id}):
            found[(kind, digest)].add(report_id)
        return suggest({report.id: set(found)}, found) if found else []
    prints = prints_of(report)
    store({report.id: prints})
    return suggest({report.id: prints})


def refresh_draft(report: Report) -> None:
    """Keep a draft's fingerprints up to date as its answers are saved, so that submitting only looks them up.
    A draft's fingerprints are never matched by another report's (see `HOLDERS`)."""
    if enabled():
        store({report.id: prints_of(report)})


def prints_of(report: Report) -> set[tuple[str, str]]:
    identity = identity_of(report)
    return set() if identity.empty else fingerprints.fingerprints(current_key(), identity)


def store(prints_by_report: dict[int, set[tuple[str, str]]], replace: bool = True) -> None:
    """Write the fingerprints of these reports (replacing those they had)."""
    ids = list(prints_by_report) if replace else []
    for start in range(0, len(ids), LOOKUP_CHUNK):
        chunk = ids[start : start + LOOKUP_CHUNK]
        db.session.execute(delete(FINGERPRINTS).where(FINGERPRINTS.c.report_id.in_(chunk)))
    rows = [
        {"report_id": report_id, "kind": kind, "digest": digest}
        for report_id, prints in prints_by_report.items()
        for kind, digest in prints
    ]
    if rows:
        db.session.execute(FINGERPRINTS.insert(), rows)


def holders(prints: Iterable[tuple[str, str]]) -> dict[tuple[str, str], set[int]]:
    """The reports holding each of these fingerprints: index look-ups on (kind, digest), never a scan."""
    found: dict[tuple[str, str], set[int]] = defaultdict(set)
    pairs = sorted(set(prints))
    for start in range(0, len(pairs), LOOKUP_CHUNK):
        chunk = set(pairs[start : start + LOOKUP_CHUNK])
        asked = {"kinds": sorted({kind for kind, _ in chunk}), "digests": sorted({digest for _, digest in chunk})}
        for kind, digest, report_id in db.session.execute(HOLDERS, asked):
            if (kind, digest) in chunk:
                found[(kind, digest)].add(report_id)
    return found


def suggest(
    prints_by_report: dict[int, set[tuple[str, str]]], found: dict[tuple[str, str], set[int]] | None = None
) -> list[ReportLink]:
    """Suggest a link for every pair of reports whose fingerprints meet by a linking rule (a detail many reports
    share is passed over). `found`: the holders of each fingerprint, when the caller has looked them up already."""
    shared: dict[tuple[int, int], set[str]] = defaultdict(set)
    if found is None:
        found = holders(fingerprint for prints in prints_by_report.values() for fingerprint in prints)
    drafts = _drafts_among({other for others in found.values() for other in others} - set(prints_by_report))
    for report_id, prints in prints_by_report.items():
        for fingerprint in prints:
            others = found.get(fingerprint, set())
            if len(others) > MOST_HOLDERS:
                continue
            for other_id in others - {report_id} - drafts:
                shared[(min(report_id, other_id), max(report_id, other_id))].add(fingerprint[0])
    suggested = []
    for (first_id, second_id), kinds in sorted(_once_per_person(shared, set(prints_by_report)).items()):
        reasons = fingerprints.link_reasons(kinds)
        if reasons and (link := _suggest_pair(first_id, second_id, reasons)):
            suggested.append(link)
    return suggested


def _drafts_among(report_ids: set[int]) -> set[int]:
    """Drafts keep fingerprints for their submit (`refresh_draft`) but are never matched."""
    if not report_ids:
        return set()
    query = select(Report.id).where(Report.id.in_(report_ids), Report.status == DRAFT)
    return set(db.session.scalars(query))


def _once_per_person(shared: dict, new_ids: set[int]) -> dict:
    """Of a new report's matches that are already one person's, keep the newest: one suggestion joins them all."""
    others = {other for pair in shared for other in pair if other not in new_ids}
    people = dict(db.session.execute(select(ReportPerson.report_id, ReportPerson.person_id)
                                     .where(ReportPerson.report_id.in_(others))).all()) if others else {}  # fmt: skip
    newest: dict[tuple[int, int], int] = {}
    for first_id, second_id in shared:
        for mine, other in ((first_id, second_id), (second_id, first_id)):
            if mine in new_ids and other in people:
                key = (mine, people[other])
                newest[key] = max(newest.get(key, other), other)
    return {
        pair: kinds
        for pair, kinds in shared.items()
        if not any(
            mine in new_ids and other in people and newest[(mine, people[other])] != other
            for mine, other in (pair, pair[::-1])
        )
    }


def _suggest_pair(first_id: int, second_id: int, reasons: list[str]) -> ReportLink | None:
    link = db.session.scalar(
        select(ReportLink).where(ReportLink.report_a_id == first_id, ReportLink.report_b_id == second_id)
    )
    if link is not None:
        if link.status == SUGGESTED and set(reasons) - set(link.reasons or []):
            link.reasons = _ordered({*link.reasons, *reasons})
        return None
    person = _person_of(first_id)
    if person is not None and person == _person_of(second_id):
        return None  # already the same person through other confirmed links
    link = ReportLink(report_a_id=first_id, report_b_id=second_id, reasons=reasons, status=SUGGESTED)
    db.session.add(link)
    return link


def _ordered(reasons: Iterable[str]) -> list[str]:
    return [reason for reason in fingerprints.REASONS if reason in set(reasons)]


def add_records(records: list[dict]) -> int:
    """Fingerprints and suggestions for exchange records just inserted in bulk (an import, the demo data); returns
    how many links were suggested."""
    if not enabled():
        return 0
    identities = {record["reference"]: _record_identity(record) for record in records if record.get("contact")}
    identities = {reference: identity for reference, identity in identities.items() if not identity.empty}
    references = list(identities)
    report_ids: dict[str, int] = {}
    for start in range(0, len(references), LOOKUP_CHUNK):
        chunk = references[start : start + LOOKUP_CHUNK]
        query = select(Report.reference, Report.id).where(Report.reference.in_(chunk))
        report_ids.update(dict(db.session.execute(query).all()))
    key = current_key()
    prints = {report_ids[ref]: fingerprints.fingerprints(key, identity) for ref, identity in identities.items()}
    store(prints)
    return len(suggest(prints))


def _record_identity(record: dict) -> Identity:
    contact = record["contact"]
    fields = ("name", "phone", "email", "address")
    return Identity(**{name: contact.get(name) for name in fields}, incident_postcode=record.get("postcode"))


def rebuild() -> tuple[int, int]:
    """Recompute every submitted report's fingerprints under the current key (after `keys rotate`), then suggest
    again; decided links are kept as they are. Returns (reports fingerprinted, new suggestions)."""
    db.session.execute(delete(ReportFingerprint))
    key = current_key()
    query = (
        select(Report.id, *CONTACT_FIELDS, Report.postcode, Report.postcode_district)
        .join(ContactDetails, ContactDetails.report_id == Report.id)
        .where(Report.submitted)
        .order_by(Report.id)
        .execution_options(yield_per=REBUILD_BATCH)
    )
    prints: dict[int, set[tuple[str, str]]] = {}
    for report_id, name, phone, email, address, postcode, district in db.session.execute(query):
        identity = Identity(name, phone, email, address, postcode or district)
        if not identity.empty:
            prints[report_id] = fingerprints.fingerprints(key, identity)
    store(prints, replace=False)
    return len(prints), len(suggest(prints))


def forget_fingerprints(report_ids: list[int]) -> None:
    """Erasure and retention: the fingerprints go with the details; links (which hold none) stay."""
    for start in range(0, len(report_ids), LOOKUP_CHUNK):
        chunk = report_ids[start : start + LOOKUP_CHUNK]
        db.session.execute(delete(ReportFingerprint).where(ReportFingerprint.report_id.in_(chunk)))


# ---------------------------------------------------------------- deciding


def find_link(first: Report, second: Report) -> ReportLink | None:
    low, high = sorted((first.id, second.id))
    return db.session.scalar(select(ReportLink).where(ReportLink.report_a_id == low, ReportLink.report_b_id == high))


def link_earlier_reference(report: Report) -> ReportLink | None:
    """On submit: the person's answer to "Have you reported something like this before?" becomes a link (a
    suggestion from a reference alone, a confirmed link when its code proved it). Works whether linking by
    fingerprints is on or off: it needs no personal details."""
    given = db.session.get(EarlierReference, report.id)
    if given is None or not given.reference:  # no answer, or "No"
        return None
    earlier = db.session.scalar(select(Report).where(Report.reference == given.reference, Report.submitted))
    return link_by_person(earlier, report, given.proven) if earlier is not None else None


def link_by_person(earlier: Report, report: Report, proven: bool) -> ReportLink | None:
    """The person said this report follows `earlier`: with its code (proven) the link is made, else suggested."""
    if earlier.id == report.id:
        return None
    link = find_link(earlier, report)
    if link is None:
        low, high = sorted((earlier.id, report.id))
        link = ReportLink(report_a_id=low, report_b_id=high, reasons=[], status=SUGGESTED)
        db.session.add(link)
    link.reasons = _ordered({*(link.reasons or []), fingerprints.SELF_LINKED})
    if proven and link.status != CONFIRMED:
        _decide(link, CONFIRMED, None)
    return link


def decide(link: ReportLink, status: str, user) -> None:
    """Confirm or reject a link (a confirmed link joins the two reports' people), audited."""
    if status not in (CONFIRMED, REJECTED):
        raise ValueError(status)
    was = link.status
    _decide(link, status, user)
    if was == CONFIRMED and status == REJECTED:
        regroup_people()
    audit.record(
        f"link_{status}", "report", link.report_a.reference, detail=f"with={link.report_b.reference}", user=user
    )


def _decide(link: ReportLink, status: str, user) -> None:
    link.status = status
    link.decided_by_id = getattr(user, "id", None)
    link.decided_at = utcnow()
    db.session.flush()
    if status == CONFIRMED:
        join_people(link.report_a_id, link.report_b_id)


def _person_of(report_id: int) -> int | None:
    return db.session.scalar(select(ReportPerson.person_id).where(ReportPerson.report_id == report_id))


def join_people(first_id: int, second_id: int) -> int:
    """Put two reports in one person, merging the people they were in; returns the person's id."""
    first, second = _person_of(first_id), _person_of(second_id)
    if first is None and second is None:
        person = Person()
        db.session.add(person)
        db.session.flush()
        db.session.execute(insert(ReportPerson), [{"report_id": first_id, "person_id": person.id},
                                                  {"report_id": second_id, "person_id": person.id}])  # fmt: skip
        return person.id
    keep = first if first is not None else second
    if first is None or second is None:
        db.session.add(ReportPerson(report_id=first_id if first is None else second_id, person_id=keep))
    elif first != second:
        db.session.execute(update(ReportPerson).where(ReportPerson.person_id == second).values(person_id=keep))
        db.session.execute(delete(Person).where(Person.id == second))
    db.session.flush()
    return keep


def regroup_people() -> None:
    """Group every report again from the confirmed links (after a confirmed link is rejected)."""
    db.session.execute(delete(ReportPerson))
    db.session.execute(delete(Person))
    for group in groups_from_links(confirmed_pairs()):
        person = Person()
        db.session.add(person)
        db.session.flush()
        db.session.execute(insert(ReportPerson), [{"report_id": rid, "person_id": person.id} for rid in group])


def confirmed_pairs() -> list[tuple[int, int]]:
    query = select(ReportLink.report_a_id, ReportLink.report_b_id).where(ReportLink.status == CONFIRMED)
    return [tuple(row) for row in db.session.execute(query)]


def groups_from_links(pairs: Iterable[tuple[int, int]]) -> list[set[int]]:
    """The connected groups of reports that confirmed links make (union-find)."""
    parent: dict[int, int] = {}

    def root(item: int) -> int:
        while parent.setdefault(item, item) != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for first, second in pairs:
        parent[root(first)] = root(second)
    groups: dict[int, set[int]] = defaultdict(set)
    for item in list(parent):
        groups[root(item)].add(item)
    return list(groups.values())


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class PendingLink:
    reference_a: str
    reference_b: str
    reasons: list[str]


def pending(start: datetime | None = None, end: datetime | None = None) -> list[PendingLink]:
    """Suggestions not yet decided, optionally of reports reported in [start, end), oldest first."""
    first, second = Report.__table__.alias("first"), Report.__table__.alias("second")
    query = (
        select(first.c.reference, second.c.reference, ReportLink.reasons)
        .join(first, first.c.id == ReportLink.report_a_id)
        .join(second, second.c.id == ReportLink.report_b_id)
        .where(ReportLink.status == SUGGESTED)
        .order_by(ReportLink.id)
    )
    if start is not None:
        query = query.where(or_(first.c.reported_at >= start, second.c.reported_at >= start))
    if end is not None:
        query = query.where(or_(first.c.reported_at < end, second.c.reported_at < end))
    return [PendingLink(a, b, _ordered(reasons or [])) for a, b, reasons in db.session.execute(query)]


def links_of(report: Report) -> list[ReportLink]:
    query = select(ReportLink).where(or_(ReportLink.report_a_id == report.id, ReportLink.report_b_id == report.id))
    loading = (selectinload(ReportLink.report_a), selectinload(ReportLink.report_b))
    return list(db.session.scalars(query.options(*loading).order_by(ReportLink.id)))


def same_person(report: Report) -> list[Report]:
    """The other reports of this report's person (confirmed links), oldest first."""
    person = _person_of(report.id)
    if person is None:
        return []
    others = select(ReportPerson.report_id).where(ReportPerson.person_id == person, ReportPerson.report_id != report.id)
    return list(db.session.scalars(select(Report).where(Report.id.in_(others)).order_by(Report.reported_at)))


def linked_report_ids(report_ids: list[int]) -> set[int]:
    """Which of these reports belong to a person (every person has two reports or more), for the flag on lists."""
    if not report_ids:
        return set()
    return set(db.session.scalars(select(ReportPerson.report_id).where(ReportPerson.report_id.in_(report_ids))))


# ---------------------------------------------------------------- series


def add_to_series(user, report: Report, name: str, report_ids: Iterable[int]) -> Series:
    """Put reports (the report and the person's reports the user may see) in the named series of the user's centre
    (or of the unit), making the series if there is none of that name. Audited."""
    name = " ".join(name.split())
    centre_id = user.centre_id if user.is_centre_staff else None
    owner = Series.centre_id == centre_id if centre_id is not None else Series.centre_id.is_(None)
    series = db.session.scalar(select(Series).where(owner, func.lower(Series.name) == name.lower()))
    if series is None:
        series = Series(name=name, centre_id=centre_id, created_by_id=user.id)
        db.session.add(series)
        db.session.flush()
    present = set(db.session.scalars(select(SeriesReport.report_id).where(SeriesReport.series_id == series.id)))
    for report_id in {report.id, *report_ids} - present:
        db.session.add(SeriesReport(series_id=series.id, report_id=report_id))
    audit.record("series_added", "report", report.reference, detail=f"series={series.id}", user=user)
    return series
