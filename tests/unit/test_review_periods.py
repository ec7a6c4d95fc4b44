"""Review periods in UK months, medians from histograms, chart scales and the area tile layout."""

from datetime import UTC, date, datetime

import pytest

from reporting import charts
from reporting.domain.periods import Period, last_complete_months, month_bounds
from reporting.review.figures import area_tiles
from reporting.review.figures.review_figures import median_of_histogram


def test_the_default_period_is_the_six_whole_months_before_this_one():
    period = last_complete_months(date(2026, 3, 14))
    assert (period.first, period.last) == (date(2025, 9, 1), date(2026, 2, 28))
    assert period.months() == ["2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02"]
    assert period.previous() == Period(date(2025, 3, 1), date(2025, 8, 31))


def test_a_period_of_days_splits_into_whole_and_part_months():
    period = Period(date(2025, 3, 31), date(2025, 6, 2))
    assert period.whole_months() == ["2025-04", "2025-05"]
    assert period.part_months() == [
        Period(date(2025, 3, 31), date(2025, 3, 31)),
        Period(date(2025, 6, 1), date(2025, 6, 2)),
    ]
    assert not period.month_aligned
    assert period.days == 64
    assert period.previous() == Period(date(2025, 1, 26), date(2025, 3, 30))


def test_twelve_months_up_to_the_end_of_the_period():
    period = Period(date(2025, 4, 1), date(2025, 9, 30))
    assert period.trailing_months(12) == Period(date(2024, 10, 1), date(2025, 9, 30))


def test_uk_months_start_at_uk_midnight():
    assert month_bounds("2025-04") == (datetime(2025, 3, 31, 23, tzinfo=UTC), datetime(2025, 4, 30, 23, tzinfo=UTC))
    assert month_bounds("2025-12") == (datetime(2025, 12, 1, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC))


def test_a_period_cannot_end_before_it_starts():
    with pytest.raises(ValueError):
        Period(date(2025, 5, 2), date(2025, 5, 1))


@pytest.mark.parametrize(
    ("counts", "median"),
    [({}, None), ({3: 1}, 3), ({1: 2, 5: 1}, 1), ({1: 1, 2: 1}, 1.5), ({0: 3, 10: 3}, 5), ({-1: 1, 4: 4}, 4)],
)
def test_median_of_a_histogram(counts, median):
    assert median_of_histogram(counts) == median


@pytest.mark.parametrize(("largest", "axis"), [(0, 1), (3, 4), (7, 10), (13, 20), (240, 250), (730, 1000)])
def test_axes_end_at_a_round_number(largest, axis):
    assert charts.nice_maximum(largest) == axis


def test_withheld_values_draw_no_bar_but_keep_their_text():
    rows = [("A", [charts.Value(None, "<5")]), ("B", [charts.Value(8, "8")])]
    chart = charts.bar_chart("c", "Title", "Summary", rows)
    hidden, shown = (row.bars[0] for row in chart.rows)
    assert hidden.width == 0 and hidden.text == "<5"
    assert shown.width > 0 and shown.text == "8"


def test_shades_go_by_quarters_of_the_largest():
    assert [charts.shade(value, 100) for value in (None, 0, 1, 25, 26, 75, 100)] == [0, 0, 1, 1, 2, 3, 4]


def test_every_area_gets_its_own_tile():
    codes = [*area_tiles.LAYOUT, "new_ward_a", "new_ward_b"]
    placed = area_tiles.positions(codes)
    assert set(placed) == set(codes)
    assert len(set(placed.values())) == len(codes)
    assert placed["new_ward_a"][1] > max(row for _, row in area_tiles.LAYOUT.values())
