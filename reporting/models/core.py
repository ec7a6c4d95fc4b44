"""The shared tables: areas, centres, staff, reports and what hangs off them, and the audit trail."""

import secrets
from datetime import date, datetime, time

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
    event,
    false,
    inspect,
)
from sqlalchemy import update as sa_update
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship, validates

from ..columns import UTCDateTime, utcnow
from ..crypto import EncryptedText
from ..domain.centres import Opening
from ..domain.postcodes import split_postcode
from ..domain.statuses import DRAFT, SUBMITTED_STATUSES
from ..extensions import db

ROLES = ("volunteer", "centre_lead", "partnership", "admin")
CASE_DEADLINES = ("status", "review_by", "acknowledge_by", "acknowledged_at")
CENTRE_ROLES = ("volunteer", "centre_lead")
RECIPIENTS = ("police", "support")


class Area(db.Model):
    __tablename__ = "areas"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))

    centres: Mapped[list["Centre"]] = relationship(back_populates="area")


class Centre(db.Model):
    __tablename__ = "centres"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    area_id: Mapped[int] = mapped_column(ForeignKey("areas.id"), index=True)
    address: Mapped[str | None] = mapped_column(Text)
    postcode: Mapped[str | None] = mapped_column(String(10))
    # A code of `domain.centres.KINDS`.
    kind: Mapped[str | None] = mapped_column(String(100))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(320))
    # How to get there (bus routes, entrance), shown to the public as written.
    directions: Mapped[str | None] = mapped_column(Text)
    # Words beside the structured hours (`hours`), such as "after Friday prayers".
    hours_note: Mapped[str | None] = mapped_column(Text)
    closed_on_bank_holidays: Mapped[bool] = mapped_column(Boolean, default=True)
    # Lists of codes: `domain.centres.OFFERS` and `ACCESS`; languages spoken as BCP 47 tags.
    offers: Mapped[list] = mapped_column(JSON, default=list)
    access: Mapped[list] = mapped_column(JSON, default=list)
    languages: Mapped[list] = mapped_column(JSON, default=list)
    # Seen by staff only: never on a public page.
    contact_person: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)
    # Some venues take reports but do not want to be found: they are left off /centres.
    listed_publicly: Mapped[bool] = mapped_column(Boolean, default=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    last_training_on: Mapped[date | None] = mapped_column(Date)
    last_contact_on: Mapped[date | None] = mapped_column(Date)

    area: Mapped[Area] = relationship(back_populates="centres")
    hours: Mapped[list["CentreHours"]] = relationship(
        back_populates="centre", cascade="all, delete-orphan", order_by="(CentreHours.weekday, CentreHours.opens)"
    )

    @property
    def openings(self) -> list[Opening]:
        return [Opening(row.weekday, row.opens, row.closes) for row in self.hours]

    @property
    def coordinates(self) -> tuple[float, float] | None:
        return None if self.latitude is None or self.longitude is None else (self.latitude, self.longitude)


class CentreHours(db.Model):
    """One opening of a centre on one day of the week (`weekday` 0 is Monday); a day may have several."""

    __tablename__ = "centre_hours"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday"),
        CheckConstraint("closes > opens", name="closes_after_opening"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centres.id", ondelete="CASCADE"), index=True)
    weekday: Mapped[int] = mapped_column(Integer)
    opens: Mapped[time] = mapped_column(Time)
    closes: Mapped[time] = mapped_column(Time)

    centre: Mapped[Centre] = relationship(back_populates="hours")


class User(db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    centre_id: Mapped[int | None] = mapped_column(ForeignKey("centres.id"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Changed at sign-out, and whenever the account is deactivated or its password changes, which ends every
    # session it has open. (Failed sign-ins are counted in the rate limiter's storage: auth/throttle.py.)
    session_token: Mapped[str] = mapped_column(String(64), default=lambda: secrets.token_urlsafe(24))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    centre: Mapped[Centre | None] = relationship()

    # Flask-Login protocol
    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    @property
    def is_centre_staff(self) -> bool:
        return self.role in CENTRE_ROLES


class ReportCategory(db.Model):
    __tablename__ = "report_categories"

    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(40), primary_key=True)

    __table_args__ = (Index("ix_report_categories_code_report", "code", "report_id"),)


class ReportIncidentType(db.Model):
    __tablename__ = "report_incident_types"

    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(40), primary_key=True)

    __table_args__ = (Index("ix_report_incident_types_code_report", "code", "report_id"),)


class Report(db.Model):
    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    channel: Mapped[str] = mapped_column(String(20))
    centre_id: Mapped[int | None] = mapped_column(ForeignKey("centres.id"))
    # A self-report has no centre; the partnership unit may give it to a centre to follow up. `centre_id`
    # stays where it was made (null: online), so the review counts are unchanged.
    assigned_centre_id: Mapped[int | None] = mapped_column(ForeignKey("centres.id"), index=True)
    assigned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Case work (reporting/cases/): the caseworker, a user of the case's centre; when the case was acknowledged;
    # and the working-day deadlines counted from receipt (acknowledge by, then review by, moved on each review).
    assigned_to_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledge_by: Mapped[date | None] = mapped_column(Date)
    review_by: Mapped[date | None] = mapped_column(Date)
    # SHA-256 of the token that the reporting browser keeps in its session: it finds a self-report's
    # draft, and later its receipt. The token itself is never stored.
    draft_token_hash: Mapped[str | None] = mapped_column(String(64), index=True, unique=True)
    # Keyed hash of the "Check my report" code given when the report was sent (domain/check_codes.py); the
    # code itself is never stored. A new code replaces it.
    check_code_hash: Mapped[str | None] = mapped_column(String(64))
    check_code_issued_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reported_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    occurred_on: Mapped[date | None] = mapped_column(Date)
    occurred_on_approximate: Mapped[bool] = mapped_column(Boolean, default=False)
    occurred_time: Mapped[str | None] = mapped_column(String(20))
    ongoing: Mapped[bool | None] = mapped_column(Boolean)
    reporter_role: Mapped[str | None] = mapped_column(String(40))
    location_type: Mapped[str | None] = mapped_column(String(40))
    area_id: Mapped[int | None] = mapped_column(ForeignKey("areas.id"))
    # The full postcode, encrypted; its district (`M33`) plain beside it for counting, kept after retention.
    postcode: Mapped[str | None] = mapped_column(EncryptedText)
    postcode_district: Mapped[str | None] = mapped_column(String(8))
    location_description: Mapped[str | None] = mapped_column(EncryptedText)
    description: Mapped[str | None] = mapped_column(EncryptedText)
    perpetrator_description: Mapped[str | None] = mapped_column(EncryptedText)
    perpetrator_known: Mapped[str | None] = mapped_column(String(20))
    injuries: Mapped[str | None] = mapped_column(EncryptedText)
    support_wanted: Mapped[bool | None] = mapped_column(Boolean)
    support_kinds: Mapped[list] = mapped_column(JSON, default=list)
    # Names of free-text fields the volunteer marked as identifying: left out of anonymous referrals.
    identifying_fields: Mapped[list] = mapped_column(JSON, default=list)
    police_consent: Mapped[str | None] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(35), default="en")
    accessibility_needs: Mapped[str | None] = mapped_column(EncryptedText)
    # Intake answers added with the assisted journey.
    witnesses: Mapped[str | None] = mapped_column(String(20))
    witnesses_willing: Mapped[str | None] = mapped_column(String(20))
    online_links: Mapped[str | None] = mapped_column(EncryptedText)
    safeguarding_referral: Mapped[str | None] = mapped_column(String(20))
    injured: Mapped[str | None] = mapped_column(String(20))
    police_contact: Mapped[list] = mapped_column(JSON, default=list)
    police_officer_sex: Mapped[str | None] = mapped_column(String(20))
    communication_needs: Mapped[list] = mapped_column(JSON, default=list)
    interpreter_language: Mapped[str | None] = mapped_column(String(100))
    # Slugs of the intake steps saved so far, so a draft resumes where it stopped.
    steps_done: Mapped[list] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20), default=DRAFT)
    # Counts every change: two people saving the same report cannot silently overwrite each other.
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default="1")
    received_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    referred_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    centre: Mapped[Centre | None] = relationship(foreign_keys=[centre_id])
    assigned_centre: Mapped[Centre | None] = relationship(foreign_keys=[assigned_centre_id])
    area: Mapped[Area | None] = relationship()
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    assigned_to: Mapped[User | None] = relationship(foreign_keys=[assigned_to_id])
    category_rows: Mapped[list[ReportCategory]] = relationship(
        cascade="all, delete-orphan", order_by=ReportCategory.code, passive_deletes=True
    )
    incident_type_rows: Mapped[list[ReportIncidentType]] = relationship(
        cascade="all, delete-orphan", order_by=ReportIncidentType.code, passive_deletes=True
    )
    contact: Mapped["ContactDetails | None"] = relationship(
        back_populates="report", cascade="all, delete-orphan", passive_deletes=True
    )
    survey_responses: Mapped[list["SurveyResponse"]] = relationship(
        back_populates="report", cascade="all, delete-orphan", passive_deletes=True
    )
    referrals: Mapped[list["Referral"]] = relationship(
        back_populates="report", cascade="all, delete-orphan", passive_deletes=True, order_by="Referral.sent_at"
    )
    evidence_files: Mapped[list["EvidenceFile"]] = relationship(
        back_populates="report", cascade="all, delete-orphan", passive_deletes=True, order_by="EvidenceFile.id"
    )
    equality: Mapped["EqualityAnswers | None"] = relationship(
        back_populates="report", cascade="all, delete-orphan", passive_deletes=True
    )
    notes: Mapped[list["ReportNote"]] = relationship(
        back_populates="report", cascade="all, delete-orphan", passive_deletes=True, order_by="ReportNote.id"
    )
    status_changes: Mapped[list["ReportStatusChange"]] = relationship(
        back_populates="report", cascade="all, delete-orphan", passive_deletes=True, order_by="ReportStatusChange.id"
    )

    __mapper_args__ = {"version_id_col": version}

    __table_args__ = (
        Index("ix_reports_status_reported_at_centre", "status", "reported_at", "centre_id"),
        Index("ix_reports_reported_at_area", "reported_at", "area_id"),
        Index("ix_reports_centre_reported_at", "centre_id", "reported_at"),
        # The overdue cases of a centre, found and counted from the index alone (reporting/cases/services.py): those
        # made there, and those given to it.
        Index("ix_reports_centre_case_deadlines", "centre_id", *CASE_DEADLINES),
        Index("ix_reports_assigned_centre_case_deadlines", "assigned_centre_id", *CASE_DEADLINES),
    )

    @hybrid_property
    def submitted(self) -> bool:
        """Sent, whatever became of it since: every status but draft (in SQL, the list, which can use an index)."""
        return self.status != DRAFT

    @submitted.inplace.expression
    @classmethod
    def _submitted_expression(cls):
        return cls.status.in_(SUBMITTED_STATUSES)

    @validates("postcode")
    def _keep_postcode_district(self, _key, text: str | None) -> str | None:
        """Setting the postcode sets its district too; a district given alone leaves no full postcode."""
        full, self.postcode_district = split_postcode(text)
        return full

    @property
    def categories(self) -> list[str]:
        return [row.code for row in self.category_rows]

    @categories.setter
    def categories(self, new_codes) -> None:
        self.category_rows = [ReportCategory(code=code) for code in sorted(set(new_codes))]

    @property
    def incident_types(self) -> list[str]:
        return [row.code for row in self.incident_type_rows]

    @incident_types.setter
    def incident_types(self, new_codes) -> None:
        self.incident_type_rows = [ReportIncidentType(code=code) for code in sorted(set(new_codes))]


