"""The partnership review dashboard: who may open it, and what each section says about known reports."""

import io
import zipfile
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from reporting.extensions import db
from reporting.models import AuditEvent, Report, SurveyResponse
from tests.support import factories
from tests.support.html import error_summary, text_of
from tests.support.review_data import add_reports

PERIOD = {"date_from": "2025-04", "date_to": "2025-09"}
JUNE = datetime(2025, 6, 12, 10, tzinfo=UTC)
REVIEW_PAGES = [
    ("review.dashboard", PERIOD),
    ("review.download_pack", PERIOD),
    ("review.download_bundle", PERIOD),
    ("review.dip_samples", {}),
    ("review.centres", {}),
    ("review.record_visit", {"code": "sale-library"}),
]


@pytest.fixture
def known(app):
    """9 reports in April to September 2025 (and 3 before): a gap area, an idle centre, drafts left out."""
    sale = factories.area("sale_central", "Sale Central")
    factories.area("altrincham", "Altrincham")
    urmston = factories.area("urmston", "Urmston")
    library = factories.centre("sale-library", "Sale Library", "sale_central")
    factories.centre("altrincham-library", "Altrincham Library", "altrincham", last_training_on=date(2025, 1, 10))
    add_reports(4, library, JUNE, ["race"], sale, referred_at=datetime(2025, 6, 14, 9, tzinfo=UTC))
    add_reports(2, library, datetime(2025, 9, 30, 22, tzinfo=UTC), ["race", "religion"], sale)
    add_reports(2, None, datetime(2025, 4, 3, 8, tzinfo=UTC), ["religion"], urmston)
    add_reports(1, None, JUNE, ["race"], None, police_consent=None)
    add_reports(1, library, JUNE, ["disability"], sale, status="draft")
    add_reports(3, library, datetime(2025, 2, 1, 12, tzinfo=UTC), ["race"], sale)
    db.session.commit()
    return library


def dashboard(client_request, **extra):
    return client_request.get("review.dashboard", **{**PERIOD, **extra})


def cells(page, table: str, row: str) -> list[str]:
    for tr in page.select(f"#table-{table} tr"):
        header = tr.find("th")
        if header and header.get_text(" ", strip=True).startswith(row):
            return [" ".join(td.get_text().split()) for td in tr.find_all("td")]
    raise AssertionError(f"no row {row} in {table}")


@pytest.mark.parametrize("role", ["volunteer", "centre_lead"])
def test_centre_staff_cannot_open_any_of_the_review(client_request, known, role):
    client_request.login_as(role, known)
    for endpoint, values in REVIEW_PAGES:
        client_request.get_response(endpoint, _expected_status=403, **values)
    client_request.post_response("review.dip_samples", _data={"month": "2025-06"}, _expected_status=403)


def test_anonymous_visitors_are_sent_to_sign_in(client_request, known):
    for endpoint, values in REVIEW_PAGES:
        response = client_request.get_response(endpoint, _expected_status=302, **values)
        assert "/sign-in" in response.headers["Location"], endpoint


def test_admins_may_see_the_review_but_only_the_unit_downloads_unsuppressed_figures(client_request, known):
    client_request.login_as("admin")
    assert "Partnership review" in dashboard(client_request).h1.get_text()
    client_request.get_response("review.download_bundle", _expected_status=403, **PERIOD)
    page = dashboard(client_request)
    assert not page.find("a", string=lambda text: text and "CSV" in text)


def test_what_is_reported_with_every_monitored_category_and_the_previous_period(client_request, known):
    client_request.login_as("partnership")
    page = dashboard(client_request)
    section = text_of(page, "#what-is-reported")
    assert "Reports rose from 3 to 9." in section
    monitored = "sexual orientation, disability, and transgender identity"
    assert f"No {monitored} hate incidents were reported at any centre." in section
    assert cells(page, "reports-by-category", "Race") == ["7", "3", "+4"]
    assert cells(page, "reports-by-category", "Religion") == ["4", "0", "+4"]
    assert cells(page, "reports-by-category", "Disability") == ["0", "0", "0"]
    assert cells(page, "reports-by-category", "All reports") == ["9", "3", "+6"]
    assert page.select_one("#chart-categories svg[role=img]")


