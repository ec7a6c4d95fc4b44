"""The public quarterly figures: quarters, the small-number rule across a quarter's tables together, which
tables a revision changed, and what changed since the previous quarter (reporting/domain/)."""

from datetime import date

import pytest

from reporting.domain.quarterly_figures import (
    TOTAL_KEY,
    changed_tables,
    quarter_lines,
    suppress_quarter,
    what_changed,
)
from reporting.domain.quarters import NotAQuarter, Quarter, ended_quarters, last_ended


def _cells(total: int, **tables: dict[str, int]) -> dict:
    cells = {TOTAL_KEY: total}
    for dimension, counts in tables.items():
        cells.update({(dimension, code): count for code, count in counts.items()})
    return cells


def _no_line_gives_a_cell_away(cells: dict, published: dict) -> None:
    for line in quarter_lines(cells):
        hidden = [key for key in line.terms() if published[key] is None]
        assert len(hidden) != 1, f"{hidden} could be worked out from {line}"


# ---------------------------------------------------------------- quarters


def test_a_quarter_is_written_like_2026_q2_and_covers_three_whole_months():
    quarter = Quarter.parse("2026-q2")
    assert str(quarter) == "2026-Q2"
    assert (quarter.first_day, quarter.last_day) == (date(2026, 4, 1), date(2026, 6, 30))
    assert quarter.months() == ["2026-04", "2026-05", "2026-06"]
    assert quarter.previous() == Quarter(2026, 1) and Quarter(2026, 4).next() == Quarter(2027, 1)


@pytest.mark.parametrize("text", ["2026-Q5", "2026Q2", "Q2 2026", "", "2026-Q0", "26-Q1"])
def test_anything_else_is_not_a_quarter(text):
    with pytest.raises(NotAQuarter):
        Quarter.parse(text)


def test_a_quarter_has_ended_only_after_its_last_day():
    quarter = Quarter(2026, 2)
    assert not quarter.has_ended(date(2026, 6, 30))
    assert quarter.has_ended(date(2026, 7, 1))
    assert last_ended(date(2026, 7, 1)) == quarter
    assert ended_quarters(date(2026, 12, 6), 3) == [Quarter(2026, 3), Quarter(2026, 2), Quarter(2026, 1)]


# ---------------------------------------------------------------- the small-number rule across tables


def test_small_counts_are_hidden_and_a_second_cell_in_their_table():
    cells = _cells(20, channel={"assisted": 17, "self": 3}, area={"a": 10, "b": 10})
    published = suppress_quarter(cells)
    assert published[("channel", "self")] is None
    assert published[("channel", "assisted")] is None  # else 20 - 17 gives the 3 away
    assert published[TOTAL_KEY] == 20 and published[("area", "a")] == 10
    _no_line_gives_a_cell_away(cells, published)


def test_hiding_the_total_in_one_table_hides_a_second_cell_in_every_other():
    # The category table has one small cell and no other non-zero cell to hide, so the total goes; then
    # the area, channel and incident type tables, which share that total, must each hide one more cell.
    cells = _cells(
        10,
        category={"race": 2, "religion": 0},
        area={"a": 5, "b": 5},
        channel={"assisted": 5, "self": 5},
        incident_type={"threats": 10, "graffiti": 0},
    )
    published = suppress_quarter(cells)
    assert published[("category", "race")] is None and published[TOTAL_KEY] is None
    assert [published[("area", "a")], published[("area", "b")]].count(None) == 1
    assert [published[("channel", "assisted")], published[("channel", "self")]].count(None) == 1
    assert published[("incident_type", "threats")] is None and published[("incident_type", "graffiti")] == 0
    _no_line_gives_a_cell_away(cells, published)


def test_a_small_total_hides_every_non_zero_cell():
    cells = _cells(4, area={"a": 4, "b": 0}, channel={"assisted": 4, "self": 0}, category={"race": 4})
    published = suppress_quarter(cells)
    assert published[TOTAL_KEY] is None
    assert all(value in (None, 0) for value in published.values())
    _no_line_gives_a_cell_away(cells, published)


