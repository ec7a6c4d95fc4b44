"""Every page a person reporting online reads scores at least 70 for Flesch reading ease in English.

Each page is rendered through the real journey and its visible main text scored with textstat. A
line of text is one thing a person reads (a question, a hint, an option), so each line counts as a
sentence: an option such as "Someone spat" is not run into the next one.
"""

import re

import pytest
import textstat

from reporting.extensions import db
from reporting.selfreport.flows import FLOWS
from tests.support import factories
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
        client = app.test_client()
        seen, location = go_through(client, flow, answers)
        for slug in seen:
            pages[slug] = client.get(f"/report/{flow}/{slug}").get_data(as_text=True)
        pages["check-answers"] = client.get(location).get_data(as_text=True)
    sent = send(client := app.test_client(), flow)
    pages["sent"] = client.get(sent).get_data(as_text=True)
    pages["receipt"] = client.get("/report/receipt").get_data(as_text=True)
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


@pytest.mark.parametrize("path", ["/report/", "/report/easy-read", "/report/questions/why"])
def test_the_start_and_help_pages_score_at_least_70(client, places, path):
    html = client.get(path).get_data(as_text=True)
    assert score(html) >= MINIMUM, visible_text(html)


def test_the_score_is_of_the_words_shown():
    hard = "Notwithstanding organisational difficulties, comprehensive documentation facilitates it."
    hidden = "<span class='govuk-visually-hidden'>Notwithstanding organisational</span>"
    assert score(f"<main><p>{hard}</p></main>") < MINIMUM <= score(f"<main><p>We will believe you.</p>{hidden}</main>")
