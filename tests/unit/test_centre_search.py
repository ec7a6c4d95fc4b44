"""Finding a centre, as plain rules: what a visitor's text searches from, the order centres are listed in, the
checks on a row of the postcode districts table, and how a logged request line loses its search."""

import logging

import pytest

from reporting.centres.public import MaskSearches, masked
from reporting.domain.centre_search import (
    area_first,
    by_name,
    district_problem,
    district_to_search,
    nearest_first,
    normalise_district,
    uk_coordinates_problem,
)


@pytest.mark.parametrize(
    ("typed", "district"),
    [
        ("M33 7ZF", "M33"),
        ("m337zf", "M33"),
        ("  m33   7zf  ", "M33"),
        ("M33", "M33"),
        ("wa14", "WA14"),
        ("WA14 1EJ", "WA14"),
        ("SW1A 1AA", "SW1A"),
        ("sw1a", "SW1A"),
        ("", None),
        (None, None),
        ("Sale", None),
        ("M33 7Z", None),
        ("12345", None),
        ("M33 7ZF M33 7ZF", None),
        ("M" * 200, None),
    ],
)
def test_the_district_searched_from(typed, district):
    assert district_to_search(typed) == district


def test_a_district_in_the_table_is_upper_case_without_spaces():
    assert normalise_district(" wa 14 ") == "WA14"
    assert district_problem("WA14") is None
    assert district_problem("") == "is required"
    assert district_problem("M337ZF") == "M337ZF is not a postcode district such as M33 or WA14"


@pytest.mark.parametrize(
    ("point", "problem"),
    [
        ((53.42, -2.32), None),
        ((60.15, -1.15), None),  # Lerwick
        ((54.6, -5.93), None),  # Belfast
        ((-2.32, 53.42), "latitude -2.32 is not in the UK (between 49 and 61)"),
        ((53.42, 2.6), "longitude 2.6 is not in the UK (between -9 and 2.5)"),
    ],
)
def test_a_district_must_be_in_the_uk(point, problem):
    assert uk_coordinates_problem(*point) == problem


PLACES = {"Cedar": (53.10, -2.0), "alder": (53.01, -2.0), "Birch": (53.01, -2.0), "Unknown": None, "elm": None}


def _name(name: str) -> str:
    return name


def test_nearest_first_with_ties_and_unknown_places_by_name():
    placed = nearest_first(PLACES, (53.0, -2.0), PLACES.get, _name)
    assert [entry.item for entry in placed] == ["alder", "Birch", "Cedar", "elm", "Unknown"]
    assert [round(entry.miles, 2) if entry.miles is not None else None for entry in placed] == [
        0.69, 0.69, 6.91, None, None,
    ]  # fmt: skip


def test_an_areas_places_first_then_the_others_each_by_name():
    in_area, others = area_first(PLACES, lambda name: name in ("Cedar", "alder"), _name)
    assert [entry.item for entry in in_area] == ["alder", "Cedar"]
    assert [entry.item for entry in others] == ["Birch", "elm", "Unknown"]
    assert all(entry.miles is None for entry in in_area + others)


def test_by_name_ignores_case():
    assert [entry.item for entry in by_name(["b", "A", "c"], _name)] == ["A", "b", "c"]


YELLOW, RESET = "\x1b[33m", "\x1b[0m"  # Werkzeug colours the request line of a 404


@pytest.mark.parametrize(
    ("line", "logged"),
    [
        ("GET /centres?postcode=M33+7ZF HTTP/1.1", "GET /centres?[search not logged] HTTP/1.1"),
        ("GET /centres?postcode=M33 7ZF&lang=ur HTTP/1.1", "GET /centres?[search not logged] HTTP/1.1"),
        ("GET /language/ur?next=/centres?postcode%3DM33 HTTP/1.1", "GET /language/ur?[search not logged] HTTP/1.1"),
        (
            f"{YELLOW}GET /centres?POSTCODE=E1 HTTP/1.1{RESET}",
            f"{YELLOW}GET /centres?[search not logged] HTTP/1.1{RESET}",
        ),
        ("GET /centres?postcode=M33", "GET /centres?[search not logged]"),
        ("GET /centres?area=urmston HTTP/1.1", "GET /centres?area=urmston HTTP/1.1"),
        ("GET /report/ HTTP/1.1", "GET /report/ HTTP/1.1"),
    ],
)
def test_a_request_line_loses_a_search_for_a_postcode(line, logged):
    assert masked(line) == logged


def test_the_filter_masks_werkzeugs_arguments_and_keeps_the_rest():
    record = logging.LogRecord("werkzeug", logging.INFO, __file__, 1, '"%s" %s %s',
                               ("GET /centres?postcode=M33+7ZF HTTP/1.1", "200", 1234), None)  # fmt: skip
    assert MaskSearches().filter(record) is True
    assert record.getMessage() == '"GET /centres?[search not logged] HTTP/1.1" 200 1234'
