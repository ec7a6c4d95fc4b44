"""Translatable labels for the vocabulary codes; the English text matches `data/vocabulary.json`.

The codes are stored and exchanged; these labels are what people see. A unit test checks that
every code in the vocabulary has a label here and that the English agrees with the file.
"""

from flask_babel import lazy_gettext as _l

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
        "ease": _l("How easy was it to report?"),
        "treatment": _l("How well were you treated by the person who helped you?"),
        "informed": _l("How well were you kept informed about what happens next?"),
        "overall": _l("Overall, how satisfied are you with the service?"),
    },
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
