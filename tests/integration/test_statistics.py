"""The published awareness statistics: publishing a quarter (the button and `flask statistics publish`), the
figures against an independent recount with the small-number rule, stable until published again, revision
notes that name tables and never a cell, the open data, and who may do what."""

import csv
import io
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from reporting.domain import vocabulary
from reporting.domain.quarterly_figures import TOTAL_KEY, changed_tables, quarter_lines, suppress_quarter
from reporting.domain.quarters import Quarter
from reporting.domain.ukdates import uk_today
from reporting.extensions import db
from reporting.i18n import SHIPPED_LANGUAGES
from reporting.models import AuditEvent, StatisticsRelease
from tests.support import factories

UK = ZoneInfo("Europe/London")
AREAS = {"sale_central": "Sale Central", "altrincham": "Altrincham", "stretford": "Stretford"}
CATEGORY_SETS = (["race"], ["religion"], ["race", "religion"], ["disability"], ["race"], ["sexual_orientation"])
TYPE_SETS = (["verbal_abuse"], ["threats"], ["verbal_abuse", "threats"], ["graffiti"])
Q2 = "2026-Q2"


def _specs() -> list[dict]:
    """What the test reports are, written down independently of how the app stores or counts them."""
    specs = []
    for index in range(47):
        specs.append(
            {
                "area": list(AREAS)[index % 3] if index % 13 else None,
                "categories": CATEGORY_SETS[index % 6] if index % 17 else ["age"],
                "incident_types": TYPE_SETS[index % 4],
                "channel": "self" if index % 4 == 0 else "assisted",
                "reported_at": datetime(2026, 4 + index % 3, 1 + index % 28, 11, tzinfo=UTC),
                "status": ("received", "referred", "closed")[index % 3],
            }
        )
    edges = [
        (datetime(2026, 3, 31, 23, 30, tzinfo=UTC), "received"),  # 1 April 00:30 in the UK: in the quarter
        (datetime(2026, 3, 31, 22, 30, tzinfo=UTC), "received"),  # 31 March 23:30 in the UK: before it
        (datetime(2026, 6, 30, 23, 30, tzinfo=UTC), "received"),  # 1 July 00:30 in the UK: after it
        (datetime(2026, 5, 10, 9, tzinfo=UTC), "draft"),  # a draft never counts
    ]
    for moment, status in edges:
        specs.append(
            {
                "area": "stretford",
                "categories": ["transgender"],
                "incident_types": ["spitting"],
                "channel": "assisted",
                "reported_at": moment,
                "status": status,
            }
        )
    return specs


def _add(specs: list[dict]) -> None:
    centre = factories.centre("sale-library", "Sale Library", "sale_central")
    areas = {code: factories.area(code, name) for code, name in AREAS.items()}
    for spec in specs:
        factories.report(
            centre if spec["channel"] == "assisted" else None,
            area=areas[spec["area"]] if spec["area"] else None,
            categories=spec["categories"],
            incident_types=spec["incident_types"],
            reported_at=spec["reported_at"],
            status=spec["status"],
        )
    db.session.commit()


def _recount(specs: list[dict], quarter: Quarter) -> dict:
    """The quarter's cells counted from the specs: UK dates, submitted reports, several categories count in each."""
    counted = [
        spec
        for spec in specs
        if spec["status"] != "draft"
        and quarter.first_day <= spec["reported_at"].astimezone(UK).date() <= quarter.last_day
    ]
    cells = {TOTAL_KEY: len(counted)}
    codes = {
        "category": vocabulary.codes("categories"),
        "incident_type": vocabulary.codes("incident_types"),
        "area": (*AREAS, "unknown"),
        "channel": ("assisted", "self"),
    }
    for dimension, every in codes.items():
        for code in every:
            cells[(dimension, code)] = 0
    for spec in counted:
        for code in spec["categories"]:
            cells[("category", code)] += 1
        for code in spec["incident_types"]:
            cells[("incident_type", code)] += 1
        cells[("area", spec["area"] or "unknown")] += 1
        cells[("channel", spec["channel"])] += 1
    return cells


def _publish(app, quarter: str = Q2):
    return app.test_cli_runner().invoke(args=["statistics", "publish", "--quarter", quarter])


