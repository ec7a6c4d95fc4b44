"""The access-control matrix: every route, for every kind of user, gets the outcome its decision says.

Routes are discovered from the URL map, so a new route is checked as soon as it exists. Each view
declares `access` (see reporting/access.py): "public", or the roles allowed. Expected outcomes:
- anonymous on a staff route: 302 to the sign-in page;
- a signed-in role not in the list: 403;
- an allowed role: neither of those, and never a 500;
- staff of centre B asking for centre A's report by reference: 404, so references cannot be probed.
"""

import pytest
from werkzeug.routing import AnyConverter, IntegerConverter

from reporting.extensions import db
from tests.support import factories

KINDS = ["anonymous", "volunteer_a", "volunteer_b", "centre_lead_a", "partnership", "admin"]
ROLE_OF = {"volunteer_a": "volunteer", "volunteer_b": "volunteer", "centre_lead_a": "centre_lead"}
MISSING_ID = 987654


@pytest.fixture
def world(app):
    centre_a = factories.centre("centre-a", "Centre A", "sale_central")
    centre_b = factories.centre("centre-b", "Centre B", "altrincham")
    report_a = factories.report(centre_a, police_consent="named", support_wanted=True, contact={"name": "Pat"})
    users = {
        "volunteer_a": factories.user("va@example.org", "volunteer", centre_a),
        "volunteer_b": factories.user("vb@example.org", "volunteer", centre_b),
        "centre_lead_a": factories.user("la@example.org", "centre_lead", centre_a),
        "partnership": factories.user("p@example.org", "partnership"),
        "admin": factories.user("ad@example.org", "admin"),
    }
    report_a.assigned_to = users["volunteer_a"]  # the caseworker: volunteers may work only the cases given to them
    db.session.commit()
    return {"report_a": report_a, "users": users}


def _value(name, converter, world):
    if isinstance(converter, IntegerConverter):
        return MISSING_ID
    if isinstance(converter, AnyConverter):
        return sorted(converter.items)[0]
    if name == "reference":
        return world["report_a"].reference
    return "not-a-real-value"


def _routes(app):
    for rule in sorted(app.url_map.iter_rules(), key=lambda rule: rule.rule):
        if rule.endpoint == "static":
            continue
        for method in sorted(rule.methods & {"GET", "POST"}):
            yield rule, method


def _session_cookies(app, world) -> dict:
    cookies = {}
    for kind, user in world["users"].items():
        client = app.test_client()
        client.post("/sign-in", data={"email": user.email, "password": factories.PASSWORD})
        cookies[kind] = client.get_cookie("session").value
    return cookies


def _request(app, cookie, rule, method, world):
    client = app.test_client()
    if cookie:
        client.set_cookie("session", cookie)
    url = rule.build({name: _value(name, conv, world) for name, conv in rule._converters.items()})[1]
    return client.open(url, method=method, data={} if method == "POST" else None)


def _problem(kind, access, rule, response) -> str | None:
    status, location = response.status_code, response.headers.get("Location", "")
    # A refusal sends the person to sign in and back; signing out also ends on the sign-in page, without `next`.
    to_sign_in = status == 302 and location.startswith("/sign-in?next=")
    if status >= 500:
        return f"{status}"
    if access == "public":
        return "refused" if to_sign_in or status == 403 else None
    if kind == "anonymous":
        return None if to_sign_in else f"{status} instead of 302 to sign-in"
    if ROLE_OF.get(kind, kind) not in access:
        return None if status == 403 else f"{status} instead of 403"
    if to_sign_in or status == 403:
        return f"{status}: refused an allowed role"
    if kind == "volunteer_b" and "reference" in rule.arguments and status != 404:
        return f"{status} instead of 404 for another centre's report"
    return None


def test_every_route_for_every_kind_of_user(app, world):
    cookies = _session_cookies(app, world)
    problems = []
    for rule, method in _routes(app):
        access = getattr(app.view_functions[rule.endpoint], "access", None)
        assert access is not None, f"{rule.rule} has no access decision"
        for kind in KINDS:
            response = _request(app, cookies.get(kind), rule, method, world)
            problem = _problem(kind, access, rule, response)
            if problem:
                problems.append(f"{method} {rule.rule} as {kind}: {problem}")
        if rule.endpoint == "auth.sign_out":  # signing out ends every session of the account: sign in afresh
            cookies = _session_cookies(app, world)
    assert not problems, "\n".join(problems)


def test_the_matrix_really_distinguishes_roles(app, world):
    cookies = _session_cookies(app, world)
    reference = world["report_a"].reference
    outcomes = {}
    for kind in KINDS:
        client = app.test_client()
        if cookies.get(kind):
            client.set_cookie("session", cookies[kind])
        outcomes[kind] = client.get(f"/reports/{reference}").status_code
    assert outcomes == {
        "anonymous": 302,
        "volunteer_a": 200,
        "volunteer_b": 404,
        "centre_lead_a": 200,
        "partnership": 200,
        "admin": 200,
    }
