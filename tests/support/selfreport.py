"""Going through a report made online with the test client: answers for every page, and helpers."""

from tests.support.html import parse_page

# Answers for every page of the plain-language flow, as a browser would post them.
PLAIN_ANSWERS = {
    "who-is-reporting": {"reporter_role": "victim"},
    "what-happened": {"incident_types": ["verbal_abuse", "threats"]},
    "tell-us-what-happened": {"description": "Two men shouted at me outside the shop."},
    "pictures-and-files": {},
    "why": {"categories": ["race", "religion"]},
    "when": {"occurred_on-day": "13", "occurred_on-month": "3", "occurred_on-year": "2026"},
    "time-of-day": {"occurred_time": "evening"},
    "still-going-on": {"ongoing": "no"},
    "reported-before": {"reported_before": "no"},
    "where": {"location_type": "street"},
    "place": {"area": "sale_central"},
    "postcode": {"postcode": "m33 7xy"},
    "the-place": {"location_description": "Outside the shop on School Road."},
    "online-abuse": {"online_links": "https://example.com/post/1"},
    "witnesses": {"witnesses": "one"},
    "witnesses-details": {"witnesses_willing": "yes"},
    "responsible": {"perpetrator_description": "Two men in their twenties."},
    "know-who-did-it": {"perpetrator_known": "no"},
    "harm-and-support": {"injured": "no"},
    "injuries": {"injuries": "A cut on my hand."},
    "help": {"support_wanted": "yes"},
    "help-you-would-like": {"support_kinds": ["emotional", "safety"]},
    "police": {"police_consent": "anonymous"},
    "police-contact": {"police_contact": ["phone"]},
    "officer": {"police_officer_sex": "female"},
    "someone-you-trust": {"trusted_person": "My sister, 07700 900 123"},
    "contact": {"name": "Sam Example"},
    "contact-method": {"preferred_method": "phone"},
    "phone": {"phone": "07700 900 982"},
    "email": {"email": "sam@example.com"},
    "address": {"address": "1 Example Street"},
    "safe-times": {"safe_times": "Weekday mornings"},
    "leave-a-message": {"safe_to_leave_message": "no"},
    "accessibility-and-language": {"communication_needs": ["large_print"]},
    "interpreter": {"interpreter_language": "Urdu"},
    "other-needs": {"accessibility_needs": ""},
    "identifying-details": {"identifying_fields": ["description"]},
    "equality": {"age_band": "25_34", "religion": "muslim"},
}

EASY_READ_ANSWERS = {
    "who-is-reporting": {"reporter_role": "victim"},
    "what-happened": {"incident_types": ["verbal_abuse"]},
    "tell-us-more": {"description": ""},
    "pictures-and-files": {},
    "why": {"categories": ["disability"]},
    "when-choice": {"when_choice": "yesterday"},
    "when": {"occurred_on-day": "2", "occurred_on-month": "1", "occurred_on-year": "2026"},
    "still-going-on": {"ongoing": "yes"},
    "where": {"location_type": "public_transport"},
    "place": {"area": "not_known"},
    "help": {"support_wanted": "yes"},
    "help-you-want": {"support_kinds": ["emotional"]},
    "police": {"police_consent": "none"},
    "contact-choice": {"contact_wanted": "yes"},
    "contact": {"name": "Alex Example"},
    "contact-method": {"preferred_method": "text"},
    "phone": {"phone": "07700 900 111"},
    "email": {"email": "alex@example.com"},
    "address": {"address": "2 Example Street"},
    "leave-a-message": {"safe_to_leave_message": "yes"},
}

FLOW_ANSWERS = {"questions": PLAIN_ANSWERS, "easy-read": EASY_READ_ANSWERS}


def start(client, flow: str = "questions", query: str = "") -> str:
    """Start a report; returns the address of its first page."""
    response = client.post(f"/report/{flow}/start{query}")
    assert response.status_code == 302, response.status_code
    return response.headers["Location"]


def slug_in(url: str) -> str:
    return url.split("?")[0].rstrip("/").rsplit("/", 1)[-1]


def go_through(client, flow: str = "questions", answers: dict | None = None, stop_at: str | None = None,
               query: str = "") -> tuple[list[str], str]:
    """Start and answer every page shown until check-your-answers (or `stop_at`); returns the slugs seen
    and the address reached."""  # fmt: skip
    answers = {**FLOW_ANSWERS[flow], **(answers or {})}
    location = start(client, flow, query)
    seen = []
    while "check-answers" not in location:
        slug = slug_in(location)
        if slug == stop_at:
            break
        seen.append(slug)
        response = client.post(location, data=answers[slug])
        assert response.status_code == 302, (slug, parse_page(response).select_one(".govuk-error-summary"))
        location = response.headers["Location"]
    return seen, location


def send(client, flow: str = "questions", answers: dict | None = None, query: str = "") -> str:
    """Go through the whole flow and send the report; returns the address of the confirmation page."""
    _seen, location = go_through(client, flow, answers, query=query)
    response = client.post(location)
    assert response.status_code == 302, response.status_code
    return response.headers["Location"]
