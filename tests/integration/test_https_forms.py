"""Forms work over HTTPS as browsers send them: the pages ask for no Referer (`Referrer-Policy: no-referrer`), so a
form posted over HTTPS comes without one, and is still taken (its CSRF token protects it)."""

from tests.support.html import parse_page

HTTPS = "https://localhost"


def test_a_form_posted_over_https_without_a_referer_is_taken(client):
    page = client.get("/sign-in", base_url=HTTPS)
    assert page.headers["Referrer-Policy"] == "no-referrer"
    form = {"email": "nobody@example.org", "password": "not the password"}
    answer = client.post("/sign-in", data=form, base_url=HTTPS)
    assert answer.status_code == 200
    text = parse_page(answer).get_text(" ")
    assert "The email address or password is not right" in text
    assert "This page has timed out" not in text


def test_a_form_posted_over_https_without_its_token_is_still_refused(client):
    answer = client.post("/sign-in", data={"email": "nobody@example.org", "password": "x"}, base_url=HTTPS, csrf=False)
    assert answer.status_code == 400
    assert "This page has timed out" in parse_page(answer).get_text(" ")
