"""When a scheduled job is due: once a UK day, the day turning at UK midnight (in summer time too)."""

from datetime import UTC, date, datetime, timedelta

from reporting.domain.schedule import DETAIL_LENGTH, is_abandoned, is_due, next_due_on, short_detail


def test_a_job_never_done_is_due():
    assert is_due(None, datetime(2026, 7, 1, 8, tzinfo=UTC))


def test_a_job_done_today_is_not_due_until_uk_midnight_in_summer_time():
    done = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)  # 00:30 on 1 July in the UK
    assert not is_due(done, datetime(2026, 7, 1, 22, 59, tzinfo=UTC))
    assert is_due(done, datetime(2026, 7, 1, 23, 0, tzinfo=UTC))  # midnight in the UK
    assert next_due_on(done, datetime(2026, 7, 1, 8, tzinfo=UTC)) == date(2026, 7, 2)


def test_in_winter_the_uk_day_is_the_utc_day():
    done = datetime(2026, 12, 6, 23, 59, tzinfo=UTC)
    assert is_due(done, datetime(2026, 12, 7, 0, 0, tzinfo=UTC))
    assert next_due_on(done, datetime(2026, 12, 7, 0, 0, tzinfo=UTC)) == date(2026, 12, 7)


def test_a_running_row_counts_as_abandoned_after_twelve_hours():
    started = datetime(2026, 12, 6, 1, 0, tzinfo=UTC)
    assert not is_abandoned(started, started + timedelta(hours=11, minutes=59))
    assert is_abandoned(started, started + timedelta(hours=12))


def test_a_detail_is_one_line_that_fits_its_column():
    assert short_detail("erased 0 reports\ncleared 2 addresses\n") == "erased 0 reports; cleared 2 addresses"
    assert len(short_detail("x" * 1000)) == DETAIL_LENGTH
