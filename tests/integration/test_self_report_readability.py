"""Every page a person reporting online reads scores at least 70 for Flesch reading ease in English.

Each page is rendered through the real journey and its visible main text scored with textstat. A
line of text is one thing a person reads (a question, a hint, an option), so each line counts as a
sentence: an option such as "Someone spat" is not run into the next one.
"""

import re

import pytest
import textstat

from reporting.domain.references import new_reference
from reporting.extensions import db
from reporting.selfreport.flows import FLOWS
from tests.support import factories
from tests.support.client import ClientRequest
from tests.support.selfreport import go_through, send

MINIMUM = 70
HIDDEN = ".govuk-visually-hidden, .app-honeypot, script"

# Answer sets that between them show every page of each flow.
PATHS = {
    "questions": [
        {
            "harm-and-support": {"injured": "yes"},
            "police": {"police_consent": "named"},
            "police-contact": {"police_contact": ["phone", "officer_sex", "trusted_person"]},
            "accessibility-and-language": {"communication_needs": ["interpreter"]},
            "where": {"location_type": "online"},
            "reported-before": {"reported_before": "yes"},
            "earlier-report": {"earlier_reference": new_reference()},
        },
        {"contact-method": {"preferred_method": "email"}},
        {"contact-method": {"preferred_method": "letter"}},
    ],
    "easy-read": [
        {"when-choice": {"when_choice": "earlier"}, "contact-method": {"preferred_method": "email"}},
        {"contact-method": {"preferred_method": "letter"}},
        {},
    ],
}


def visible_text(html: str) -> str:
    from bs4 import BeautifulSoup

    main = BeautifulSoup(html, "html.parser").select_one("main")
    for hidden in main.select(HIDDEN):
        hidden.decompose()
    lines = [" ".join(line.split()) for line in main.get_text("\n").splitlines()]
    return " ".join(line if re.search(r"[.?!:]$", line) else line + "." for line in lines if line)


def score(html: str) -> float:
    textstat.set_lang("en_GB")
    return textstat.flesch_reading_ease(visible_text(html))


def _journey_pages(app, flow: str) -> dict[str, str]:
    """Every page of the flow as a person sees it, by page slug, plus check-your-answers and what follows."""
    pages = {}
    for answers in PATHS[flow]:
        browser = ClientRequest(app.test_client(), auth=None)
        seen, location = go_through(browser.client, flow, answers)
        for slug in seen:
            pages[slug] = browser.get_response("selfreport.page", flow=flow, slug=slug).get_data(as_text=True)
        pages["check-answers"] = browser.get_response_from_url(location).get_data(as_text=True)
    browser = ClientRequest(app.test_client(), auth=None)
    sent = send(browser.client, flow)
    pages["sent"] = browser.get_response_from_url(sent).get_data(as_text=True)
    pages["receipt"] = browser.get_response("selfreport.receipt").get_data(as_text=True)
    return pages


@pytest.fixture
def places(app):
    factories.centre()
    db.session.commit()


@pytest.mark.parametrize("flow", ["questions", "easy-read"])
def test_every_page_of_the_flow_scores_at_least_70(app, places, flow):
    pages = _journey_pages(app, flow)
    assert set(FLOWS[flow].step_slugs) <= set(pages), "a page of the flow was not checked"
    scores = {slug: round(score(html), 1) for slug, html in pages.items()}
    low = {slug: value for slug, value in scores.items() if value < MINIMUM}
    assert not low, f"pages below {MINIMUM}: {low}"


@pytest.mark.parametrize(
    ("endpoint", "values", "status"),
    [
        ("selfreport.start", {}, 200),
        ("selfreport.easy_read_start", {}, 200),
        ("selfreport.page", {"flow": "questions", "slug": "why"}, 404),  # no report yet: the help to start one
    ],
)
def test_the_start_and_help_pages_score_at_least_70(client_request, places, endpoint, values, status):
    html = client_request.get_response(endpoint, **values, _expected_status=status).get_data(as_text=True)
    assert score(html) >= MINIMUM, visible_text(html)


def test_the_score_is_of_the_words_shown():
    hard = "Notwithstanding organisational difficulties, comprehensive documentation facilitates it."
    hidden = "<span class='govuk-visually-hidden'>Notwithstanding organisational</span>"
    assert score(f"<main><p>{hard}</p></main>") < MINIMUM <= score(f"<main><p>We will believe you.</p>{hidden}</main>")
