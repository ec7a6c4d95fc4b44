"""What a person reporting for themselves reads: the plain-language and the easy-read wording.

Both have the shape of the assisted wording (`intake/wording.py`): keys are step slugs; each field
may have a `label`, `hint`, `summary` (the question on check-your-answers) and `choices` (code to
label). Self-reports add `only` (the options offered, in order) and `errors` (pairs of a shared
message and the message this flow shows instead, so the person reads "you", not "they").
Short words and short sentences: the English pages score at least 70 for reading ease (a test checks).
"""

from flask_babel import lazy_gettext as _l

from .. import messages

CHOOSE_ALL = _l("Choose all that apply.")
ONLY_THIS_REPORT = _l("We will only use it to talk to you about this report.")

REPORTER_ROLES = {
    "victim": _l("It happened to me"),
    "witness": _l("I saw it happen to someone else"),
    "third_party": _l("It happened to someone I know, and I am telling you for them"),
}
INCIDENT_TYPES = {
    "verbal_abuse": _l("Someone called names, swore or shouted"),
    "threats": _l("Someone made threats or tried to scare"),
    "harassment": _l("The same thing keeps happening"),
    "physical_assault": _l("Someone hit, kicked or pushed"),
    "spitting": _l("Someone spat"),
    "damage": _l("Someone broke or spoiled a home, car or other things"),
    "graffiti": _l("Someone wrote or drew on a wall, door or car"),
    "online": _l("It happened online, or by text or email"),
    "written": _l("Someone sent letters or notes, or left leaflets"),
    "theft": _l("Someone stole things or broke in"),
    "mate_crime": _l("Someone acted like a friend to take money or things, or to hurt"),
    "sexual": _l("Someone touched in a sexual way, or said sexual things"),
    "other": _l("Something else"),
}
CATEGORIES = {
    "race": _l("Race, skin colour, or where they are from"),
    "religion": _l("Religion or belief"),
    "sexual_orientation": _l("Being gay, lesbian or bi"),
    "disability": _l("A disability"),
    "transgender": _l("Being trans"),
    "alternative_subculture": _l("The way they dress or look, like goth or punk"),
    "sex_gender": _l("Being a woman, or a man"),
    "age": _l("Age"),
    "other": _l("Something else"),
}
LOCATION_TYPES = {
    "street": _l("In the street or another public place"),
    "home": _l("At or near home"),
    "public_transport": _l("On a bus, tram or train, or at a stop"),
    "shop": _l("In a shop, pub, cafe or other business"),
    "school": _l("At school, college or university"),
    "workplace": _l("At work"),
    "place_of_worship": _l("At a place of worship"),
    "healthcare": _l("At a hospital, doctor or care home"),
    "online": _l("Online"),
    "other": _l("Somewhere else"),
}
WITNESSES = {
    "none": _l("No"),
    "one": _l("Yes, one person"),
    "several": _l("Yes, more than one person"),
    "not_sure": _l("I do not know"),
}
YES_NO_NOT_SURE = {"yes": _l("Yes"), "no": _l("No"), "not_sure": _l("I do not know")}
SUPPORT_KINDS = {
    "emotional": _l("Someone to talk to"),
    "safety": _l("Help to feel safe at home, like new locks"),
    "housing": _l("Help to move home"),
    "advocacy": _l("Someone to speak up for me"),
    "counselling": _l("Counselling"),
    "legal": _l("Advice about the law or money"),
    "other": _l("Something else"),
}
POLICE_CONSENT = {
    "named": _l("Yes, and they can have my name"),
    "anonymous": _l("Yes, but do not give them my name"),
    "none": _l("No, do not tell the police"),
}
POLICE_CONTACT = {
    "phone": _l("A phone call"),
    "home_visit": _l("A visit at home"),
    "visit_elsewhere": _l("A meeting somewhere else"),
    "plain_clothes": _l("An officer not in uniform"),
    "officer_sex": _l("A female or a male officer"),
    "trusted_person": _l("Through someone I trust"),
}
CONTACT_METHODS = {
    "phone": _l("Phone call"),
    "text": _l("Text message"),
    "email": _l("Email"),
    "letter": _l("Letter"),
    "video_relay": _l("Through a video relay or BSL interpreting service"),
    "relay_uk": _l("Through Relay UK (text relay)"),
}
COMMUNICATION_NEEDS = {
    "interpreter": _l("Someone to speak my language"),
    "bsl": _l("Someone to sign for me in British Sign Language"),
    "easy_read": _l("Easy read letters"),
    "large_print": _l("Large print"),
}
IDENTIFYING = {
    "description": _l("What you told us happened"),
    "location_description": _l("What you told us about the place"),
    "online_links": _l("The links and usernames you gave us"),
    "perpetrator_description": _l("What you told us about who did it"),
    "injuries": _l("What you told us about the injuries"),
    "accessibility_needs": _l("What you told us you need"),
}

