"""The assisted flow's wording: what the volunteer sees and reads out, step by step.

Keys are step slugs; each has a `title` and, per field, any of `label`, `hint`, `summary` (the
short question on check-your-answers), `choices` (code to label) and `choice_hints` (code to a hint
under that option, or a function of the form that gives them). A step may also have `intro`
(paragraphs before its questions), `inset` (a highlighted note after them) and `question_is_heading`
(its question is the page's heading instead of the title). The self-report flow keeps its own wording
in the same shape, so the questions and their checks are shared.
"""

from ..i18n import lazy_gettext as _l
from .forms.identifying_details import IdentifyingDetailsForm

ASSISTED = {
    "who-is-reporting": {
        "title": _l("Who is making this report?"),
        "question_is_heading": True,
        "reporter_role": {"label": _l("Who is making this report?"), "summary": _l("Who is reporting")},
    },
    "what-happened": {
        "title": _l("What happened"),
        "incident_types": {
            "label": _l("What kind of incident was it?"),
            "hint": _l("Select all that apply."),
            "summary": _l("What happened"),
        },
        "description": {
            "label": _l("Describe what happened"),
            "hint": _l("Write it in the person's own words, as much or as little as they want to say."),
            "summary": _l("Account of what happened"),
        },
    },
    "safeguarding": {
        "title": _l("Consider an adult safeguarding referral"),
        "intro": (
            _l(
                "'Mate crime' is when someone pretends to be a friend to take advantage of a person. It is often "
                "aimed at adults with care and support needs, such as a learning disability."
            ),
        ),
        "inset": _l(
            "If the person may have care and support needs and is at risk of abuse or exploitation, make an adult "
            "safeguarding referral to the council today. If they are in danger now, call 999."
        ),
        "safeguarding_referral": {
            "label": _l("Will you make an adult safeguarding referral?"),
            "summary": _l("Adult safeguarding referral"),
        },
    },
    "why": {
        "title": _l("Why do they think it happened?"),
        "inset": _l(
            "A hate incident is anything the person, or anyone else, thinks happened because of hostility or "
            "prejudice towards who they are. What they think is what counts: they do not have to prove why it "
            "happened."
        ),
        "categories": {
            "label": _l("Why do they think it happened?"),
            "hint": _l("Select all that apply."),
            "summary": _l("Why they think it happened"),
        },
    },
    "when": {
        "title": _l("When did it happen?"),
        "occurred_on": {
            "label": _l("What date did it happen?"),
            "hint": _l("For example, 27 3 2026"),
            "summary": _l("Date"),
        },
        "occurred_on_approximate": {
            "label": _l("I'm not sure of the exact date"),
            "hint": _l("Enter the month and year only."),
        },
        "occurred_time": {"label": _l("What time of day was it? (optional)"), "summary": _l("Time of day")},
        "ongoing": {"label": _l("Is it still happening?"), "summary": _l("Still happening")},
    },
    "reported-before": {
        "title": _l("Reported before"),
        "reported_before": {
            "label": _l("Have they reported something like this before?"),
            "hint": _l("To us, at any reporting centre or online."),
            "summary": _l("Reported something like this before"),
        },
        "earlier_reference": {
            "label": _l("What is the reference of the earlier report?"),
            "hint": _l("It is on their receipt, like HR-7K3M-Q9XC. Linked reports show the centre the whole story."),
            "summary": _l("Earlier report"),
        },
        "earlier_code": {
            "label": _l("Their Check my report code for it (optional)"),
            "hint": _l("With the code, the reports are linked straight away; without it, staff check the link first."),
            "summary": _l("Check my report code"),
        },
    },
    "where": {
        "title": _l("Where did it happen?"),
        "question_is_heading": True,
        "location_type": {"label": _l("Where did it happen?"), "summary": _l("Where it happened")},
    },
    "place": {
        "title": _l("Where was the place?"),
        "area": {
            "label": _l("Area"),
            "hint": _l("The ward or neighbourhood. Choose 'Not known' if they are not sure."),
            "summary": _l("Area"),
        },
        "postcode": {
            "label": _l("Postcode (optional)"),
            "hint": _l("For example, M33 7XY, or the first part, M33"),
            "summary": _l("Postcode"),
        },
        "location_description": {
            "label": _l("Describe the place (optional)"),
            "hint": _l("For example, the bus stop outside the library on School Road."),
            "summary": _l("Description of the place"),
        },
    },
    "online-abuse": {
        "title": _l("Online abuse"),
        "online_links": {
            "label": _l("Links to the posts or messages, and usernames of the accounts (optional)"),
            "hint": _l("Put each one on its own line. Screenshots can be added on the evidence page."),
            "summary": _l("Links and usernames"),
        },
    },
    "witnesses": {
        "title": _l("Witnesses"),
        "witnesses": {"label": _l("Did anyone else see what happened?"), "summary": _l("Witnesses")},
        "witnesses_willing": {
            "label": _l("Would the witnesses be willing to give their details?"),
            "hint": _l("Answer this if anyone saw it."),
            "summary": _l("Witnesses would give details"),
        },
    },
    "evidence": {
        "title": _l("Photos, screenshots or documents"),
        "files": {
            "label": _l("Add photos, screenshots or documents (optional)"),
            "hint": _l(
                "JPG, PNG, HEIC or PDF, up to 5 files of 10 MB each. Location and camera details are removed "
                "from photos when they are added."
            ),
            "summary": _l("Evidence files"),
        },
    },
    "responsible": {
        "title": _l("The person or people responsible"),
        "perpetrator_description": {
            "label": _l("Describe the person or people responsible (optional)"),
            "hint": _l("For example, how many there were, what they looked like, what they said or wore."),
            "summary": _l("Description of who did it"),
        },
        "perpetrator_known": {
            "label": _l("Does the person it happened to know them?"),
            "summary": _l("Known to the person"),
        },
    },
    "harm-and-support": {
        "title": _l("Harm and support"),
        "injured": {"label": _l("Was anyone hurt?"), "summary": _l("Anyone hurt")},
        "injuries": {"label": _l("If anyone was hurt, describe the injuries"), "summary": _l("Injuries")},
        "support_wanted": {
            "label": _l("Would they like support?"),
            "hint": _l("Support services can help whether or not the police are told."),
            "summary": _l("Would like support"),
        },
        "support_kinds": {
            "label": _l("If they would like support, what would help?"),
            "hint": _l("Select all that apply."),
            "summary": _l("Support they would like"),
        },
    },
    "police": {
        "title": _l("Can this report be shared with the police?"),
        "question_is_heading": True,
        "police_consent": {
            "label": _l("Can this report be shared with the police?"),
            "summary": _l("Sharing with the police"),
            "choices": {
                "named": _l("Share with the police, with their details"),
                "anonymous": _l("Share with the police, without their details"),
            },
            "choice_hints": {
                "named": _l("The police get what happened, with their name and contact details, and may contact them."),
                "anonymous": _l(
                    "The police get what happened to help them see patterns, but not who they are. The police cannot "
                    "contact them about it."
                ),
                "none": _l("The police are not told. The centre can still offer support."),
            },
        },
    },
    "identifying-details": {
        "title": _l("Details that could identify them"),
        "question_is_heading": True,
        "identifying_fields": {
            "label": _l("Could any of these answers identify them?"),
            "hint": _l(
                "They asked to stay anonymous. Answers you select are left out of the referral to the police. "
                "Select all that apply."
            ),
            "summary": _l("Answers withheld from the police"),
            "choice_hints": IdentifyingDetailsForm.excerpts,
        },
    },
    "police-contact": {
        "title": _l("How would they accept contact from the police?"),
        "question_is_heading": True,
        "police_contact": {
            "label": _l("How would they accept contact from the police?"),
            "hint": _l("Select all that apply."),
            "summary": _l("Police contact they would accept"),
        },
        "police_officer_sex": {
            "label": _l("If an officer of a particular sex, which would they prefer?"),
            "summary": _l("Officer"),
        },
        "trusted_person": {
            "label": _l("If through someone they trust, who is it and how can the police reach them?"),
            "summary": _l("Trusted person"),
        },
    },
    "contact": {
        "title": _l("Contact details"),
        "intro": (_l("These details are kept apart from the report and are only shared as the person has agreed."),),
        "name": {"label": _l("Full name"), "summary": _l("Name")},
        "preferred_method": {
            "label": _l("What is the best way to contact them?"),
            "summary": _l("Best way to contact"),
            "choices": {"none": _l("They do not want to be contacted")},
        },
        "phone": {"label": _l("Phone number"), "hint": _l("Needed for phone calls and text messages.")},
        "email": {"label": _l("Email address"), "hint": _l("Needed for email.")},
        "address": {"label": _l("Address"), "hint": _l("Needed for letters.")},
        "safe_times": {
            "label": _l("When is it safe to contact them? (optional)"),
            "hint": _l("For example, weekday mornings, or not when their partner is at home."),
            "summary": _l("Safe times"),
        },
        "safe_to_leave_message": {
            "label": _l("Is it safe to leave a message?"),
            "summary": _l("Safe to leave a message"),
        },
    },
    "accessibility-and-language": {
        "title": _l("Language and accessibility"),
        "language": {"label": _l("Which language did they use to make this report?"), "summary": _l("Language used")},
        "communication_needs": {
            "label": _l("Do they need any of these to take part? (optional)"),
            "hint": _l("Select all that apply."),
            "summary": _l("Communication needs"),
        },
        "interpreter_language": {
            "label": _l("If they need an interpreter, for which language?"),
            "summary": _l("Interpreter language"),
        },
        "accessibility_needs": {
            "label": _l("Any other accessibility needs (optional)"),
            "hint": _l("For example, step-free access, or a quiet room."),
            "summary": _l("Other needs"),
        },
    },
    "equality": {
        "title": _l("Equality monitoring (optional)"),
        "intro": (
            _l(
                "These questions help the partnership check that the service is fair to everyone. They are "
                "optional: the person can answer 'Prefer not to say' or leave any question out. Their answers do "
                "not change what happens with the report."
            ),
        ),
        "age_band": {"label": _l("What is their age?")},
        "sex": {"label": _l("What is their sex?")},
        "gender_same_as_birth": {
            "label": _l("Is the gender they identify with the same as their sex registered at birth?"),
            "summary": _l("Gender the same as at birth"),
        },
        "sexual_orientation": {"label": _l("Which of these best describes their sexual orientation?")},
        "ethnicity": {"label": _l("What is their ethnic group?")},
        "religion": {"label": _l("What is their religion?")},
        "disability": {
            "label": _l("Do they have a physical or mental health condition or illness lasting 12 months or more?"),
            "summary": _l("Disability or long-term condition"),
        },
    },
}
