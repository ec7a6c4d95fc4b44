"""Translatable labels for the vocabulary codes; the English text matches `data/vocabulary.json`.

The codes are stored and exchanged; these labels are what people see. A unit test checks that
every code in the vocabulary has a label here and that the English agrees with the file.
"""

from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _

from .domain.satisfaction import WORDING_CHANGED_ON, spans_wording_change
from .i18n import lazy_gettext as _l

LABELS = {
    "categories": {
        "race": _l("Race, ethnicity or nationality"),
        "religion": _l("Religion, faith or belief"),
        "sexual_orientation": _l("Sexual orientation"),
        "disability": _l("Disability"),
        "transgender": _l("Transgender identity"),
        "alternative_subculture": _l("Alternative subculture (for example goth, emo, punk)"),
        "sex_gender": _l("Sex or gender (including misogyny)"),
        "age": _l("Age"),
        "other": _l("Something else"),
    },
    "incident_types": {
        "verbal_abuse": _l("Verbal abuse, insults or name-calling"),
        "threats": _l("Threats or intimidation"),
        "harassment": _l("Harassment (repeated or ongoing)"),
        "physical_assault": _l("Physical assault"),
        "spitting": _l("Spitting"),
        "damage": _l("Damage to property or vehicle"),
        "graffiti": _l("Graffiti"),
        "online": _l("Online abuse (social media, messages, email)"),
        "written": _l("Letters, leaflets or written material"),
        "theft": _l("Theft or burglary"),
        "mate_crime": _l("Exploited by someone pretending to be a friend ('mate crime')"),
        "sexual": _l("Sexual assault or harassment"),
        "other": _l("Something else"),
    },
    "reporter_roles": {
        "victim": _l("The person it happened to"),
        "witness": _l("A witness"),
        "third_party": _l("Someone reporting for the person it happened to (friend, family, carer)"),
        "centre_staff": _l("Reporting centre staff on the person's behalf"),
    },
    "location_types": {
        "street": _l("Street or public place"),
        "home": _l("At or near home"),
        "public_transport": _l("Public transport, bus or tram stop, station"),
        "shop": _l("Shop, pub, restaurant or other business"),
        "school": _l("School, college or university"),
        "workplace": _l("Workplace"),
        "place_of_worship": _l("Place of worship"),
        "healthcare": _l("Hospital, GP or care setting"),
        "online": _l("Online"),
        "other": _l("Somewhere else"),
    },
    "police_consent": {
        "named": _l("Share with the police, with my details"),
        "anonymous": _l("Share with the police, without my details"),
        "none": _l("Do not share with the police"),
    },
    "contact_methods": {
        "phone": _l("Phone"),
        "text": _l("Text message"),
        "email": _l("Email"),
        "letter": _l("Letter"),
        "video_relay": _l("Through a video relay or BSL interpreting service"),
        "relay_uk": _l("Through Relay UK (text relay)"),
        "none": _l("Do not contact me"),
    },
    "satisfaction_scale": {
        "1": _l("Very dissatisfied"),
        "2": _l("Dissatisfied"),
        "3": _l("Neither satisfied nor dissatisfied"),
        "4": _l("Satisfied"),
        "5": _l("Very satisfied"),
    },
    "satisfaction_questions": {
        "ease": _l("How satisfied were you with how easy it was to report?"),
        "treatment": _l("How satisfied were you with how you were treated by the person who helped you?"),
        "informed": _l("How satisfied were you with how well you were kept informed about what happens next?"),
        "overall": _l("Overall, how satisfied are you with the service?"),
    },
}

