"""The dip-sample checklist's items as people read them: on the checklist, the sample pages and the review."""

from flask_babel import lazy_gettext as _l

CHECKLIST_LABELS = {
    "support_offered": _l("Support offered and recorded"),
    "consent_recorded": _l("Consent recorded"),
    "referral_made": _l("Referral made where consent allowed"),
    "kept_informed": _l("Person kept informed"),
    "outcome_suitable": _l("Outcome suitable"),
}