FILES_CLEANED = _l("We remove hidden details from photos, such as where they were taken.")
FILES = {
    "label": _l("Choose pictures or files"),
    "hint": _l("JPG, PNG, HEIC or PDF."),
    "summary": _l("Pictures and files"),
}

_WHO = {
    "label": _l("Who did it happen to?"),
    "summary": _l("Who it happened to"),
    "choices": REPORTER_ROLES,
    "only": tuple(REPORTER_ROLES),
    "errors": ((messages.SELECT_REPORTER_ROLE, messages.SELECT_WHO_IT_HAPPENED_TO),),
}
_CONTACT_METHOD = {
    "label": _l("How should we contact you?"),
    "hint": _l("We will only talk to you about this report."),
    "summary": _l("How to contact you"),
    "choices": CONTACT_METHODS,
    "only": tuple(CONTACT_METHODS),
    "errors": ((messages.SELECT_CONTACT_METHOD, messages.SELECT_YOUR_CONTACT_METHOD),),
}
_NAME = {
    "label": _l("What is your name?"),
    "summary": _l("Your name"),
    "errors": ((messages.ENTER_NAME, messages.ENTER_YOUR_NAME),),
}
_CONTACT_FIELDS = {
    "name": _NAME,
    "preferred_method": _CONTACT_METHOD,
    "phone": {"label": _l("What is your phone number?"), "hint": ONLY_THIS_REPORT, "summary": _l("Phone number")},
    "email": {"label": _l("What is your email address?"), "hint": ONLY_THIS_REPORT, "summary": _l("Email address")},
    "address": {
        "label": _l("What is your address?"),
        "hint": _l("We will only write to you about this report."),
        "summary": _l("Address"),
    },
    "safe_times": {
        "label": _l("When is it safe to contact you? (optional)"),
        "hint": _l("For example, in the morning, or not when someone is at home with you."),
        "summary": _l("Safe times to contact you"),
        "errors": ((messages.SAFE_TIMES_TOO_LONG, messages.YOUR_SAFE_TIMES_TOO_LONG),),
    },
    "safe_to_leave_message": {
        "label": _l("Is it safe to leave you a message?"),
        "summary": _l("Safe to leave a message"),
    },
}