class ContactDetails(db.Model):
    """Kept apart from the report so it can be erased on its own while the counts remain."""

    __tablename__ = "contact_details"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), unique=True)
    name: Mapped[str | None] = mapped_column(EncryptedText)
    phone: Mapped[str | None] = mapped_column(EncryptedText)
    email: Mapped[str | None] = mapped_column(EncryptedText)
    address: Mapped[str | None] = mapped_column(EncryptedText)
    preferred_method: Mapped[str | None] = mapped_column(String(20))
    safe_times: Mapped[str | None] = mapped_column(EncryptedText)
    safe_to_leave_message: Mapped[bool | None] = mapped_column(Boolean)
    # Someone the person trusts, through whom the police may contact them (name and how to reach them).
    trusted_person: Mapped[str | None] = mapped_column(EncryptedText)

    report: Mapped[Report] = relationship(back_populates="contact")


class EvidenceFile(db.Model):
    """A photo, screenshot or PDF given as evidence; the bytes live outside any public folder."""

    __tablename__ = "evidence_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    # Encrypted: a file's name often holds the person's name or address.
    original_name: Mapped[str] = mapped_column(EncryptedText)
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Marked by staff when the file shows who the person is (their face, a letter with their name): an
    # anonymous referral never carries it.
    identifying: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    report: Mapped[Report] = relationship(back_populates="evidence_files")


