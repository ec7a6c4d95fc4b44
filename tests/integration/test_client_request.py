"""`client_request`: requests by endpoint name that assert their status, and the checks every page must pass."""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from reporting.extensions import db
from tests.support import factories
from tests.support.html import check_page, translated_messages

PAGE = """<!doctype html><html lang="{lang}"><head><title>A page</title></head>
<body><main>{body}</main></body></html>"""


def page_of(body: str, lang: str = "en") -> BeautifulSoup:
    return BeautifulSoup(PAGE.format(lang=lang, body=body), "html.parser")


class FormRequest:
    """The request a page came from, as the test client's response carries it."""

    url = "http://localhost/sign-in"


# ---------------------------------------------------------------- requests by endpoint name


def test_a_page_is_named_by_its_endpoint_and_comes_back_parsed(client_request):
    page = client_request.get("auth.sign_in")
    assert page.select_one("form input[name=email]") is not None


def test_arguments_the_rule_does_not_take_become_the_query_string(client_request):
    assert client_request.url_for("reports.list_reports", status="closed") == "/reports/?status=closed"
    assert client_request.url_for("reports.view_report", reference="HR-AAAA-BBBB") == "/reports/HR-AAAA-BBBB"


def test_an_unexpected_status_fails_the_test_and_says_where_it_went(client_request):
    with pytest.raises(AssertionError, match=r"GET /reports/: expected 200, got 302 /sign-in"):
        client_request.get("reports.list_reports")


def test_a_redirect_is_checked_against_the_address_expected(client_request):
    signing_in = "/sign-in?next=%2Freports%2F"
    assert client_request.get("reports.list_reports", _expected_status=302, _expected_redirect=signing_in) is None
    with pytest.raises(AssertionError, match="went to /sign-in"):
        client_request.get("reports.list_reports", _expected_status=302, _expected_redirect="/")


def test_a_post_sends_the_form_with_its_csrf_token_and_a_bad_one_is_refused(client_request, app):
    user = factories.user("volunteer@example.org", role="volunteer", centre_obj=factories.centre())
    db.session.commit()
    page = client_request.post("auth.sign_in", _data={"email": user.email, "password": "wrong"})
    assert page.select_one(".govuk-error-summary") is not None
    client_request.post("auth.sign_in", _data={"email": user.email, "password": factories.PASSWORD}, _csrf=False,
                        _expected_status=400)  # fmt: skip
    client_request.post("auth.sign_in", _data={"email": user.email, "password": factories.PASSWORD},
                        _expected_redirect="/reports/")  # fmt: skip


def test_signed_in_requests_go_through_the_sign_in_form(client_request):
    centre = factories.centre()
    client_request.login_as("centre_lead", centre)
    page = client_request.get("reports.list_reports")
    assert page.h1 is not None


def test_files_and_other_responses_that_are_not_pages_come_back_whole(client_request):
    response = client_request.get_response("health.healthz")
    assert response.is_json
    with pytest.raises(AssertionError, match="not a page but application/json"):
        client_request.get("health.healthz")


def test_a_misspelt_option_is_caught(client_request):
    with pytest.raises(AssertionError, match="unknown options"):
        client_request.get("auth.sign_in", _expected_redirct="/")


# ---------------------------------------------------------------- the checks every page must pass


def test_a_page_that_meets_every_check_passes(app):
    check_page(page_of('<h1>Sign in</h1><form method="post"><input name="csrf_token"></form>'), app, FormRequest)


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("<p>No heading</p>", "one h1 on a page, not 0"),
        ("<h1>One</h1><h1>Two</h1>", "one h1 on a page, not 2"),
        ('<h1 id="x">A</h1><p id="x">B</p>', "duplicate ids: ['x']"),
        ('<h1>A</h1><form method="post"></form>', "a POST form without a CSRF token"),
        ('<h1>A</h1><form method="post" action="/nowhere"><input name="csrf_token"></form>', "not a route"),
        ('<h1>A</h1><form method="post" action="/reports/"><input name="csrf_token"></form>', "does not take POST"),
    ],
)
def test_a_page_that_breaks_a_rule_fails(app, body, problem):
    with pytest.raises(AssertionError, match=problem.replace("[", r"\[").replace("]", r"\]")):
        check_page(page_of(body), app, FormRequest)


def test_a_page_without_a_title_fails(app):
    page = BeautifulSoup("<html><head></head><body><h1>A</h1></body></html>", "html.parser")
    with pytest.raises(AssertionError, match="no title"):
        check_page(page, app)


SUMMARY = '<div class="govuk-error-summary"><ul class="govuk-error-summary__list"><a href="{href}">Wrong</a></ul></div>'


def test_the_error_summary_links_to_a_field_of_the_form(app):
    form = '<form><div id="email-group"><input id="email" name="email"></div></form>'
    check_page(page_of("<h1>A</h1>" + SUMMARY.format(href="#email") + form), app)
    with pytest.raises(AssertionError, match="not on the page"):
        check_page(page_of("<h1>A</h1>" + SUMMARY.format(href="#password") + form), app)
    with pytest.raises(AssertionError, match="a <div>, not a field"):
        check_page(page_of("<h1>A</h1>" + SUMMARY.format(href="#email-group") + form), app)


def test_an_error_summary_without_a_form_may_link_to_a_section_of_the_page(app):
    check_page(page_of("<h1>A</h1>" + SUMMARY.format(href="#other-ways") + '<section id="other-ways"></section>'), app)


def test_english_the_catalogue_translates_fails_a_page_in_another_language(app):
    english = sorted(translated_messages((Path(app.config["BABEL_TRANSLATION_DIRECTORIES"]),), "pl"))[0]
    check_page(page_of(f"<h1>Polski</h1><p lang='en'>{english}</p>", lang="pl"), app)  # marked as English: fine
    check_page(page_of(f"<h1>{english}</h1>", lang="en"), app)
    with pytest.raises(AssertionError, match="English on a page in pl"):
        check_page(page_of(f"<h1>Polski</h1><p>{english}</p>", lang="pl"), app)
    with pytest.raises(AssertionError, match="English on a page in pl"):
        check_page(page_of(f'<h1>Polski</h1><img alt="{english}" src="/x.png">', lang="pl"), app)
