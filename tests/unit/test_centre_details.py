"""A centre's opening hours, whether it is open, how far it is, and its kind, as plain values."""

from datetime import datetime, time

import pytest

from reporting.domain import centres
from reporting.domain.centres import HoursError, Opening
from reporting.domain.ukdates import UK


def test_hours_text_is_read_into_openings_and_written_back_the_same():
    openings = centres.parse_hours("Mon-Fri 09:30-17:00; Sat 10:00-13:00, 14:00-16:00")
    assert Opening(0, time(9, 30), time(17)) in openings and len(openings) == 7
    assert centres.hours_text(openings) == "Mon-Fri 09:30-17:00; Sat 10:00-13:00, 14:00-16:00"


def test_hours_with_a_gap_in_the_week_are_written_as_separate_runs():
    openings = centres.parse_hours("tue 10:00-15:00; thu 10.00-15.00")
    assert centres.hours_text(openings) == "Tue 10:00-15:00; Thu 10:00-15:00"
    assert centres.english_hours(openings, True) == (
        "Tuesday 10:00 to 15:00; Thursday 10:00 to 15:00 (closed on bank holidays)"
    )


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("Mon-Fri", "should be days then times"),
        ("Mon 9am-5pm", "is not a time"),
        ("Fri-Mon 09:00-17:00", "the days run backwards"),
        ("Mun 09:00-17:00", "is not a day"),
        ("Mon 17:00-09:00", "not after it opens"),
        ("Mon 09:00-13:00, 12:00-15:00", "two openings overlap"),
    ],
)
def test_hours_that_cannot_be_read_say_why(text, says):
    with pytest.raises(HoursError, match=says):
        centres.parse_hours(text)


def test_open_now_follows_the_hours_and_closes_on_bank_holidays():
    openings = centres.parse_hours("Mon-Fri 09:30-17:00")
    tuesday = datetime(2026, 12, 8, 10, 0, tzinfo=UK)
    assert centres.is_open(openings, tuesday, closed_on_bank_holidays=True)
    assert not centres.is_open(openings, tuesday.replace(hour=17), closed_on_bank_holidays=True)
    christmas = datetime(2026, 12, 25, 11, 0, tzinfo=UK)  # a Friday
    assert not centres.is_open(openings, christmas, closed_on_bank_holidays=True)
    assert centres.is_open(openings, christmas, closed_on_bank_holidays=False)
    assert centres.is_bank_holiday(datetime(2026, 8, 31).date())  # the summer bank holiday in England


def test_distances_are_great_circle_miles():
    sale, altrincham = (53.4246, -2.3186), (53.3871, -2.3496)
    assert centres.miles_between(sale, altrincham) == pytest.approx(2.89, abs=0.01)
    assert centres.miles_between(sale, sale) == 0


def test_free_text_kinds_become_the_nearest_code():
    assert centres.kind_code("housing_office") == "housing_office"
    assert centres.kind_code("Mosque community room") == "place_of_worship"
    assert centres.kind_code("Library") == "library"
    assert centres.kind_code("Barber's shop") == "other"
    assert centres.kind_code("") is None


def test_every_centre_code_has_a_label():
    from reporting.labels import LABELS

    assert tuple(LABELS["centre_kinds"]) == centres.KINDS
    assert tuple(LABELS["centre_offers"]) == centres.OFFERS
    assert tuple(LABELS["centre_access"]) == centres.ACCESS