class EqualityAnswers(db.Model):
    """Optional equality monitoring, kept apart from the report so it can be erased on its own; encrypted."""

    __tablename__ = "equality_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), unique=True)
    age_band: Mapped[str | None] = mapped_column(EncryptedText)
    sex: Mapped[str | None] = mapped_column(EncryptedText)
    gender_same_as_birth: Mapped[str | None] = mapped_column(EncryptedText)
    sexual_orientation: Mapped[str | None] = mapped_column(EncryptedText)
    ethnicity: Mapped[str | None] = mapped_column(EncryptedText)
    religion: Mapped[str | None] = mapped_column(EncryptedText)
    disability: Mapped[str | None] = mapped_column(EncryptedText)

    report: Mapped[Report] = relationship(back_populates="equality")


class ReportNote(db.Model):
    __tablename__ = "report_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    text: Mapped[str] = mapped_column(EncryptedText)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    report: Mapped[Report] = relationship(back_populates="notes")
    author: Mapped[User | None] = relationship()


class ReportStatusChange(db.Model):
    __tablename__ = "report_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The outcome codes recorded by a change that closed the case (`domain.outcomes`): they stay here after the case
    # is reopened, which clears the case's current outcomes (`report_outcomes`).
    outcomes: Mapped[list | None] = mapped_column(JSON)

    report: Mapped[Report] = relationship(back_populates="status_changes")
    changed_by: Mapped[User | None] = relationship()