def _open_data(app) -> list[dict]:
    response = app.test_client().get("/statistics.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def _cells_of(rows: list[dict], quarter: str = Q2) -> dict:
    return {(row["dimension"], row["code"]): row["reports"] for row in rows if row["quarter"] == quarter}


def _as_published(cells: dict) -> dict:
    return {key: "<5" if value is None else str(value) for key, value in suppress_quarter(cells).items()}


def _revision_notes(page: str) -> list[str]:
    from bs4 import BeautifulSoup

    revisions = BeautifulSoup(page, "html.parser").find(id="revisions")
    return [item.get_text().strip() for item in revisions.find_next("ul").find_all("li")] if revisions else []


# ---------------------------------------------------------------- the figures


def test_published_figures_equal_a_recount_with_the_small_number_rule(any_app):
    specs = _specs()
    _add(specs)
    result = _publish(any_app)
    assert result.exit_code == 0, result.output
    assert "Published 2026-Q2, revision 1" in result.output

    recount = _recount(specs, Quarter.parse(Q2))
    assert recount[TOTAL_KEY] == 48  # 47, and the report made at 00:30 on 1 April UK time
    published = _cells_of(_open_data(any_app))
    assert published == _as_published(recount)
    # The rule itself, checked on the published figures: no count from 1 to 4 shows, and no table has exactly
    # one hidden figure, which its total would give away (every table shares the quarter's total).
    assert "<5" in published.values()
    for key, count in recount.items():
        if 0 < count < 5:
            assert published[key] == "<5", key
        if count == 0:
            assert published[key] == "0", key
    for line in quarter_lines(recount):
        assert [published[key] for key in line.terms()].count("<5") != 1, line


def test_published_figures_stay_put_after_a_late_report_until_published_again(any_app):
    specs = _specs()
    _add(specs)
    assert _publish(any_app).exit_code == 0
    first = _open_data(any_app)
    first_page = any_app.test_client().get("/statistics").get_data(as_text=True)

    late = {
        "area": "stretford",
        "categories": ["age"],
        "incident_types": ["graffiti"],
        "channel": "self",
        "reported_at": datetime(2026, 6, 12, 15, tzinfo=UTC),
        "status": "received",
    }
    _add_one(late)
    assert _open_data(any_app) == first, "published figures moved before the unit published again"
    assert _revision_notes(first_page) == []

    result = _publish(any_app)
    assert result.exit_code == 0, result.output
    assert "revision 2" in result.output
    before, after = _recount(specs, Quarter.parse(Q2)), _recount([*specs, late], Quarter.parse(Q2))
    assert _cells_of(_open_data(any_app)) == _as_published(after)

    expected_changed = changed_tables(suppress_quarter(before), suppress_quarter(after))
    assert expected_changed, "the late report should change a published figure"
    release = db.session.scalars(select(StatisticsRelease).where(StatisticsRelease.revision == 2)).one()
    assert release.changed == expected_changed
    page = any_app.test_client().get("/statistics").get_data(as_text=True)
    notes = _revision_notes(page)
    names = {
        "category": "by category",
        "incident_type": "by incident type",
        "area": "by area",
        "channel": "by how people reported",
        "total": "of all reports",
    }
    assert len(notes) == 1
    for table, words in names.items():
        assert (words in notes[0]) == (table in expected_changed), notes[0]
    # The note names tables, never a figure: the only digits in it are the date's.
    day = release.published_at.astimezone(UK).date()
    written = f"{day.day} {day.strftime('%B')} {day.year}"
    assert notes[0].startswith(f"April to June 2026: Revised on {written}: the figures ")
    assert not any(character.isdigit() for character in notes[0].replace(written, "").replace("2026", ""))


def _add_one(spec: dict) -> None:
    areas = {code: factories.area(code, name) for code, name in AREAS.items()}
    factories.report(
        None,
        area=areas[spec["area"]],
        categories=spec["categories"],
        incident_types=spec["incident_types"],
        reported_at=spec["reported_at"],
        status=spec["status"],
    )
    db.session.commit()


def test_publishing_unchanged_figures_again_makes_no_revision(any_app):
    _add(_specs())
    assert _publish(any_app).exit_code == 0
    result = _publish(any_app)
    assert result.exit_code == 0
    assert "have not changed" in result.output
    assert db.session.scalars(select(StatisticsRelease)).all()[-1].revision == 1


# ---------------------------------------------------------------- open data


def test_the_open_data_has_its_header_english_labels_suppressed_cells_and_a_total_per_quarter(app):
    _add(_specs())
    assert _publish(app, "2026-Q1").exit_code == 0
    assert _publish(app, Q2).exit_code == 0
    response = app.test_client().get("/statistics.csv?lang=ar")
    text = response.get_data(as_text=True)
    assert text.splitlines()[0] == "quarter,dimension,code,label,reports"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {row["quarter"] for row in rows} == {"2026-Q1", "2026-Q2"}
    assert {row["dimension"] for row in rows} == {"total", "category", "incident_type", "area", "channel"}
    totals = [row for row in rows if row["dimension"] == "total"]
    assert [(row["quarter"], row["code"]) for row in totals] == [("2026-Q1", "all"), ("2026-Q2", "all")]
    assert totals[1]["reports"] == "48"
    assert "<5" in {row["reports"] for row in rows}
    assert all(row["reports"] == "<5" or row["reports"].isdigit() for row in rows)
    labels = {(row["dimension"], row["code"]): row["label"] for row in rows}
    assert labels[("category", "race")] == vocabulary.english_label("categories", "race")
    assert labels[("incident_type", "graffiti")] == "Graffiti"
    assert labels[("area", "altrincham")] == "Altrincham"
    assert labels[("area", "unknown")] == "Area not recorded"
    assert labels[("channel", "assisted")] == "At a centre" and labels[("channel", "self")] == "Online"


def test_the_open_data_with_nothing_published_is_just_the_header(app):
    assert app.test_client().get("/statistics.csv").get_data(as_text=True) == "quarter,dimension,code,label,reports\n"


# ---------------------------------------------------------------- publishing


def test_a_quarter_that_has_not_ended_is_refused(any_app):
    current = str(Quarter.of_day(uk_today()))
    result = _publish(any_app, current)
    assert result.exit_code != 0
    assert "has not ended yet" in result.output
    result = _publish(any_app, "2026-Q7")
    assert result.exit_code != 0 and "write it like 2026-Q2" in result.output
    assert db.session.scalars(select(StatisticsRelease)).all() == []


def test_the_publishing_page_offers_only_ended_quarters_and_refuses_another(client_request):
    client_request.login_as("partnership")
    page = client_request.get("statistics.publishing")
    offered = [radio["value"] for radio in page.select("input[name=quarter]")]
    today = uk_today()
    assert all(Quarter.parse(value).has_ended(today) for value in offered)
    assert str(Quarter.of_day(today).previous()) in offered
    page = client_request.post(
        "statistics.publishing", _data={"quarter": str(Quarter.of_day(today))}, _expected_status=400
    )
    assert "Select the quarter to publish" in page.select_one(".govuk-error-summary").get_text()
    assert db.session.scalars(select(StatisticsRelease)).all() == []


def test_the_publish_button_publishes_and_is_audited(client_request):
    _add(_specs())
    user = client_request.login_as("partnership")
    client_request.post(
        "statistics.publishing",
        _data={"quarter": Q2},
        _expected_redirect=client_request.url_for("statistics.publishing"),
    )
    release = db.session.scalars(select(StatisticsRelease)).one()
    assert (release.quarter, release.revision, release.published_by_id) == (Q2, 1, user.id)
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "statistics_published")).one()
    assert (event.object_type, event.object_id, event.user_id) == ("statistics", Q2, user.id)
    assert event.detail == "revision 1"

    page = client_request.get("statistics.publishing")
    row = next(row for row in page.select("tbody tr") if "April to June 2026" in row.get_text())
    assert "Published on" in row.get_text() and user.email in row.get_text()
    assert (
        "Not published"
        in next(row for row in page.select("tbody tr") if "January to March 2026" in row.get_text()).get_text()
    )


