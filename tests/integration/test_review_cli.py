"""`flask review counts` and `flask review pack`: CSV on stdout, clear errors, a pack whose text carries the figures."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from reporting.extensions import db
from reporting.models import AuditEvent
from tests.support import factories
from tests.support.pdf import catalogue, font_names, needs_poppler, pdfinfo, pdftotext
from tests.support.review_data import add_reports


def run(app, *args):
    return app.test_cli_runner().invoke(args=["review", *args])


@pytest.fixture
def places(app):
    sale = factories.area("sale_central", "Sale Central")
    urmston = factories.area("urmston", "Urmston")
    library = factories.centre("sale-library", "Sale Library", "sale_central")
    factories.centre("altrincham-library", "Altrincham Library", "sale_central")
    return library, sale, urmston


def test_counts_by_centre_and_category(app, places):
    library, sale, urmston = places
    add_reports(6, library, datetime(2025, 5, 2, 9, tzinfo=UTC), ["race", "religion"], sale)
    add_reports(2, None, datetime(2025, 5, 3, 9, tzinfo=UTC), ["disability"], None)
    add_reports(1, library, datetime(2025, 5, 4, 9, tzinfo=UTC), ["race"], sale, status="draft")
    db.session.commit()

    result = run(app, "counts", "--from", "2025-05-01", "--to", "2025-05-31", "--by", "centre,category")

    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "centre,category,count",
        "online,disability,2",
        "sale-library,race,6",
        "sale-library,religion,6",
    ]


def test_counts_with_suppression_hide_a_second_cell_where_a_total_would_give_one_away(app, places):
    library, sale, urmston = places
    add_reports(9, library, datetime(2025, 5, 2, 9, tzinfo=UTC), ["race"], sale)
    add_reports(3, library, datetime(2025, 5, 2, 9, tzinfo=UTC), ["race"], urmston)
    add_reports(7, None, datetime(2025, 5, 2, 9, tzinfo=UTC), ["race"], urmston)
    db.session.commit()

    result = run(app, "counts", "--from", "2025-05-01", "--to", "2025-05-31", "--by", "area", "--suppress")
    assert result.stdout.splitlines() == ["area,count", "sale_central,9", "urmston,10"]

    result = run(app, "counts", "--from", "2025-05-01", "--to", "2025-05-31", "--by", "centre,area", "--suppress")
    # Sale Library's 3 in Urmston is small. Its row total (12) and Urmston's column total (10) would each give it
    # away, so the next smallest cell of each goes too.
    assert result.stdout.splitlines() == [
        "centre,area,count",
        "online,urmston,<5",
        "sale-library,sale_central,<5",
        "sale-library,urmston,<5",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2025-05-01", "--to", "2025-05-31", "--by", "centre,colour"], "unknown dimension 'colour'"),
        (["--from", "2025-02-30", "--to", "2025-05-31", "--by", "centre"], "'2025-02-30' does not match the format"),
        (["--from", "2025-06-01", "--to", "2025-05-31", "--by", "centre"], "must be the same as or after"),
        (["--from", "2025-05-01", "--to", "2025-05-31", "--by", "centre,centre"], "only once"),
    ],
)
def test_bad_dimensions_and_dates_are_refused_clearly(app, args, message):
    result = run(app, "counts", *args)
    assert result.exit_code != 0
    assert message in result.stderr
    assert result.stdout == ""


@pytest.fixture
def pack_data(places):
    """41 reports before the period and 57 in it; a monitored category nobody reported; an area without a centre."""
    library, sale, urmston = places
    add_reports(41, library, datetime(2025, 2, 10, 9, tzinfo=UTC), ["race"], sale)
    add_reports(35, library, datetime(2025, 6, 10, 9, tzinfo=UTC), ["race"], sale)
    add_reports(15, library, datetime(2025, 7, 10, 9, tzinfo=UTC), ["religion", "sexual_orientation"], sale)
    add_reports(7, None, datetime(2025, 8, 10, 9, tzinfo=UTC), ["transgender"], urmston)
    add_reports(3, None, datetime(2025, 8, 11, 9, tzinfo=UTC), ["age"], urmston)
    db.session.commit()


@needs_poppler
def test_the_pack_is_a_tagged_pdf_whose_text_carries_the_summary_figures(app, pack_data, tmp_path):
    out = tmp_path / "pack.pdf"
    result = run(app, "pack", "--from", "2025-04-01", "--to", "2025-09-30", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    data = out.read_bytes()
    text = pdftotext(data)

    assert "Reports rose from 41 to 60." in text
    assert "No disability hate incidents were reported at any centre." in text
    assert "1 area with 10 reports has no active centre: Urmston." in text
    assert "1 active centre took no reports in this period: Altrincham Library." in text
    assert "Definitions and the small-number rule" in text
    # Age (3) is small: the pack shows it as <5, and hides a second figure of its column with it.
    assert "Age <5" in text
    # A question's answers and share satisfied share a cell, headed by the question once.
    assert "Answers / Satisfied" in text and "Satisfied: " not in text
    # No dip sample was checked: the pack says so, with no tables of noughts ("Checked / Passed").
    assert "No dip-sampled reports were checked in this period." in text
    assert "Checked / Passed" not in text and "Passed: " not in text
    info, declared = pdfinfo(data), catalogue(data)
    assert info["Tagged"] == "yes"
    assert info["Title"] == "Partnership review: All centres, 1 April 2025 to 30 September 2025"
    assert declared["lang"] == "en" and declared["pages"] >= 10
    assert font_names(data) <= {"Noto-Sans", "Noto-Sans-Bold"}


def test_a_pack_for_an_unknown_centre_is_refused(app, pack_data, tmp_path):
    out = tmp_path / "pack.pdf"
    result = run(app, "pack", "--from", "2025-04-01", "--to", "2025-09-30", "--centre", "nowhere", "--out", str(out))
    assert result.exit_code != 0 and "no centre has the code nowhere" in result.stderr
    assert not out.exists()


@needs_poppler
def test_the_dashboard_download_gives_one_centres_pack_and_is_audited(client_request, pack_data):
    client_request.login_as("partnership")
    query = {"date_from": "2025-04", "date_to": "2025-09", "centre": "sale-library"}
    response = client_request.get_response("review.download_pack", **query)
    assert response.mimetype == "application/pdf"
    assert "review-sale-library-2025-04-01-to-2025-09-30.pdf" in response.headers["Content-Disposition"]
    assert pdfinfo(response.data)["Title"] == "Partnership review: Sale Library, 1 April 2025 to 30 September 2025"
    assert "Reports rose from 41 to 50." in pdftotext(response.data)
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "review_pack_downloaded")).one()
    assert event.detail == "from=2025-04-01 to=2025-09-30 centre=sale-library"
