"""Every state-changing route refuses a request without a CSRF token."""

from werkzeug.routing import AnyConverter, IntegerConverter

from tests.support.html import parse_page


def _sample_value(converter):
    if isinstance(converter, IntegerConverter):
        return 1
    if isinstance(converter, AnyConverter):
        return sorted(converter.items)[0]
    return "HR-2222-2222"


def _sample_url(rule) -> str:
    values = {name: _sample_value(converter) for name, converter in rule._converters.items()}
    return rule.build(values)[1]


def post_routes(app):
    return [rule for rule in app.url_map.iter_rules() if "POST" in rule.methods and rule.endpoint != "static"]


def test_there_are_post_routes_to_check(app):
    assert len(post_routes(app)) >= 3


def test_every_post_route_refuses_a_missing_csrf_token(app, auth):
    auth.login_as("admin")
    refused, accepted = [], []
    for rule in post_routes(app):
        response = auth.client.post(_sample_url(rule), data={}, csrf=False)
        (refused if response.status_code == 400 else accepted).append((rule.rule, response.status_code))
        if response.status_code == 400:
            assert "This page has timed out" in parse_page(response).get_text(" ")
    assert not accepted, f"POST routes that did not refuse a request without a CSRF token: {accepted}"


def test_a_forged_token_is_refused(client, app):
    response = client.post("/sign-in", data={"email": "a@example.org", "password": "x", "csrf_token": "forged"})
    assert response.status_code == 400
