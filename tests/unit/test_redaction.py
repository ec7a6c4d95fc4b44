"""Consent redaction for referrals: what each consent lets a police or support referral carry."""

from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest

from reporting.domain import redaction, referral_document
from reporting.domain.centres import parse_hours

MARKED_SENTENCE = "He lives two doors down from me at number 14."
UNMARKED_SENTENCE = "It happened while I waited at the tram stop."


def contact(**fields):
    values = {
        "name": "Amira Khan",
        "phone": "07700 900123",
        "email": "amira.khan@example.org",
        "address": "12 Example Street, Sale",
        "preferred_method": "phone",
        "safe_times": "Weekdays after 6pm",
        "safe_to_leave_message": False,
    }
    values.update(fields)
    return SimpleNamespace(**values)


def report(**fields):
    values = {
        "reference": "HR-7K3M-Q9XC",
        "channel": "assisted",
        "centre": SimpleNamespace(
            name="Sale Library", address="Tatton Road, Sale", openings=parse_hours("Mon-Fri 09:00-17:00"),
            closed_on_bank_holidays=True, hours_note=None, phone="0161 912 3013",
        ),
        "area": SimpleNamespace(name="Sale Central"),
        "reported_at": datetime(2026, 3, 14, 10, 30, tzinfo=UTC),
        "occurred_on": date(2026, 3, 13),
        "occurred_on_approximate": False,
        "occurred_time": None,
        "ongoing": False,
        "reporter_role": "victim",
        "location_type": "street",
        "postcode": "M33 7XY",
        "location_description": UNMARKED_SENTENCE,
        "description": MARKED_SENTENCE,
        "perpetrator_description": "A tall man in a grey hoodie.",
        "perpetrator_known": "yes",
        "injuries": None,
        "support_wanted": True,
        "support_kinds": ["emotional_support"],
        "identifying_fields": ["description"],
        "police_consent": "named",
        "language": "ur",
        "accessibility_needs": None,
        "categories": ["race", "religion"],
        "incident_types": ["verbal_abuse"],
        "contact": contact(),
    }
    values.update(fields)
    return SimpleNamespace(**values)


def everything(content: referral_document.ReferralContent) -> str:
    rows = [f"{row.label}: {row.value}" for section in content.sections for row in section.rows]
    return "\n".join([content.title, content.statement, *rows])


def test_a_named_police_referral_carries_the_contact_details_and_the_full_postcode():
    text = everything(referral_document.police_referral(report(police_consent="named"), "Report a hate incident"))
    for detail in ("Amira Khan", "07700 900123", "amira.khan@example.org", "12 Example Street, Sale", "M33 7XY"):
        assert detail in text
    assert MARKED_SENTENCE in text  # marks only matter when the person stays anonymous
    assert referral_document.NAMED_STATEMENT in text


def test_an_anonymous_police_referral_carries_no_contact_details_and_no_marked_free_text():
    content = referral_document.police_referral(report(police_consent="anonymous"), "Report a hate incident")
    text = everything(content)
    for detail in ("Amira Khan", "07700 900123", "amira.khan@example.org", "12 Example Street", "M33 7XY", "7XY"):
        assert detail not in text
    assert MARKED_SENTENCE not in text
    assert redaction.WITHHELD in text
    assert UNMARKED_SENTENCE in text
    assert "M33 (district only)" in text
    assert content.anonymous
    assert content.statement.startswith("The person asked to stay anonymous.")


def test_every_marked_free_text_field_is_withheld_when_anonymous():
    fields = {name: f"Identifying detail in {name}." for name in redaction.FREE_TEXT_FIELDS}
    text = everything(
        referral_document.police_referral(
            report(police_consent="anonymous", identifying_fields=list(redaction.FREE_TEXT_FIELDS), **fields), "Service"
        )
    )
    for value in fields.values():
        assert value not in text
    assert text.count(redaction.WITHHELD) == len(redaction.FREE_TEXT_FIELDS)


@pytest.mark.parametrize("postcode", ["not a postcode", "M33", "SW1A 1AA 1AA"])
def test_an_anonymous_referral_withholds_a_postcode_it_cannot_reduce_to_a_district(postcode):
    assert redaction.postcode_for(report(postcode=postcode), anonymous=True) == redaction.WITHHELD


@pytest.mark.parametrize(
    "consent, reason",
    [("none", "police_consent_none"), (None, "police_consent_missing"), ("maybe", "police_consent_missing")],
)
def test_a_police_referral_is_refused_without_consent(consent, reason):
    with pytest.raises(redaction.ReferralRefused) as refused:
        referral_document.police_referral(report(police_consent=consent), "Service")
    assert refused.value.reason == reason
    assert "cannot be referred to the police" in str(refused.value)


@pytest.mark.parametrize("wanted", [False, None])
def test_a_support_referral_is_refused_when_the_person_did_not_ask_for_support(wanted):
    with pytest.raises(redaction.ReferralRefused) as refused:
        referral_document.support_referral(report(support_wanted=wanted), "Victim Support", "Service")
    assert refused.value.reason == "support_not_wanted"


