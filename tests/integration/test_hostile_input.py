"""Property-based tests: arbitrary, hostile and malformed input never breaks a form or the import.

Hypothesis drives the forms with arbitrary text, very long strings, control characters,
right-to-left overrides, HTML and script, SQL fragments and odd dates. Every answer must be a page
(a clear error or the next step), never a 500, and nothing typed may come back as live markup.
"""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reporting.extensions import db
from tests.support import factories
from tests.support.html import parse_page
from tests.support.intake import go_through, start_draft

SCRIPT = "<script>alert('x')</script>"
HOSTILE = st.sampled_from(
    [
        SCRIPT,
        "<img src=x onerror=alert(1)>",
        "'; DROP TABLE reports; --",
        "\u202egnp.exe",
        "\x00\x01\x1b[31m",
        "🙂" * 50,
        "A" * 20000,
        "31/02/2026",
        "-1",
        "99999999999999999999",
        "",
        " ",
        "%(name)s {0} %s",
        "../../etc/passwd",
        "null",
    ]
)
TEXT = st.one_of(HOSTILE, st.text(max_size=300), st.text(alphabet=st.characters(codec="utf-8"), max_size=2000))
SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


def _assert_safe_page(response):
    assert response.status_code < 500, response.status_code
    if response.mimetype == "text/html":
        body = response.get_data(as_text=True)
        assert SCRIPT not in body, "typed markup came back unescaped"
        assert "<img src=x" not in body


def _field_names(client, url) -> list[str]:
    page = parse_page(client.get(url))
    form = page.select_one("main form[method=post]")
    names = {tag["name"] for tag in form.select("input[name], select[name], textarea[name]")} if form else set()
    return sorted(names - {"csrf_token", "report_version"})


@SETTINGS
@given(email=TEXT, password=TEXT)
def test_sign_in_survives_anything(client, app, email, password):
    _assert_safe_page(client.post("/sign-in", data={"email": email, "password": password}))


@pytest.fixture
def draft(client, auth, app):
    centre = factories.centre()
    factories.area("sale_central")
    db.session.commit()
    auth.login_as("volunteer", centre)
    reference = start_draft(client)
    go_through(client, reference)
    return reference


@SETTINGS
@given(data=st.data())
def test_every_intake_step_survives_anything(client, draft, data):
    from reporting.intake.forms import STEPS

    slug = data.draw(st.sampled_from(sorted(STEPS)))
    url = f"/intake/{draft}/{slug}"
    names = _field_names(client, url)
    if not names:
        return
    form = {name: data.draw(st.one_of(TEXT, st.lists(TEXT, max_size=3)), label=name) for name in names}
    _assert_safe_page(client.post(url, data=form))
    _assert_safe_page(client.get(f"/intake/{draft}/check-answers"))


@SETTINGS
@given(lines=st.lists(st.one_of(TEXT, st.dictionaries(TEXT, TEXT, max_size=5).map(json.dumps)), max_size=5))
def test_the_import_command_survives_anything(app, tmp_path_factory, lines):
    path = tmp_path_factory.mktemp("import") / "reports.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    result = app.test_cli_runner().invoke(args=["reports", "import", str(path)])
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


def test_invalid_utf8_is_refused_not_a_crash(client, app):
    response = client.post(
        "/sign-in",
        data=b"email=\xff\xfe%ZZ&password=\xc3\x28",
        content_type="application/x-www-form-urlencoded",
        csrf=False,
    )
    assert response.status_code == 400


def test_invalid_utf8_in_an_import_file_names_the_line(app, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b'{"channel": "self"}\n\xff\xfe not text\n')
    result = app.test_cli_runner().invoke(args=["reports", "import", str(path)])
    assert result.exit_code == 1
    assert "line 2" in result.output