PLAIN = {
    "who-is-reporting": {"reporter_role": _WHO},
    "what-happened": {
        "incident_types": {
            "label": _l("What happened?"),
            "hint": CHOOSE_ALL,
            "summary": _l("What happened"),
            "choices": INCIDENT_TYPES,
        },
        "description": {
            "label": _l("Tell us what happened"),
            "hint": _l("Use your own words. Say as much or as little as you want."),
            "summary": _l("What you told us"),
        },
    },
    "evidence": {
        "title": _l("Pictures, screenshots or files (optional)"),
        "intro": (
            _l("You can add photos of what happened, screenshots of messages or posts, or letters."),
            FILES_CLEANED,
        ),
        "files": FILES,
    },
    "why": {
        "categories": {
            "label": _l("Why do you think it happened?"),
            "hint": _l("You do not need proof. What you think is what counts. Choose all that apply."),
            "summary": _l("Why you think it happened"),
            "choices": CATEGORIES,
        },
    },
    "when": {
        "occurred_on": {
            "label": _l("When did it happen?"),
            "hint": _l("For example, 27 3 2026"),
            "summary": _l("Date"),
            "errors": ((messages.DATE_NEEDS_DAY, messages.DATE_NEEDS_DAY_YOU),),
        },
        "occurred_on_approximate": {
            "label": _l("I'm not sure of the exact date"),
            "hint": _l("Then enter the month and year."),
        },
        "occurred_time": {"label": _l("What time of day was it? (optional)"), "summary": _l("Time of day")},
        "ongoing": {"label": _l("Is it still going on?"), "summary": _l("Still going on")},
    },
    "reported-before": {
        "reported_before": {
            "label": _l("Have you reported something like this before?"),
            "hint": _l("To us, at a reporting centre or online. This helps us see if it keeps happening to you."),
            "summary": _l("Reported something like this before"),
        },
        "earlier_reference": {
            "label": _l("What is the reference of your earlier report?"),
            "hint": _l("It is on your receipt, like HR-7K3M-Q9XC."),
            "summary": _l("Earlier report"),
        },
        "earlier_code": {
            "label": _l("Your Check my report code for it (optional)"),
            "hint": _l("With the code we link the reports straight away. Without it, we check first."),
            "summary": _l("Check my report code"),
        },
    },
    "where": {
        "location_type": {
            "label": _l("Where did it happen?"),
            "summary": _l("Where it happened"),
            "choices": LOCATION_TYPES,
        },
    },
    "place": {
        "area": {
            "label": _l("Which area was it in?"),
            "hint": _l("Choose 'I do not know' if you are not sure."),
            "summary": _l("Area"),
            "choices": {"": _l("Choose an area"), "not_known": _l("I do not know")},
        },
        "postcode": {
            "label": _l("What is the postcode there? (optional)"),
            "hint": _l(
                "It looks like M33 7XY. If you know only the first part, like M33, enter that. "
                "If you do not know it, you can leave this empty."
            ),
            "summary": _l("Postcode"),
        },
        "location_description": {
            "label": _l("Tell us about the place (optional)"),
            "hint": _l("For example, the bus stop by the library on School Road."),
            "summary": _l("The place"),
        },
    },
    "online-abuse": {
        "online_links": {
            "label": _l("Where online did it happen? (optional)"),
            "hint": _l(
                "Give links to the posts or messages, and the names of the accounts. Put each one on a new line."
            ),
            "summary": _l("Links and account names"),
        },
    },
    "witnesses": {
        "witnesses": {
            "label": _l("Did anyone else see it?"),
            "summary": _l("Anyone else saw it"),
            "choices": WITNESSES,
        },
        "witnesses_willing": {
            "label": _l("Would they give us their name?"),
            "summary": _l("They would give their name"),
            "choices": YES_NO_NOT_SURE,
        },
    },
    "responsible": {
        "perpetrator_description": {
            "label": _l("Tell us about who did it (optional)"),
            "hint": _l("For example, how many there were, what they looked like and what they said."),
            "summary": _l("Who did it"),
        },
        "perpetrator_known": {
            "label": _l("Do you know who did it?"),
            "hint": _l("For example, it was a neighbour, or someone from work."),
            "summary": _l("You know who did it"),
            "choices": YES_NO_NOT_SURE,
            "errors": ((messages.SELECT_PERPETRATOR_KNOWN, messages.SELECT_YOU_KNOW_THEM),),
        },
    },
    "harm-and-support": {
        "injured": {"label": _l("Was anyone hurt?"), "summary": _l("Anyone hurt"), "choices": YES_NO_NOT_SURE},
        "injuries": {"label": _l("Tell us who was hurt, and how"), "summary": _l("How they were hurt")},
        "support_wanted": {
            "label": _l("Would you like some help?"),
            "hint": _l("A support service can help you. They can help even if you do not tell the police."),
            "summary": _l("You would like help"),
            "errors": ((messages.SELECT_SUPPORT_WANTED, messages.SELECT_YOU_WANT_SUPPORT),),
        },
        "support_kinds": {
            "label": _l("What help would you like?"),
            "hint": CHOOSE_ALL,
            "summary": _l("Help you would like"),
            "choices": SUPPORT_KINDS,
            "errors": ((messages.SELECT_SUPPORT_KINDS, messages.SELECT_YOUR_SUPPORT_KINDS),),
        },
    },
    "police": {
        "police_consent": {
            "label": _l("Can we tell the police?"),
            "hint": _l("It is your choice. We only tell the police if you say yes."),
            "summary": _l("Tell the police"),
            "choices": POLICE_CONSENT,
            "errors": ((messages.SELECT_POLICE_CONSENT, messages.SELECT_SHARE_WITH_POLICE),),
        },
    },
    "police-contact": {
        "police_contact": {
            "label": _l("How can the police contact you?"),
            "hint": _l("Choose all that are fine for you."),
            "summary": _l("How the police can contact you"),
            "choices": POLICE_CONTACT,
            "errors": ((messages.SELECT_POLICE_CONTACT, messages.SELECT_YOUR_POLICE_CONTACT),),
        },
        "police_officer_sex": {
            "label": _l("Would you like the officer to be a woman or a man?"),
            "summary": _l("Officer"),
            "choices": {"female": _l("A woman"), "male": _l("A man")},
            "errors": ((messages.SELECT_OFFICER_SEX, messages.SELECT_YOUR_OFFICER),),
        },
        "trusted_person": {
            "label": _l("Who do you trust to pass on messages?"),
            "hint": _l("Tell us their name, and how the police can reach them."),
            "summary": _l("Someone you trust"),
        },
    },
    "identifying-details": {
        "identifying_fields": {
            "label": _l("Could any of these answers show who you are?"),
            "hint": _l("You asked us not to give the police your name. We will leave out any answers you choose."),
            "summary": _l("Answers we leave out for the police"),
            "choices": IDENTIFYING,
        },
    },
    "contact": _CONTACT_FIELDS,
    "accessibility-and-language": {
        "communication_needs": {
            "label": _l("Do you need any of these? (optional)"),
            "hint": CHOOSE_ALL,
            "summary": _l("What you need"),
            "choices": COMMUNICATION_NEEDS,
        },
        "interpreter_language": {
            "label": _l("Which language should they speak?"),
            "summary": _l("Language"),
            "errors": ((messages.ENTER_INTERPRETER_LANGUAGE, messages.ENTER_YOUR_INTERPRETER_LANGUAGE),),
        },
        "accessibility_needs": {
            "label": _l("Do you need anything else? (optional)"),
            "hint": _l("For example, a quiet room, or a place with no steps."),
            "summary": _l("Anything else you need"),
        },
    },
    "equality": {
        "age_band": {"label": _l("How old are you?"), "summary": _l("Age")},
        "sex": {"label": _l("What is your sex?"), "summary": _l("Sex")},
        "gender_same_as_birth": {
            "label": _l("Is your gender the same as the sex you were given at birth?"),
            "summary": _l("Gender the same as at birth"),
        },
        "sexual_orientation": {"label": _l("Which of these best describes you?"), "summary": _l("Sexual orientation")},
        "ethnicity": {"label": _l("What is your ethnic group?"), "summary": _l("Ethnic group")},
        "religion": {"label": _l("What is your religion?"), "summary": _l("Religion")},
        "disability": {
            "label": _l("Do you have a health condition or illness that has lasted a year or more?"),
            "summary": _l("Health condition"),
        },
    },
}