def test_centre_use_geography_and_consistency(client_request, known):
    client_request.login_as("partnership")
    page = dashboard(client_request)
    assert "1 active centre took no reports in this period: Altrincham Library." in text_of(page, "#centre-use ul")
    assert cells(page, "reports-by-centre-and-month", "Sale Library") == ["0", "0", "4", "0", "0", "2", "6"]
    assert cells(page, "reports-by-centre-and-month", "Online self-reports")[0] == "2"
    assert "1 area with 2 reports has no active centre: Urmston." in text_of(page, "#geographic-gaps")
    assert cells(page, "reports-by-area", "Urmston") == ["2", "", "Yes"]
    assert cells(page, "reports-by-area", "Area not recorded")[0] == "1"
    sale = cells(page, "consistency-by-centre", "Sale Library")
    assert sale[0] == "6" and sale[3] == "4" and sale[4] == "67%"
    assert sale[5] == "2" and sale[6] == "2"
    assert cells(page, "consistency-by-centre", "Online self-reports")[2] == "67%"


def test_satisfaction_trend_and_upkeep_sections(client_request, known):
    june = db.session.scalars(select(Report).where(Report.centre == known, Report.reported_at == JUNE)).first()
    db.session.add(SurveyResponse(report_id=june.id, kind="immediate", question="overall", score=5))
    db.session.commit()
    client_request.login_as("partnership")
    page = dashboard(client_request)
    assert cells(page, "satisfaction-by-centre", "All centres")[:3] == ["9", "1", "11%"]
    trend = text_of(page, "#trend")
    assert "Sep 2025 2" in trend.replace(",", "")
    assert cells(page, "trend-12-months", "Feb 2025")[0] == "3"
    upkeep = cells(page, "centre-upkeep", "Altrincham Library")
    assert "10 Jan 2025" in upkeep[0] and "Overdue" in " ".join(upkeep)


def test_the_figures_as_partners_see_them_hide_small_counts_and_what_would_reveal_them(client_request, known):
    client_request.login_as("partnership")
    page = dashboard(client_request, suppress="1")
    # Religion (4) is hidden; race (7) is hidden as well, or the total of 9 would give religion away.
    assert cells(page, "reports-by-category", "Religion")[0] == "<5"
    assert cells(page, "reports-by-category", "Race")[0] == "<5"
    assert cells(page, "reports-by-category", "All reports")[:2] == ["9", "<5"]
    summary = text_of(page, "#summary ~ ul")
    assert "There were 9 reports in this period and fewer than 5 in the previous period." in summary


def test_a_period_that_ends_before_it_starts_is_explained(client_request, known):
    client_request.login_as("partnership")
    page = client_request.get("review.dashboard", date_from="2025-09", date_to="2025-04")
    assert error_summary(page) == ["The last month must be the same as or after the first month"]
    assert page.title.string.startswith("Error:")
    assert not page.select("#what-is-reported")


def test_the_default_period_is_the_last_six_whole_months(client_request, known):
    client_request.login_as("partnership")
    page = client_request.get("review.dashboard")
    selected = page.select_one("#date_to option[selected]")
    assert selected is not None and page.select_one("#date_from option[selected]") is not None
    assert "compared with" in text_of(page, "main p.govuk-body-l")


def test_the_csv_bundle_holds_every_table_unsuppressed_and_is_audited(client_request, known):
    client_request.login_as("partnership")
    response = client_request.get_response("review.download_bundle", **PERIOD)
    assert response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert "reports-by-category.csv" in archive.namelist() and "consistency-by-centre.csv" in archive.namelist()
    categories = archive.read("reports-by-category.csv").decode().splitlines()
    assert categories[0] == "code,label,current,previous,change"
    assert "religion,\"Religion, faith or belief\",4,0,4" in categories
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "review_csv_bundle_downloaded")).one()
    assert event.detail == "from=2025-04-01 to=2025-09-30 centre=all"


def test_one_centres_dashboard(client_request, known):
    client_request.login_as("partnership")
    page = dashboard(client_request, centre="sale-library")
    assert cells(page, "reports-by-category", "All reports")[:2] == ["6", "3"]
    assert cells(page, "reports-by-category", "Religion")[0] == "2"
    assert "at this centre" in text_of(page, "#what-is-reported")


def test_counts_in_sentences_take_their_plural_form(client_request, app):
    sale = factories.area("sale_central", "Sale Central")
    library = factories.centre("sale-library", "Sale Library", "sale_central")
    add_reports(6, library, JUNE, ["race"], sale, occurred_on=date(2025, 6, 11))
    db.session.commit()
    client_request.login_as("partnership")
    page = dashboard(client_request)
    said = text_of(page, "#consistency")
    assert "Half of the incidents were reported within 1 day of happening." in said
    assert "1 days" not in page.get_text(" ")
    assert "The category reported most was race, ethnicity or nationality (6 reports)." in text_of(page, "main")
