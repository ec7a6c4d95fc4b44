"""The small-number rule: 1 to 4 shown as <5, and a second cell hidden wherever a total would give one away."""

import itertools

import pytest

from reporting.domain.suppression import (
    SUPPRESSED,
    Line,
    hidden_cells,
    is_small,
    lines_of_cross_table,
    shown,
    suppress,
)


@pytest.mark.parametrize(("count", "small"), [(0, False), (1, True), (4, True), (5, False), (120, False)])
def test_only_counts_from_one_to_four_are_small(count, small):
    assert is_small(count) is small
    assert shown(count, small) == (SUPPRESSED if small else str(count))


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        # Nothing small: everything shown.
        ({"a": 10, "b": 7, "c": 0}, {"a": "10", "b": "7", "c": "0"}),
        # One small cell: the next smallest non-zero cell is hidden too, zeros stay.
        ({"a": 10, "b": 3, "c": 7, "d": 0}, {"a": "10", "b": "<5", "c": "<5", "d": "0"}),
        # Two small cells already protect each other.
        ({"a": 10, "b": 3, "c": 1}, {"a": "10", "b": "<5", "c": "<5"}),
        # Ties go to the first of the smallest.
        ({"a": 9, "b": 2, "c": 9}, {"a": "<5", "b": "<5", "c": "9"}),
        # Only zeros beside the small cell: a zero is hidden rather than give the cell away.
        ({"a": 0, "b": 4, "c": 0}, {"a": "<5", "b": "<5", "c": "0"}),
    ],
)
def test_a_one_way_table_with_a_known_total(counts, expected):
    assert suppress(counts, [Line(tuple(counts))]) == expected


def test_a_printed_total_is_hidden_when_it_is_the_only_figure_left_to_hide():
    counts = {"a": 3, "b": 0, "total": 3}
    assert suppress(counts, [Line(("a", "b"), total="total")]) == {"a": "<5", "b": "0", "total": "<5"}


def test_a_total_hidden_elsewhere_is_not_given_away_by_its_own_line():
    # The row total is hidden by its column; adding up the row would reveal it, so a row cell goes too.
    counts = {"x": 6, "y": 7, "row": 13, "other_row": 2, "column_total": 15}
    lines = [Line(("x", "y"), total="row"), Line(("row", "other_row"), total="column_total")]
    hidden = hidden_cells(counts, lines)
    assert {"other_row", "row"} <= hidden
    assert hidden & {"x", "y"}


def test_secondary_suppression_carries_across_rows_and_columns():
    # A 3x3 cross table: hiding a second cell in one row leaves its column with one hidden cell, and so on.
    counts = {
        ("r1", "c1"): 2, ("r1", "c2"): 20, ("r1", "c3"): 30,
        ("r2", "c1"): 15, ("r2", "c2"): 25, ("r2", "c3"): 35,
        ("r3", "c1"): 40, ("r3", "c2"): 50, ("r3", "c3"): 60,
    }  # fmt: skip
    lines = lines_of_cross_table(counts)
    hidden = hidden_cells(counts, lines)
    assert ("r1", "c1") in hidden
    assert_nothing_recoverable(counts, lines, hidden)


def assert_nothing_recoverable(counts, lines, hidden):
    for line in lines:
        terms = [key for key in line.terms() if key in counts]
        assert sum(1 for key in terms if key in hidden) != 1, f"one hidden cell alone in {line}"


@pytest.mark.parametrize("seed", range(30))
def test_no_random_table_leaves_a_lone_hidden_cell_in_any_line(seed):
    import random

    rng = random.Random(seed)
    rows, columns = rng.randint(1, 5), rng.randint(1, 5)
    counts = {
        (row, column): rng.choice([0, 1, 2, 3, 4, 5, 8, 13, 40])
        for row, column in itertools.product(range(rows), range(columns))
    }
    lines = lines_of_cross_table(counts)
    hidden = hidden_cells(counts, lines)
    assert {key for key, count in counts.items() if 0 < count < 5} <= hidden
    if rows > 1 and columns > 1:
        assert_nothing_recoverable(counts, lines, hidden)


def test_the_lines_of_a_cross_table_are_its_rows_and_columns():
    keys = [("a", "x"), ("a", "y"), ("b", "x")]
    lines = {frozenset(line.members) for line in lines_of_cross_table(keys)}
    assert lines == {
        frozenset({("a", "x"), ("b", "x")}),
        frozenset({("a", "y")}),
        frozenset({("a", "x"), ("a", "y")}),
        frozenset({("b", "x")}),
    }