# Answers the intake journey records beyond the shared vocabularies. Codes are stored; labels shown.
LABELS.update(
    {
        "yes_no_not_sure": {"yes": _l("Yes"), "no": _l("No"), "not_sure": _l("Not sure")},
        "yes_no": {"yes": _l("Yes"), "no": _l("No")},
        "times_of_day": {
            "morning": _l("Morning (6am to midday)"),
            "afternoon": _l("Afternoon (midday to 6pm)"),
            "evening": _l("Evening (6pm to midnight)"),
            "night": _l("Night (midnight to 6am)"),
            "not_sure": _l("Not sure"),
        },
        "witnesses": {
            "none": _l("No, nobody else saw it"),
            "one": _l("Yes, one person"),
            "several": _l("Yes, more than one person"),
            "not_sure": _l("Not sure"),
        },
        "safeguarding_referral": {
            "yes": _l("Yes, I will make an adult safeguarding referral"),
            "already": _l("A referral has already been made, or adult social care already know"),
            "no": _l("No, a referral is not needed"),
        },
        "support_kinds": {
            "emotional": _l("Emotional support from a trained volunteer"),
            "safety": _l("Help to feel safe at home, for example better locks or an alarm"),
            "housing": _l("Help with housing, for example moving home"),
            "advocacy": _l("Someone to speak up for them with other services"),
            "counselling": _l("Counselling"),
            "legal": _l("Legal or money advice"),
            "other": _l("Something else"),
        },
        "police_contact": {
            "phone": _l("A phone call"),
            "home_visit": _l("A visit at home"),
            "visit_elsewhere": _l("A meeting somewhere else, for example at this centre"),
            "plain_clothes": _l("An officer in plain clothes"),
            "officer_sex": _l("An officer of a particular sex"),
            "trusted_person": _l("Contact through someone they trust"),
        },
        "officer_sex": {"female": _l("A female officer"), "male": _l("A male officer")},
        "communication_needs": {
            "interpreter": _l("An interpreter"),
            "bsl": _l("A British Sign Language (BSL) interpreter"),
            "easy_read": _l("Easy read information"),
            "large_print": _l("Large print"),
        },
        "age_bands": {
            "under_18": _l("Under 18"),
            "18_24": _l("18 to 24"),
            "25_34": _l("25 to 34"),
            "35_44": _l("35 to 44"),
            "45_54": _l("45 to 54"),
            "55_64": _l("55 to 64"),
            "65_74": _l("65 to 74"),
            "75_over": _l("75 or over"),
            "prefer_not": _l("Prefer not to say"),
        },
        "sexes": {"female": _l("Female"), "male": _l("Male"), "prefer_not": _l("Prefer not to say")},
        "gender_same_as_birth": {"yes": _l("Yes"), "no": _l("No"), "prefer_not": _l("Prefer not to say")},
        "sexual_orientations": {
            "straight": _l("Straight or heterosexual"),
            "gay_lesbian": _l("Gay or lesbian"),
            "bisexual": _l("Bisexual"),
            "other": _l("Another sexual orientation"),
            "prefer_not": _l("Prefer not to say"),
        },
        "ethnic_groups": {
            "asian": _l("Asian or Asian British"),
            "black": _l("Black, Black British, Caribbean or African"),
            "mixed": _l("Mixed or multiple ethnic groups"),
            "white": _l("White"),
            "other": _l("Another ethnic group"),
            "prefer_not": _l("Prefer not to say"),
        },
        "religions": {
            "none": _l("No religion"),
            "christian": _l("Christian"),
            "buddhist": _l("Buddhist"),
            "hindu": _l("Hindu"),
            "jewish": _l("Jewish"),
            "muslim": _l("Muslim"),
            "sikh": _l("Sikh"),
            "other": _l("Another religion"),
            "prefer_not": _l("Prefer not to say"),
        },
        "disability": {"yes": _l("Yes"), "no": _l("No"), "prefer_not": _l("Prefer not to say")},
        # A reporting centre's kind, what it offers and its access (codes in domain/centres.py).
        "centre_kinds": {
            "library": _l("Library"),
            "housing_office": _l("Housing office"),
            "carers_centre": _l("Carers' centre"),
            "charity": _l("Charity"),
            "community_venue": _l("Community venue"),
            "place_of_worship": _l("Place of worship"),
            "council_office": _l("Council office"),
            "other": _l("Other venue"),
        },
        "centre_offers": {
            "assisted_reporting": _l("Help to make a report"),
            "support": _l("Support after a hate incident"),
            "interpreters": _l("Interpreters"),
            "private_room": _l("A private room to talk"),
        },
        "centre_access": {
            "step_free": _l("Step-free access"),
            "hearing_loop": _l("Hearing loop"),
            "bsl": _l("British Sign Language (BSL) users welcome"),
            "accessible_toilet": _l("Accessible toilet"),
            "parking": _l("Parking"),
        },
    }
)

# How a case ended, recorded when it is closed (codes in domain/outcomes.py).
LABELS["outcomes"] = {
    "support_given": _l("Support given"),
    "referred_police": _l("Referred to the police"),
    "referred_support": _l("Referred to a support service"),
    "restorative_justice": _l("Restorative justice"),
    "signposted": _l("Signposted to other help"),
    "no_further_contact": _l("Person did not want further contact"),
    "not_contactable": _l("Could not be contacted"),
    "other": _l("Other outcome"),
}

# The same outcomes as the person reads them in "Check my report".
LABELS["person_outcomes"] = {
    "support_given": _l("You were given support"),
    "referred_police": _l("Your report was passed to the police"),
    "referred_support": _l("Your report was passed to a support service"),
    "restorative_justice": _l("Restorative justice"),
    "signposted": _l("You were told about other help"),
    "no_further_contact": _l("You did not want us to contact you again"),
    "not_contactable": _l("We could not get in touch with you"),
    "other": _l("Something else"),
}

STATUS_LABELS = {
    "draft": _l("Draft"),
    "received": _l("Received"),
    "referred": _l("Referred"),
    "closed": _l("Closed"),
}

CHANNEL_LABELS = {"assisted": _l("At a centre"), "self": _l("Self-report")}


def label(kind: str, code: str | None) -> str:
    """The translated label of a code, or the code itself when it is not in the vocabulary."""
    if code is None:
        return ""
    return str(LABELS.get(kind, {}).get(code, code))


def choices(kind: str) -> list[tuple[str, str]]:
    return [(code, text) for code, text in LABELS[kind].items()]


def wording_change_note(first: date, last: date) -> str | None:
    """What results over `first`..`last` say when they hold answers to both wordings of the survey."""
    if not spans_wording_change(first, last):
        return None
    return _(
        "On %(date)s the questions were reworded to ask how satisfied people were (for example \"How easy was it "
        "to report?\" became \"How satisfied were you with how easy it was to report?\"). The answers and their "
        "scale did not change, so answers from before and after that date are counted together.",
        date=format_date(WORDING_CHANGED_ON, "d MMMM y"),
    )
