"""The model layer: the shared tables (`core.py`) and the tables that live with their capability.

Importing this package makes every table known to the metadata (Alembic and `flask db` read it).
The capability's tables never import this package, so there is no import cycle: they name the
shared tables they point at (`Report`, `Centre`, `User`) as strings.
"""

from ..cases.message_models import CaseMessage, ErasureRequest
from ..cases.models import CaseReminder
from ..cases.outcome_models import ReportCorrection, ReportOutcome
from ..centres.models import CentreChange, PostcodeDistrict
from ..domain.satisfaction import KINDS as SURVEY_KINDS
from ..domain.statuses import STATUSES
from ..jobs.models import JobRun
from ..links.models import EarlierReference, Person, ReportFingerprint, ReportLink, ReportPerson, Series, SeriesReport
from ..recordings.models import Recording
from ..review.dip_sampling.models import DipFinding, DipSample, DipSampleItem
from ..review.figures.models import (
    ReviewMonthCentreAnswer,
    ReviewMonthCentreArea,
    ReviewMonthCentreCode,
    ReviewMonthCentreDelay,
    ReviewMonthCentreResponding,
    ReviewSummaryQueue,
)
from ..review.upkeep.models import CentreVisit
from ..satisfaction.models import SurveyInvitation
from ..selfreport.models import DraftUpload
from ..statistics.models import StatisticsCell, StatisticsRelease
from .core import (
    AUDIT_ADDRESS_EXPIRY,
    CENTRE_ROLES,
    RECIPIENTS,
    ROLES,
    Area,
    AuditEvent,
    AuditTrailIsAppendOnly,
    Centre,
    CentreHours,
    ContactDetails,
    EqualityAnswers,
    EvidenceFile,
    HeldAnswers,
    Referral,
    Report,
    ReportCategory,
    ReportIncidentType,
    ReportNote,
    ReportStatusChange,
    SurveyResponse,
    User,
    UTCDateTime,
    expire_audit_addresses,
    utcnow,
)

__all__ = [
    "AUDIT_ADDRESS_EXPIRY",
    "CENTRE_ROLES",
    "RECIPIENTS",
    "ROLES",
    "STATUSES",
    "SURVEY_KINDS",
    "Area",
    "AuditEvent",
    "CaseReminder",
    "AuditTrailIsAppendOnly",
    "CaseMessage",
    "Centre",
    "CentreChange",
    "CentreHours",
    "CentreVisit",
    "PostcodeDistrict",
    "ContactDetails",
    "DipFinding",
    "DipSample",
    "DipSampleItem",
    "DraftUpload",
    "EarlierReference",
    "EqualityAnswers",
    "ErasureRequest",
    "EvidenceFile",
    "HeldAnswers",
    "Person",
    "ReportFingerprint",
    "ReportLink",
    "ReportPerson",
    "Series",
    "SeriesReport",
    "JobRun",
    "Referral",
    "Report",
    "ReportCategory",
    "ReportCorrection",
    "ReportIncidentType",
    "ReportNote",
    "ReportOutcome",
    "Recording",
    "ReportStatusChange",
    "ReviewMonthCentreAnswer",
    "ReviewMonthCentreArea",
    "ReviewMonthCentreCode",
    "ReviewMonthCentreDelay",
    "ReviewMonthCentreResponding",
    "ReviewSummaryQueue",
    "StatisticsCell",
    "StatisticsRelease",
    "SurveyInvitation",
    "SurveyResponse",
    "UTCDateTime",
    "User",
    "expire_audit_addresses",
    "utcnow",
]
