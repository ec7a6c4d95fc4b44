"""Going through the assisted report with the test client: answers for every step, and helpers."""

import re

from jinja2 import BytecodeCache

from tests.support.answers import ASSISTED_ANSWERS
from tests.support.html import parse_page

ANSWERS = ASSISTED_ANSWERS


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


# ---------------------------------------------------------------- the same, by endpoint name through `client_request`


def start_report(client_request) -> str:
    """Start a new report through `intake.start` (302 on to its first step); returns its reference."""
    response = client_request.post_response("intake.start", _expected_status=302)
    return reference_in(response.headers["Location"])


def answer_step(client_request, reference: str, slug: str, data: dict | None = None, change: bool = False,
                status: int = 302):  # fmt: skip
    """Post one step's answers (the standard ones unless given) to `intake.step`, asserting `status`: 302 on to
    the next page, 200 when the answers are refused. Returns the response."""
    return client_request.post_response("intake.step", reference=reference, slug=slug, change=1 if change else None,
                                        _data=ANSWERS[slug] if data is None else data,
                                        _expected_status=status)  # fmt: skip


def go_through_steps(client_request, reference: str, answers: dict | None = None, stop_at: str | None = None
                     ) -> list[str]:  # fmt: skip
    """`go_through` by endpoint name: from `intake.resume` (302 to the first unfinished step), answer every step
    shown (each 302) until check-your-answers; returns the slugs seen."""
    answers = {**ANSWERS, **(answers or {})}
    seen = []
    resume = client_request.get_response("intake.resume", reference=reference, _expected_status=302)
    location = resume.headers["Location"]
    while "check-answers" not in location:
        slug = slug_in(location)
        if slug == stop_at:
            break
        seen.append(slug)
        response = client_request.post_response_to_url(location, _data=answers[slug], _expected_status=302)
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
