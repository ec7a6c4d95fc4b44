"""When a scheduled job is due: at most once a UK day, and again on the next run after a run that failed.

A job is done for the day once a run of it that UK day was `ok` or `skipped` (it could not apply, such as
reminders without mail settings: trying again within the day would change nothing). A `failed` run leaves it
due, so the next `jobs run` tries it again; a `running` run is one in progress, or one whose process stopped.
"""

from datetime import date, datetime, timedelta

from .ukdates import uk_date, uk_day_bounds

RUNNING, OK, FAILED, SKIPPED = "running", "ok", "failed", "skipped"
OUTCOMES = (RUNNING, OK, FAILED, SKIPPED)
DONE = (OK, SKIPPED)
# On SQLite the `running` row is the job's lock; one this old is taken for a run whose process stopped.
ABANDONED_AFTER = timedelta(hours=12)
DETAIL_LENGTH = 300


def start_of_uk_day(day: date) -> datetime:
    """The UTC instant a UK day begins."""
    return uk_day_bounds(day, day)[0]


def is_due(last_done_at: datetime | None, now: datetime) -> bool:
    """Whether a job last done (`ok` or `skipped`) at `last_done_at` is due at `now`: not yet done this UK day."""
    return last_done_at is None or uk_date(last_done_at) < uk_date(now)


def next_due_on(last_done_at: datetime | None, now: datetime) -> date:
    """The UK day the job is next due: today when it is due now, else tomorrow."""
    today = uk_date(now)
    return today if is_due(last_done_at, now) else today + timedelta(days=1)


def is_abandoned(started_at: datetime, now: datetime) -> bool:
    """Whether a `running` row is so old that its process must have stopped (SQLite, where no lock says so)."""
    return now - started_at >= ABANDONED_AFTER


def short_detail(text: str) -> str:
    """A detail that fits its column: its lines joined by semicolons, at most `DETAIL_LENGTH` characters."""
    line = "; ".join(" ".join(part.split()) for part in text.splitlines() if part.strip())
    return line if len(line) <= DETAIL_LENGTH else line[: DETAIL_LENGTH - 1] + "…"