class SurveyResponse(db.Model):
    __tablename__ = "survey_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="immediate")
    question: Mapped[str] = mapped_column(String(40))
    score: Mapped[int | None] = mapped_column(Integer)
    # A coded answer to a question not on the five-point scale ("recommend": yes, no or not_sure).
    answer: Mapped[str | None] = mapped_column(String(20))
    comment: Mapped[str | None] = mapped_column(EncryptedText)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    report: Mapped[Report] = relationship(back_populates="survey_responses")


class Referral(db.Model):
    __tablename__ = "referrals"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    recipient: Mapped[str] = mapped_column(String(20))
    organisation: Mapped[str | None] = mapped_column(String(200))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    method: Mapped[str | None] = mapped_column(String(40))
    crime_reference: Mapped[str | None] = mapped_column(String(60))

    report: Mapped[Report] = relationship(back_populates="referrals")
    sent_by: Mapped[User | None] = relationship()


class AuditEvent(db.Model):
    """Who did what to which object, when and from where. Append-only: never updated or deleted, with one
    exception: a staff member's address (`ip_address`) is cleared once it is old (`expire_audit_addresses`).

    Anonymous actions (a self-report, a survey) record no address."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    action: Mapped[str] = mapped_column(String(60))
    object_type: Mapped[str | None] = mapped_column(String(40))
    object_id: Mapped[str | None] = mapped_column(String(64))
    ip_address: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[str | None] = mapped_column(Text)

    user: Mapped[User | None] = relationship()


class AuditTrailIsAppendOnly(Exception):
    pass


# Marks the one bulk UPDATE the audit trail allows (see `expire_audit_addresses`).
AUDIT_ADDRESS_EXPIRY = "audit_address_expiry"


def expire_audit_addresses(before: datetime):
    """The statement that forgets the addresses recorded before `before`: the only change to the trail."""
    return (
        sa_update(AuditEvent)
        .where(AuditEvent.at < before, AuditEvent.ip_address.isnot(None))
        .values(ip_address=None)
        .execution_options(**{AUDIT_ADDRESS_EXPIRY: True})
    )


def _only_clears_the_address(instance: AuditEvent) -> bool:
    changed = [attr for attr in inspect(instance).attrs if attr.history.has_changes()]
    return [attr.key for attr in changed] == ["ip_address"] and instance.ip_address is None


@event.listens_for(Session, "before_flush")
def _refuse_audit_changes(session, flush_context, instances) -> None:
    for instance in session.deleted:
        if isinstance(instance, AuditEvent):
            raise AuditTrailIsAppendOnly("audit events cannot be changed or deleted")
    for instance in session.dirty:
        if isinstance(instance, AuditEvent) and not _only_clears_the_address(instance):
            raise AuditTrailIsAppendOnly("audit events cannot be changed or deleted")


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_audit_changes(state) -> None:
    if not (state.is_update or state.is_delete) or state.bind_mapper is not AuditEvent.__mapper__:
        return
    if state.is_delete or not state.execution_options.get(AUDIT_ADDRESS_EXPIRY):
        raise AuditTrailIsAppendOnly("audit events cannot be changed or deleted")


class HeldAnswers(db.Model):
    """Answers posted on a step of an assisted report after the volunteer's session had ended, kept for that
    volunteer and that draft until they sign in again (then saved to the draft and deleted); and, with no
    user, answers posted on a page of a report made online after its browser's session had closed, which
    stay with the draft until it is purged."""

    __tablename__ = "held_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    step: Mapped[str] = mapped_column(String(60))
    # The posted fields as JSON ({name: [values]}), encrypted: they may hold anything the person said.
    form_data: Mapped[str] = mapped_column(EncryptedText)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("user_id", "report_id", "step"),)