def test_publishing_again_shows_the_revision_on_the_publishing_page(client_request):
    _add(_specs())
    client_request.login_as("admin")
    client_request.post("statistics.publishing", _data={"quarter": Q2}, _expected_status=302)
    _add_one({"area": "altrincham", "categories": ["age"], "incident_types": ["theft"], "channel": "self",
              "reported_at": datetime(2026, 5, 5, 10, tzinfo=UTC), "status": "received"})  # fmt: skip
    client_request.post("statistics.publishing", _data={"quarter": Q2}, _expected_status=302)
    page = client_request.get("statistics.publishing")
    row = next(row for row in page.select("tbody tr") if "April to June 2026" in row.get_text())
    assert "Revised on" in row.get_text() and "the figures" in row.get_text()
    client_request.post("statistics.publishing", _data={"quarter": Q2}, _expected_status=302)
    assert len(db.session.scalars(select(StatisticsRelease)).all()) == 2  # nothing changed the third time


# ---------------------------------------------------------------- the public page


def test_the_public_page_shows_charts_tables_and_what_changed(client_request):
    _add(_specs())
    _publish(client_request.client.application, "2026-Q1")
    _publish(client_request.client.application, Q2)
    page = client_request.get("statistics.published_figures")
    assert page.h1.get_text(strip=True) == "Hate incident statistics"
    for dimension in ("category", "incident-type", "area", "channel"):
        assert page.select_one(f"#chart-{dimension} svg[role=img]") is not None
        assert page.select_one(f"#table-{dimension}") is not None
    summary = page.select_one("#what-changed").find_next("ul").get_text(" ", strip=True)
    assert "There were 48 reports in April to June 2026." in summary
    assert "January to March 2026" in summary
    headings = [th.get_text(strip=True) for th in page.select("#table-area thead th")]
    assert headings == ["Area", "Q1 2026", "Q2 2026"]
    download = page.find("a", string="Download the figures (CSV)")
    assert download["href"] == client_request.url_for("statistics.open_data")


