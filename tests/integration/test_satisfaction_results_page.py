"""The results page, its CSV and `flask review satisfaction`: who sees what, and the figures themselves."""

import csv
import io
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from reporting.domain.ukdates import now_utc, uk_date
from reporting.extensions import db
from reporting.models import AuditEvent, SurveyResponse
from tests.support import factories
from tests.support.html import error_summary, text_of

PERIOD = {"date_from": "2026-03-01", "date_to": "2026-03-31"}
HEADER = "centre,question,responses,mean,share_satisfied,ci_low,ci_high"


def answered(report, kind="immediate", comment=None, recommend=None, **scores):
    for question, score in scores.items():
        report.survey_responses.append(SurveyResponse(kind=kind, question=question, score=score))
    if recommend:
        report.survey_responses.append(SurveyResponse(kind=kind, question="recommend", answer=recommend))
    if comment:
        report.survey_responses.append(SurveyResponse(kind=kind, question="comment", comment=comment))


@pytest.fixture
def centres(app):
    """Centre A: six reports, five answered (overall 5,5,4,2,1; ease 4,4,4,4,3); B: two answered; one online."""
    centre_a = factories.centre("centre-a", "Centre A")
    centre_b = factories.centre("centre-b", "Centre B", "altrincham")
    for overall, ease, recommend in ((5, 4, "yes"), (5, 4, "yes"), (4, 4, "yes"), (2, 4, "no"), (1, 3, "not_sure")):
        answered(factories.report(centre_a), overall=overall, ease=ease, recommend=recommend)
    factories.report(centre_a)
    answered(factories.report(centre_a), kind="follow-up", informed=1, comment="Never heard back")
    answered(factories.report(centre_b), overall=5, comment="The volunteer at B was lovely")
    answered(factories.report(centre_b), overall=3)
    answered(factories.report(None), overall=4)
    answered(factories.report(centre_a, reported_at=datetime(2026, 4, 2, tzinfo=UTC)), overall=1)
    db.session.commit()
    return centre_a, centre_b


def rows_of(table) -> list[list[str]]:
    return [[" ".join(cell.get_text().split()) for cell in row.find_all(["th", "td"])] for row in table.select("tr")]


def table_with_caption(page, start: str):
    for table in page.select("table"):
        caption = table.find("caption")
        if caption and " ".join(caption.get_text().split()).startswith(start):
            return table
    raise AssertionError(f"no table captioned {start!r}")


def test_the_partnership_unit_sees_every_centre_with_charts_tables_and_comments(client_request, centres):
    client_request.login_as("partnership")
    page = client_request.get("satisfaction.results", **PERIOD)
    assert rows_of(table_with_caption(page, "Satisfied overall (4 or 5), by centre")) == [
        ["Centre", "Reports", "Response rate", "Satisfied overall", "Net recommendation"],
        ["Centre A", "7", "86%", "60% (95% confidence interval 23% to 88%)", "+40%"],
        ["Centre B", "2", "100%", "50% (95% confidence interval 9% to 91%)", "–"],
        ["Online self-reports", "1", "100%", "100% (95% confidence interval 21% to 100%)", "–"],
        ["All centres", "10", "90%", "63% (95% confidence interval 31% to 86%)", "+40%"],
    ]
    chart = page.select_one("svg#chart-centres")
    assert chart["role"] == "img"
    assert text_of(chart, "title") == "Share satisfied overall, by centre"
    assert [text.get_text() for text in chart.select("text")][:2] == ["Centre A", "60%"]
    overall = table_with_caption(page, "Answers to: Overall, how satisfied are you with the service?")
    assert rows_of(overall)[1:] == [
        ["Very satisfied", "3", "38%"],
        ["Satisfied", "2", "25%"],
        ["Neither satisfied nor dissatisfied", "1", "13%"],
        ["Dissatisfied", "1", "13%"],
        ["Very dissatisfied", "1", "13%"],
    ]
    assert page.select_one("svg#chart-overall title") is not None
    comments = [" ".join(quote.get_text().split()) for quote in page.select(".app-comments blockquote")]
    assert comments == ["Never heard back", "The volunteer at B was lovely"]


@pytest.mark.parametrize("role", ["volunteer", "centre_lead"])
def test_centre_staff_see_only_their_own_centres_aggregate(client_request, centres, role):
    centre_a, _ = centres
    client_request.login_as(role, centre_a)
    page = client_request.get("satisfaction.results", **PERIOD, centre="centre-b")
    text = page.get_text(" ")
    assert "Centre A: 1 March 2026 to 31 March 2026" in text
    assert "Centre B" not in text and "All centres" not in text and "Online" not in text
    assert "Never heard back" not in text and "lovely" not in text
    assert page.select(".app-comments") == []
    assert "5 answers. Average 3.4 out of 5." in text
    # One follow-up answer about being kept informed: too few to show to the centre.
    assert "Fewer than 5 answers" in text
    assert page.find("select", attrs={"name": "centre"}) is None