def test_a_table_hides_a_second_cell_even_when_that_hides_all_of_it():
    cells = _cells(
        30,
        area={"a": 28, "b": 2},  # 2 hidden, then 28 (the only other non-zero): the area table is all hidden
        channel={"assisted": 20, "self": 10},
        category={"race": 18, "religion": 12},
    )
    published = suppress_quarter(cells)
    assert published[("area", "a")] is None and published[("area", "b")] is None
    # 30 is still shown, so nothing forces the other tables; check no line gives a cell away anyway.
    _no_line_gives_a_cell_away(cells, published)
    cells = _cells(9, area={"a": 9}, channel={"assisted": 6, "self": 3}, category={"race": 9, "religion": 0})
    published = suppress_quarter(cells)
    # self (3) hidden; assisted (6) hidden second; the channel line then has two hidden and the total shows.
    assert published[("channel", "self")] is None and published[("channel", "assisted")] is None
    _no_line_gives_a_cell_away(cells, published)


def test_nothing_small_nothing_hidden_and_one_small_cell_hides_two():
    cells = _cells(
        12,
        area={"a": 12, "b": 0},
        channel={"assisted": 12, "self": 0},
        category={"race": 7, "religion": 5},
        incident_type={"threats": 12},
    )
    # Nothing is small, so nothing is hidden: every line shows every term.
    assert all(value is not None for value in suppress_quarter(cells).values())
    cells[("area", "b")], cells[("area", "a")] = 1, 11
    published = suppress_quarter(cells)
    # area: 1 hidden, then 11 (the only other non-zero); no table has one hidden term.
    assert published[("area", "b")] is None and published[("area", "a")] is None
    _no_line_gives_a_cell_away(cells, published)


def test_zero_is_shown_as_zero():
    published = suppress_quarter(_cells(10, channel={"assisted": 10, "self": 0}))
    assert published[("channel", "self")] == 0 and published[("channel", "assisted")] == 10


@pytest.mark.parametrize("seed", range(40))
def test_no_published_line_ever_has_exactly_one_hidden_term(seed):
    import random

    draw = random.Random(seed)
    total = draw.randint(0, 40)
    areas = [draw.randint(0, 1) * draw.randint(0, 12) for _ in range(5)]
    areas[-1] = max(0, total - sum(areas[:-1]))
    total = sum(areas)
    self_reports = draw.randint(0, total)
    cells = _cells(
        total,
        area={f"area{index}": count for index, count in enumerate(areas)},
        channel={"assisted": total - self_reports, "self": self_reports},
        category={code: draw.randint(0, total) for code in ("race", "religion", "disability")},
    )
    published = suppress_quarter(cells)
    for key, count in cells.items():
        if 0 < count < 5:
            assert published[key] is None
        if published[key] is not None:
            assert published[key] == count
    _no_line_gives_a_cell_away(cells, published)


# ---------------------------------------------------------------- revisions and what changed


def test_a_revision_names_the_tables_whose_published_figures_changed():
    before = {TOTAL_KEY: 40, ("area", "a"): 20, ("area", "b"): None, ("category", "race"): 12, ("channel", "self"): 9}
    after = {**before, TOTAL_KEY: 41, ("area", "a"): 21}
    assert changed_tables(before, after) == ("area", "total")
    assert changed_tables(before, dict(before)) == ()
    # A hidden cell that stays hidden changes nothing anyone can see.
    assert changed_tables({("area", "b"): None}, {("area", "b"): None}) == ()
    assert changed_tables({("category", "race"): 3}, {("category", "race"): 3, ("category", "age"): 0}) == ("category",)


def test_what_changed_reads_published_values_only():
    previous = {TOTAL_KEY: 50, ("category", "race"): 30, ("category", "religion"): 20, ("area", "a"): None}
    current = {TOTAL_KEY: 54, ("category", "race"): 28, ("category", "religion"): 26, ("area", "a"): 9}
    changes = what_changed(current, previous)
    assert changes.total.direction == "up" and changes.total.difference == 4
    assert changes.total.share == pytest.approx(0.08)
    top = next(top for top in changes.most_reported if top.dimension == "category")
    assert (top.code, top.same_as_before) == ("race", True)
    rise = next(rise for rise in changes.rises if rise.dimension == "category")
    assert (rise.code, rise.previous, rise.current) == ("religion", 20, 26)
    assert not [rise for rise in changes.rises if rise.dimension == "area"]  # the previous count was hidden
    hidden_total = what_changed({**current, TOTAL_KEY: None}, previous)
    assert hidden_total.total.direction is None