def test_the_public_page_shows_the_last_eight_published_quarters(app, client_request):
    factories.area("sale_central", "Sale Central")
    factories.report(None, reported_at=datetime(2024, 5, 1, 12, tzinfo=UTC))
    db.session.commit()
    quarter = Quarter(2024, 1)
    for _ in range(10):
        assert _publish(app, str(quarter)).exit_code == 0
        quarter = quarter.next()
    page = client_request.get("statistics.published_figures")
    headings = [th.get_text(strip=True) for th in page.select("#table-category thead th")][1:]
    last_eight = [(2024, 3), (2024, 4), (2025, 1), (2025, 2), (2025, 3), (2025, 4), (2026, 1), (2026, 2)]
    assert headings == [f"Q{number} {year}" for year, number in last_eight]
    assert len({row["quarter"] for row in _open_data(app)}) == 10  # the open data has every published quarter


def test_with_nothing_published_the_page_says_so(client_request):
    page = client_request.get("statistics.published_figures")
    assert "No figures have been published yet" in page.get_text()


@pytest.mark.parametrize("language", list(SHIPPED_LANGUAGES))
def test_the_public_page_in_every_shipped_language(app, client_request, language):
    _add(_specs())
    _publish(app, "2026-Q1")
    _publish(app, Q2)
    page = client_request.get("statistics.published_figures", lang=language)
    assert page.html["dir"] == ("rtl" if language in ("ar", "ur") else "ltr")
    assert len(page.select("#what-changed + ul li")) >= 2
    assert len(page.select("figure.app-chart > svg[role=img]")) == 5


def test_the_start_page_links_to_the_statistics(client_request):
    page = client_request.get("pages.start")
    assert page.find("a", href=client_request.url_for("statistics.published_figures")) is not None


# ---------------------------------------------------------------- access


def test_anyone_may_read_the_statistics_and_only_the_unit_may_publish(client_request):
    client_request.get("statistics.published_figures")
    client_request.get_response("statistics.open_data")
    client_request.get("statistics.publishing", _expected_status=302)
    for role in ("volunteer", "centre_lead"):
        client_request.login_as(role, factories.centre(f"{role}-centre", "A Centre", "sale_central"))
        client_request.get("statistics.publishing", _expected_status=403)
        client_request.post("statistics.publishing", _data={"quarter": Q2}, _expected_status=403)
    assert db.session.scalars(select(StatisticsRelease)).all() == []


def test_an_empty_post_gets_a_form_error_not_a_failure(client_request):
    client_request.login_as("partnership")
    page = client_request.post("statistics.publishing", _data={}, _expected_status=400)
    assert page.select_one(".govuk-error-summary") is not None