EASY = {
    "who-is-reporting": {"reporter_role": {**_WHO, "label": _l("Who did it happen to?")}},
    "what-happened": {
        "incident_types": {
            "label": _l("What happened?"),
            "hint": _l("You can choose more than one."),
            "summary": _l("What happened"),
            "choices": INCIDENT_TYPES,
        },
        "description": {
            "label": _l("Do you want to tell us more?"),
            "hint": _l("You do not have to. You can leave this empty."),
            "summary": _l("What you told us"),
        },
    },
    "evidence": {
        "title": _l("Do you want to show us pictures?"),
        "intro": (
            _l("You can add photos, pictures of a screen, or letters."),
            _l("You do not have to."),
            FILES_CLEANED,
        ),
        "files": FILES,
    },
    "why": {
        "categories": {
            "label": _l("Why do you think it happened?"),
            "hint": _l("You do not need proof. You can choose more than one."),
            "summary": _l("Why you think it happened"),
            "choices": CATEGORIES,
        },
    },
    "when-choice": {
        "when_choice": {
            "label": _l("When did it happen?"),
            "hint": _l("Is it still going on? Then choose the last time it happened."),
            "summary": _l("When"),
        },
    },
    "when": {
        "occurred_on": {
            "label": _l("What was the date?"),
            "hint": _l("For example, 27 3 2026"),
            "summary": _l("Date"),
            "errors": ((messages.DATE_NEEDS_DAY, messages.DATE_NEEDS_DAY_YOU),),
        },
        "occurred_on_approximate": {
            "label": _l("I'm not sure of the exact date"),
            "hint": _l("Then put the month and year."),
        },
        "ongoing": {"label": _l("Is it still going on?"), "summary": _l("Still going on")},
    },
    "where": {
        "location_type": {"label": _l("Where did it happen?"), "summary": _l("Where"), "choices": LOCATION_TYPES},
    },
    "place": {
        "area": {
            "label": _l("Where was it? Choose the nearest place."),
            "hint": _l("These are places where people can help you. If it was not near one, choose 'Somewhere else'."),
            "summary": _l("Near"),
        },
    },
    "harm-and-support": {
        "support_wanted": {
            "label": _l("Do you want help?"),
            "hint": _l("Someone can help you. You do not have to tell the police."),
            "summary": _l("You want help"),
            "errors": ((messages.SELECT_SUPPORT_WANTED, messages.SELECT_YOU_WANT_SUPPORT),),
        },
        "support_kinds": {
            "label": _l("What help do you want?"),
            "hint": _l("You can choose more than one."),
            "summary": _l("Help you want"),
            "choices": SUPPORT_KINDS,
            "errors": ((messages.SELECT_SUPPORT_KINDS, messages.SELECT_YOUR_SUPPORT_KINDS),),
        },
    },
    "police": {
        "police_consent": {
            "label": _l("Can we tell the police?"),
            "hint": _l("It is your choice."),
            "summary": _l("Tell the police"),
            "choices": POLICE_CONSENT,
            "errors": ((messages.SELECT_POLICE_CONSENT, messages.SELECT_SHARE_WITH_POLICE),),
        },
    },
    "contact-choice": {
        "contact_wanted": {
            "label": _l("Can we contact you?"),
            "hint": _l("We will only talk to you about this report."),
            "summary": _l("We can contact you"),
        },
    },
    "contact": {
        **_CONTACT_FIELDS,
        "phone": {"label": _l("What is your phone number?"), "hint": ONLY_THIS_REPORT, "summary": _l("Phone number")},
    },
}
