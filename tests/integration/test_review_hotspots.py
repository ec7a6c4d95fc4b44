"""The review's geography: where the centres are against where incidents happened over the last 12 months.

A review of April to September 2025 counts incidents from October 2024 to September 2025, by the area
where they happened. Known reports: some older than the 12 months (left out), a draft (never counted), a
closed centre (not counted as a centre), and the hotspots (the top third of the areas by reports) that
have no active centre flagged, in the table, on the map and in the PDF pack. On SQLite and PostgreSQL.
"""

from datetime import UTC, datetime

import pytest

from reporting.extensions import db
from tests.support import factories
from tests.support.html import text_of
from tests.support.pdf import needs_poppler, pdftotext, pypdf_text
from tests.support.review_data import add_reports

PERIOD = {"date_from": "2025-04", "date_to": "2025-09"}
MONTHS = "from October 2024 to September 2025"
CAPTION = f"Reports by area {MONTHS} (12 whole months), and active centres"


@pytest.fixture
def app(any_app):
    """Every test here runs on SQLite and on PostgreSQL (the client and `client_request` follow `app`)."""
    return any_app


@pytest.fixture
def known(app):
    """Six areas, so the top third is two: Sale Central (10, two centres) and Old Trafford (9, its centre closed)."""
    areas = {
        code: factories.area(code, name)
        for code, name in [
            ("sale_central", "Sale Central"),
            ("old_trafford", "Old Trafford"),
            ("urmston", "Urmston"),
            ("altrincham", "Altrincham"),
            ("hale", "Hale"),
            ("flixton", "Flixton"),
        ]
    }
    library = factories.centre("sale-library", "Sale Library", "sale_central")
    factories.centre("sale-waterside", "Sale Waterside", "sale_central")
    factories.centre("altrincham-library", "Altrincham Library", "altrincham")
    factories.centre("old-trafford-hub", "Old Trafford Hub", "old_trafford").active = False  # closed
    sale, old_trafford, urmston = areas["sale_central"], areas["old_trafford"], areas["urmston"]
    add_reports(10, library, datetime(2025, 6, 12, 10, tzinfo=UTC), ["race"], sale)
    add_reports(1, library, datetime(2025, 6, 12, 10, tzinfo=UTC), ["race"], sale, status="draft")
    # 1 October 2025 in the UK (00:30 BST): after the 12 months.
    add_reports(2, library, datetime(2025, 9, 30, 23, 30, tzinfo=UTC), ["race"], sale)
    # Before the review period but in the 12 months, at a centre that has since closed.
    add_reports(9, None, datetime(2024, 12, 3, 9, tzinfo=UTC), ["religion"], old_trafford)
    # 1 October 2024 in the UK (00:30 BST) is the first day counted; 30 September 2024 is not.
    add_reports(4, None, datetime(2024, 9, 30, 23, 30, tzinfo=UTC), ["race"], urmston)
    add_reports(20, None, datetime(2024, 9, 30, 12, tzinfo=UTC), ["race"], urmston)
    add_reports(1, None, datetime(2025, 2, 3, 9, tzinfo=UTC), ["race"], None)
    db.session.commit()
    return library


def rows(page, table: str) -> dict[str, list[str]]:
    found = {}
    for tr in page.select(f"#table-{table} tbody tr"):
        found[tr.find("th").get_text(" ", strip=True)] = [" ".join(td.get_text().split()) for td in tr.find_all("td")]
    return found


def tiles(page) -> dict[str, dict]:
    """Each tile of the map by area name: its words, whether it has the centre symbol, and its border."""
    found = {}
    for group in page.select("#chart-area-map svg[role=img] g.app-tile"):
        texts = [text.get_text() for text in group.find_all("text")]
        border = group.find("rect")
        found[texts[0]] = {
            "text": " ".join(texts[1:]),
            "symbol": group.find("path") is not None,
            "dashed": border.has_attr("stroke-dasharray"),
        }
    return found


def test_the_table_counts_the_12_months_by_area_against_the_active_centres(client_request, known):
    client_request.login_as("partnership")
    page = client_request.get("review.dashboard", **PERIOD)
    assert text_of(page, "#table-hotspots-12-months-caption") == CAPTION
    assert rows(page, "hotspots-12-months") == {
        "Altrincham": ["0", "1", "Altrincham Library", ""],
        "Flixton": ["0", "0", "", ""],
        "Hale": ["0", "0", "", ""],
        "Old Trafford": ["9", "0", "", "Yes"],
        "Sale Central": ["10", "2", "Sale Library; Sale Waterside", ""],
        "Urmston": ["4", "0", "", ""],
        "Area not recorded": ["1", "–", "", ""],
        "All areas": ["24", "3", "", ""],
    }
    section = text_of(page, "#geographic-gaps")
    assert f"1 area in the top third by reports {MONTHS} has no active centre: Old Trafford." in section
    assert "the 2 of 6 areas with the most reports" in section and "a closed centre is not counted" in section
    # The period's own table is still there, beside the 12 months: Old Trafford had no report in it.
    assert rows(page, "reports-by-area")["Old Trafford"] == ["0", "", ""]


def test_the_map_marks_the_areas_with_a_centre_and_the_hotspots_without_one(client_request, known):
    client_request.login_as("partnership")
    page = client_request.get("review.dashboard", **PERIOD)
    figure = page.select_one("#chart-area-map")
    assert text_of(figure, "#chart-area-map-caption") == f"Map of the areas: reports {MONTHS}, and active centres"
    assert "House symbol: active centres in the area, with how many" in text_of(figure, ".app-chart__legend")
    drawn = tiles(page)
    assert drawn["Sale Central"] == {"text": "Reports: 10 Centres: 2", "symbol": True, "dashed": False}
    assert drawn["Altrincham"] == {"text": "Reports: 0 Centres: 1", "symbol": True, "dashed": False}
    assert drawn["Old Trafford"] == {"text": "Reports: 9 Hotspot, no centre", "symbol": False, "dashed": True}
    assert drawn["Urmston"] == {"text": "Reports: 4 No centre", "symbol": False, "dashed": False}
    # The map sits beside its table, in one figure.
    assert page.select_one(".app-figure:has(#chart-area-map) #table-hotspots-12-months")


def test_as_partners_see_it_a_small_count_and_its_flag_are_hidden(client_request, known):
    client_request.login_as("partnership")
    page = client_request.get("review.dashboard", suppress="1", **PERIOD)
    table = rows(page, "hotspots-12-months")
    assert table["Urmston"] == ["<5", "0", "", "withheld"]
    assert table["Old Trafford"] == ["9", "0", "", "Yes"]
    assert table["All areas"][:2] == ["24", "3"]
    assert tiles(page)["Urmston"]["text"] == "Reports: <5 No centre"


@needs_poppler
def test_the_pack_carries_the_table_and_the_map(client_request, known):
    client_request.login_as("partnership")
    response = client_request.get_response("review.download_pack", **PERIOD)
    text = pdftotext(response.data)
    assert CAPTION in text
    assert f"Map of the areas: reports {MONTHS}, and active centres" in text
    assert "Dashed border: a hotspot without a centre" in text
    assert "Old Trafford Reports: 9 Hotspot, no centre" in text
    assert f"1 area in the top third by reports {MONTHS} has no active centre: Old Trafford." in text
    # The table's rows, in the order they are drawn (poppler orders a cell of one short word apart).
    drawn = pypdf_text(response.data)
    assert "Sale Central 10 2 Sale Library; Sale Waterside" in drawn
    assert "Old Trafford 9 0 Yes" in drawn
    assert "Urmston <5 0 withheld" in drawn
