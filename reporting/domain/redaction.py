"""Consent redaction: which referrals a report's consent allows, and what each answer may say.

Plain functions over report-like objects (the attributes of `models.Report`), with no Flask, so the
rules can be tested alone. Every attribute may be None. The referral document that applies them is
`referral_document.py`.

- Police, consent `named`: everything, with the person's contact details.
- Police, consent `anonymous`: no name, phone, e-mail or address; the postcode reduced to its
  district; free text the volunteer marked as identifying (the online links and account names
  among it) replaced by a note; no evidence file marked as identifying, listed or attached (only
  how many were withheld), and no evidence file's name; and a clear statement that the person asked
  to stay anonymous. Witnesses are recorded only as coded answers (whether anyone saw it, whether
  they would give details), which identify nobody, so they are carried as they are.
- Police, consent `none` (or no answer): refused.
- Support: only when the person asked for support; carries what the service needs to make
  contact safely, and says whether the police may be told.
"""

from .postcodes import is_valid_postcode, postcode_district

FREE_TEXT_FIELDS = (
    "description",
    "location_description",
    "online_links",
    "perpetrator_description",
    "injuries",
    "accessibility_needs",
)
POLICE_CONSENTS = ("named", "anonymous")
WITHHELD = "[Withheld: the person asked to stay anonymous and this detail could identify them.]"
NOT_GIVEN = "Not given"


class ReferralRefused(Exception):
    """Consent does not allow the document. `reason` is a short code that is safe for the audit trail."""

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason


# ---------------------------------------------------------------- consent checks


def check_police_referral(report) -> None:
    """Raise `ReferralRefused` unless the person agreed to share the report with the police."""
    consent = getattr(report, "police_consent", None)
    if consent == "none":
        raise ReferralRefused(
            "This report cannot be referred to the police: the person did not agree to share it with the police.",
            "police_consent_none",
        )
    if consent not in POLICE_CONSENTS:
        raise ReferralRefused(
            "This report cannot be referred to the police: no police consent is recorded.",
            "police_consent_missing",
        )


def check_support_referral(report) -> None:
    """Raise `ReferralRefused` unless the person asked for support."""
    if getattr(report, "support_wanted", None) is not True:
        raise ReferralRefused(
            "This report cannot be referred to a support service: the person did not ask for support.",
            "support_not_wanted",
        )


def allowed_recipients(report) -> tuple[str, ...]:
    """The referrals consent allows for this report, in the order they are offered."""
    allowed = []
    if getattr(report, "police_consent", None) in POLICE_CONSENTS:
        allowed.append("police")
    if getattr(report, "support_wanted", None) is True:
        allowed.append("support")
    return tuple(allowed)


# ---------------------------------------------------------------- small field rules


def is_anonymous(report) -> bool:
    return getattr(report, "police_consent", None) != "named"


def free_text(report, field_name: str, anonymous: bool) -> str:
    """A free-text answer, or the withheld note when anonymous and marked as identifying."""
    text = (getattr(report, field_name, None) or "").strip()
    if not text:
        return NOT_GIVEN
    if anonymous and field_name in (getattr(report, "identifying_fields", None) or ()):
        return WITHHELD
    return text


def evidence_for(report, anonymous: bool) -> tuple[list, int]:
    """The evidence files a referral may carry, oldest first, and how many were withheld as identifying."""
    files = sorted(getattr(report, "evidence_files", None) or (), key=_upload_order)
    if not anonymous:
        return files, 0
    carried = [item for item in files if not getattr(item, "identifying", False)]
    return carried, len(files) - len(carried)


def _upload_order(item) -> tuple:
    uploaded = getattr(item, "uploaded_at", None)
    return (uploaded is None, uploaded.timestamp() if uploaded is not None else 0, getattr(item, "id", 0) or 0)


def postcode_for(report, anonymous: bool) -> str:
    postcode = (getattr(report, "postcode", None) or "").strip()
    district = getattr(report, "postcode_district", None)
    if not postcode and district:  # only the district was given, or the full postcode has been erased
        return f"{district} (district only)"
    if not postcode:
        return NOT_GIVEN
    if anonymous and not is_valid_postcode(postcode):
        return WITHHELD
    if anonymous:
        return f"{postcode_district(postcode)} (district only)"
    return postcode.upper()
