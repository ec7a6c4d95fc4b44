"""Outputs for partners outside the unit (the review pack, suppressed counts) cover whole calendar months only.

Two suppressed outputs for overlapping periods a day apart would differ by that day's reports: a
count hidden as <5 in both could be worked out from the difference. So they refuse part months and
name the whole months to use; the unit's own unsuppressed counts keep any range of days.
"""

from datetime import UTC, date, datetime

import pytest

from reporting.domain.periods import NotWholeMonths, Period
from reporting.extensions import db
from reporting.review.figures.pack import render_pack
from tests.support import factories
from tests.support.review_data import add_reports


def run(app, *args):
    return app.test_cli_runner().invoke(args=["review", *args])


@pytest.fixture
def may(app):
    """Nine reports on 2 May 2025 and one on 3 May, at Sale Library."""
    sale = factories.area("sale_central", "Sale Central")
    library = factories.centre("sale-library", "Sale Library", "sale_central")
    add_reports(9, library, datetime(2025, 5, 2, 9, tzinfo=UTC), ["race"], sale)
    add_reports(1, library, datetime(2025, 5, 3, 9, tzinfo=UTC), ["disability"], sale)
    db.session.commit()


@pytest.mark.parametrize(
    ("first", "last", "use"),
    [
        ("2025-05-03", "2025-05-03", "--from 2025-05-01 --to 2025-05-31"),
        ("2025-05-02", "2025-05-03", "--from 2025-05-01 --to 2025-05-31"),
        ("2025-04-15", "2025-06-30", "--from 2025-04-01 --to 2025-06-30"),
        ("2025-05-01", "2025-05-30", "--from 2025-05-01 --to 2025-05-31"),
    ],
)
def test_suppressed_counts_refuse_part_months_and_name_the_months_to_use(app, may, first, last, use):
    result = run(app, "counts", "--from", first, "--to", last, "--by", "category", "--suppress")
    assert result.exit_code != 0
    assert result.stdout == ""
    assert "--suppress covers whole calendar months only" in result.stderr
    assert f"use {use}" in result.stderr


def test_suppressed_counts_for_whole_months_still_work(app, may):
    result = run(app, "counts", "--from", "2025-05-01", "--to", "2025-05-31", "--by", "centre", "--suppress")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == ["centre,count", "sale-library,10"]


def test_the_unit_keeps_unsuppressed_counts_for_any_range_of_days(app, may):
    result = run(app, "counts", "--from", "2025-05-03", "--to", "2025-05-03", "--by", "category")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == ["category,count", "disability,1"]


def test_the_pack_command_refuses_part_months_and_writes_nothing(app, may, tmp_path):
    out = tmp_path / "pack.pdf"
    result = run(app, "pack", "--from", "2025-05-02", "--to", "2025-05-03", "--out", str(out))
    assert result.exit_code != 0
    assert "the review pack covers whole calendar months only" in result.stderr
    assert "use --from 2025-05-01 --to 2025-05-31" in result.stderr
    assert not out.exists()


def test_the_pack_itself_refuses_part_months_whoever_asks(app, may):
    with app.test_request_context(), pytest.raises(NotWholeMonths) as refused:
        render_pack(db.session, Period(date(2025, 5, 3), date(2025, 5, 3)), None, date(2025, 12, 6))
    assert refused.value.suggested == Period(date(2025, 5, 1), date(2025, 5, 31))


def test_the_pack_download_offers_whole_months_only(client_request, may):
    client_request.login_as("partnership")
    for query in (
        {"date_from": "2025-05-03", "date_to": "2025-05-03"},
        {"date_from": "2025-05-02", "date_to": "2025-05-31"},
    ):
        client_request.get_response("review.download_pack", _expected_status=400, **query)