def test_a_support_referral_says_how_to_make_contact_safely():
    text = everything(referral_document.support_referral(report(police_consent="none"), "Victim Support", "Service"))
    assert "Referral to Victim Support: HR-7K3M-Q9XC" in text
    assert "Amira Khan" in text and "07700 900123" in text
    assert "Safe times to contact: Weekdays after 6pm" in text
    assert "Message may be left: No: do not leave a message" in text
    assert "Preferred way to be contacted: Phone" in text
    assert "did not agree to share the report with the police" in text
    assert "A tall man in a grey hoodie." not in text  # the service does not need the perpetrator's description


@pytest.mark.parametrize(
    "safe, expected",
    [
        (True, "Yes, a message may be left"),
        (False, "No: do not leave a message"),
        (None, "Not asked: do not leave a message"),
    ],
)
def test_when_nobody_asked_about_messages_the_answer_is_not_to_leave_one(safe, expected):
    assert referral_document.message_rule(safe) == expected


@pytest.mark.parametrize(
    "consent, wanted, allowed",
    [
        ("named", True, ("police", "support")),
        ("anonymous", False, ("police",)),
        ("none", True, ("support",)),
        ("none", None, ()),
        (None, False, ()),
    ],
)
def test_the_referrals_offered_follow_consent_and_the_wish_for_support(consent, wanted, allowed):
    assert redaction.allowed_recipients(report(police_consent=consent, support_wanted=wanted)) == allowed


def test_police_referrals_use_english_labels_with_codes_and_name_the_language_used():
    text = everything(referral_document.police_referral(report(), "Service"))
    assert "Race, ethnicity or nationality (race); Religion, faith or belief (religion)" in text
    assert "Verbal abuse, insults or name-calling (verbal_abuse)" in text
    assert "Language the person used: Urdu (ur)" in text
    assert "Reported: 14 March 2026, 10:30 (UK time)" in text
    assert "Kinds of support: Emotional support" in text


def test_a_report_with_almost_nothing_filled_in_still_makes_a_referral():
    sparse = SimpleNamespace(reference="HR-7K3M-Q9XC", police_consent="anonymous", support_wanted=True)
    police = everything(referral_document.police_referral(sparse, "Service"))
    support = everything(referral_document.support_referral(sparse, "Victim Support", "Service"))
    assert "Online self-report (Service)" in police
    assert "The person gave no contact details." in support


def test_uk_time_follows_british_summer_time():
    assert referral_document.uk_datetime_text(datetime(2026, 7, 1, 9, 0, tzinfo=UTC)) == "1 July 2026, 10:00 (UK time)"
    assert (
        referral_document.uk_datetime_text(datetime(2026, 1, 1, 9, 0, tzinfo=UTC)) == "1 January 2026, 09:00 (UK time)"
    )


def test_document_identifiers_name_the_report_the_kind_and_a_serial():
    assert referral_document.document_identifier("HR-7K3M-Q9XC", "police", 1) == "HR-7K3M-Q9XC-P1"
    assert referral_document.document_identifier("HR-7K3M-Q9XC", "support", 2) == "HR-7K3M-Q9XC-S2"
    assert (
        referral_document.document_identifier("HR-7K3M-Q9XC", "receipt", "202603141030") == "HR-7K3M-Q9XC-R202603141030"
    )


ENGLISH_LABELS = {
    "support_kinds": {"emotional": "Emotional support from a trained volunteer"},
    "communication_needs": {"interpreter": "An interpreter", "large_print": "Large print"},
    "police_contact": {"plain_clothes": "An officer in plain clothes", "trusted_person": "Contact through someone"},
    "officer_sex": {"female": "A female officer"},
    "yes_no_not_sure": {"not_sure": "Not sure"},
    "times_of_day": {"evening": "Evening (6pm to midnight)"},
}


def test_codes_outside_the_vocabulary_file_use_the_labels_given():
    named = report(
        support_kinds=["emotional"],
        communication_needs=["interpreter", "large_print"],
        interpreter_language="Urdu (Mirpuri)",
        police_contact=["plain_clothes", "trusted_person"],
        police_officer_sex="female",
        injured="not_sure",
        occurred_time="evening",
        contact=contact(trusted_person="Her brother, 07700 900456"),
    )
    text = everything(referral_document.police_referral(named, "Service", ENGLISH_LABELS))
    assert "Kinds of support: Emotional support from a trained volunteer" in text
    assert "Communication needs: An interpreter; Large print" in text
    assert "Interpreter language: Urdu (Mirpuri)" in text
    assert "Police contact they would accept: An officer in plain clothes; Contact through someone" in text
    assert "Officer: A female officer" in text
    assert "Anyone hurt: Not sure" in text
    assert "Time of day: Evening (6pm to midnight)" in text
    assert "Her brother, 07700 900456" in text


def test_an_anonymous_referral_leaves_out_how_to_reach_the_person_through_someone_else():
    anonymous = report(
        police_consent="anonymous", police_contact=["trusted_person"], contact=contact(trusted_person="Her brother")
    )
    text = everything(referral_document.police_referral(anonymous, "Service", ENGLISH_LABELS))
    assert "Her brother" not in text
    assert "Police contact they would accept" not in text
