"""Going through the assisted report with the test client: answers for every step, and helpers."""

import re

from jinja2 import BytecodeCache

from tests.support.html import parse_page

# A complete set of answers, one entry per step, as a browser would post them.
ANSWERS = {
    "who-is-reporting": {"reporter_role": "victim"},
    "what-happened": {"incident_types": ["verbal_abuse", "threats"], "description": "Shouted at outside the shop."},
    "safeguarding": {"safeguarding_referral": "yes"},
    "why": {"categories": ["race", "religion"]},
    "when": {"occurred_on-day": "13", "occurred_on-month": "3", "occurred_on-year": "2026", "occurred_time": "evening",
             "ongoing": "no"},
    "where": {"location_type": "street"},
    "place": {"area": "sale_central", "postcode": "m33 7xy", "location_description": "Outside the Co-op."},
    "online-abuse": {"online_links": "https://example.com/post/1"},
    "witnesses": {"witnesses": "one", "witnesses_willing": "yes"},
    "evidence": {"action": "continue"},
    "responsible": {"perpetrator_description": "Two men in their twenties.", "perpetrator_known": "no"},
    "harm-and-support": {"injured": "no", "support_wanted": "yes", "support_kinds": ["emotional", "safety"]},
    "police": {"police_consent": "named"},
    "police-contact": {"police_contact": ["phone", "officer_sex"], "police_officer_sex": "female"},
    "contact": {"name": "Sam Example", "preferred_method": "phone", "phone": "07700 900 982", "email": "",
                "address": "", "safe_times": "Weekday mornings", "safe_to_leave_message": "no"},
    "accessibility-and-language": {"language": "ur", "communication_needs": ["interpreter"],
                                   "interpreter_language": "Urdu", "accessibility_needs": ""},
    "identifying-details": {"identifying_fields": ["description"]},
    "equality": {"age_band": "25_34", "sex": "prefer_not", "religion": "muslim"},
}  # fmt: skip


def start_draft(client) -> str:
    """Start a new report; returns its reference."""
    response = client.post("/intake/start")
    assert response.status_code == 302, response.status_code
    return reference_in(response.headers["Location"])


def reference_in(url: str) -> str:
    return re.search(r"/intake/(HR-[A-Z0-9]{4}-[A-Z0-9]{4})", url).group(1)


def slug_in(url: str) -> str:
    return url.split("?")[0].rstrip("/").rsplit("/", 1)[-1]


def step_url(reference: str, slug: str, change: bool = False) -> str:
    return f"/intake/{reference}/{slug}" + ("?change=1" if change else "")


def answer(client, reference: str, slug: str, data: dict | None = None, change: bool = False):
    """Post one step's answers (the standard ones unless given)."""
    return client.post(step_url(reference, slug, change), data=ANSWERS[slug] if data is None else data)


def go_through(client, reference: str, answers: dict | None = None, stop_at: str | None = None) -> list[str]:
    """Answer every step shown, from the first unfinished, until check-your-answers; returns the slugs seen."""
    answers = {**ANSWERS, **(answers or {})}
    seen = []
    location = client.get(f"/intake/{reference}").headers["Location"]
    while "check-answers" not in location:
        slug = slug_in(location)
        if slug == stop_at:
            break
        seen.append(slug)
        response = client.post(location, data=answers[slug])
        assert response.status_code == 302, (slug, parse_page(response).select_one(".govuk-error-summary"))
        location = response.headers["Location"]
    return seen


class SharedTemplateCache(BytecodeCache):
    """Compiled templates kept in memory across the apps that tests build, so each test does not compile them again."""

    def __init__(self):
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_CACHE = SharedTemplateCache()