def test_the_csv_download_matches_the_command_for_the_unit(client_request, app, centres):
    client_request.login_as("partnership")
    response = client_request.get_response("satisfaction.results_csv", **PERIOD)
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == 'attachment; filename="satisfaction-2026-03-01-to-2026-03-31.csv"'
    lines = response.get_data(as_text=True).splitlines()
    assert lines[0] == HEADER
    assert "centre-a,overall,5,3.40,0.600,0.231,0.882" in lines
    # 29 / 8 = 3.625 and 5 / 8 = 0.625: halves are rounded up, as by hand.
    assert lines[-1] == "all,overall,8,3.63,0.625,0.306,0.863"
    cli_output = app.test_cli_runner().invoke(
        args=["review", "satisfaction", "--from", "2026-03-01", "--to", "2026-03-31"]
    )
    assert cli_output.output.splitlines() == lines
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "satisfaction_results_exported")).all()
    assert [event.detail for event in events] == ["from=2026-03-01 to=2026-03-31 centre=all kind=both"]


def test_the_csv_for_centre_staff_holds_their_centre_with_small_numbers_hidden(client_request, centres):
    centre_a, _ = centres
    client_request.login_as("centre_lead", centre_a)
    response = client_request.get_response("satisfaction.results_csv", **PERIOD)
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows == [
        HEADER.split(","),
        ["centre-a", "ease", "5", "3.80", "0.800", "0.376", "0.964"],
        ["centre-a", "treatment", "0", "", "", "", ""],
        ["centre-a", "informed", "<5", "", "", "", ""],
        ["centre-a", "overall", "5", "3.40", "0.600", "0.231", "0.882"],
    ]


def test_invalid_dates_are_explained_next_to_the_fields(client_request, centres):
    client_request.login_as("partnership")
    page = client_request.get("satisfaction.results", date_from="2026-02-30", date_to="2026-01-01")
    assert error_summary(page) == ["Enter the first day of the period as a real date, for example 2026-03-01"]
    page = client_request.get("satisfaction.results", date_from="2026-03-01", date_to="2026-01-01")
    assert error_summary(page) == ["The last day of the period must be the same as or after the first day"]
    page = client_request.get("satisfaction.results", date_from="2026-03-01", date_to="9999-12-31")
    assert error_summary(page) == ["Enter the last day of the period as a real date, for example 2026-08-31"]
    client_request.get_response("satisfaction.results_csv", date_from="nonsense", date_to="2026-01-01",
                                _expected_status=400)  # fmt: skip


def test_the_first_visit_shows_the_last_six_months(client_request, centres):
    client_request.login_as("partnership")
    page = client_request.get("satisfaction.results")
    assert page.select_one("#date_to")["value"] == uk_date(now_utc()).isoformat()
    assert page.select_one("#date_from")["value"].endswith("-01")


def test_signed_out_visitors_are_sent_to_sign_in(client_request, centres):
    for endpoint, values in (("satisfaction.results", {}), ("satisfaction.results_csv", PERIOD)):
        response = client_request.get_response(endpoint, _expected_status=302, **values)
        assert response.headers["Location"].startswith("/sign-in")


# ---------------------------------------------------------------- the command


@pytest.fixture
def cli(centres, app):
    return app.test_cli_runner()


def test_the_command_prints_one_centre_and_one_kind(cli):
    result = cli.invoke(
        args=["review", "satisfaction", "--from", "2026-03-01", "--to", "2026-03-31", "--centre", "centre-a",
              "--kind", "follow-up"]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        HEADER,
        "centre-a,ease,0,,,,",
        "centre-a,treatment,0,,,,",
        "centre-a,informed,1,1.00,0.000,0.000,0.793",
        "centre-a,overall,0,,,,",
        "all,ease,0,,,,",
        "all,treatment,0,,,,",
        "all,informed,1,1.00,0.000,0.000,0.793",
        "all,overall,0,,,,",
    ]


def test_the_command_counts_online_self_reports_as_online(cli):
    result = cli.invoke(args=["review", "satisfaction", "--from", "2026-03-01", "--to", "2026-03-31"])
    assert "online,overall,1,4.00,1.000,0.207,1.000" in result.output.splitlines()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--centre", "nowhere"], "No centre has the code nowhere."),
        (["--kind", "later"], "'later' is not one of 'immediate', 'follow-up'"),
        (["--to", "2026-02-01"], "--to must be the same day as --from or later"),
        (["--to", "9999-12-31"], "the period must run forwards, between 1900-01-01 and 2999-12-31"),
    ],
)
def test_the_command_explains_what_is_wrong(cli, args, message):
    base = {"--from": "2026-03-01", "--to": "2026-03-31"}
    for flag, value in zip(args[::2], args[1::2], strict=True):
        base[flag] = value
    result = cli.invoke(args=["review", "satisfaction", *[part for pair in base.items() for part in pair]])
    assert result.exit_code == 2
    assert message in result.output


def test_results_spanning_the_change_of_wording_say_when_the_questions_changed(client_request, centres):
    client_request.login_as("partnership")
    before = client_request.get("satisfaction.results", **PERIOD)
    assert before.select_one("#wording-changed") is None
    page = client_request.get("satisfaction.results", date_from="2026-03-01", date_to="2026-12-31")
    note = " ".join(page.select_one("#wording-changed").get_text().split())
    assert note.startswith("On 7 December 2026 the questions were reworded to ask how satisfied people were")
    assert "answers from before and after that date are counted together" in note
    # The questions are shown in their new wording; the stored codes did not change.
    headings = [heading.get_text(strip=True) for heading in page.select("h3")]
    assert "How satisfied were you with how easy it was to report?" in headings
    assert "Answers to: How satisfied were you with how easy it was to report?" in page.get_text(" ")
