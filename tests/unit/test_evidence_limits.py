"""The limits on files in a report made online: how many, how many bytes together, and a draft's daily allowance
that counts files it took and then removed."""

import pytest

from reporting.domain.evidence_limits import (
    DAILY_ALLOWANCE_USED,
    TOO_MANY,
    TOTAL_TOO_BIG,
    FileLimits,
    files_left,
    megabytes,
    refusal,
)

MB = 1024 * 1024
LIMITS = FileLimits(files=5, total_bytes=20 * MB, file_bytes=10 * MB, daily_files=10, daily_bytes=40 * MB)


@pytest.mark.parametrize(
    ("kept", "taken_today", "new", "reason"),
    [
        ([], [], [MB], None),
        ([MB] * 4, [MB] * 4, [MB], None),
        ([MB] * 4, [MB] * 4, [MB, MB], TOO_MANY),
        ([10 * MB], [10 * MB], [10 * MB], None),  # exactly the total
        ([10 * MB], [10 * MB], [10 * MB + 1], TOTAL_TOO_BIG),
        ([], [MB] * 10, [MB], DAILY_ALLOWANCE_USED),  # ten added and removed today
        ([], [MB] * 9, [MB], None),
        ([], [15 * MB, 15 * MB], [10 * MB + 1], DAILY_ALLOWANCE_USED),  # bytes of removed files count too
    ],
)
def test_why_files_are_refused(kept, taken_today, new, reason):
    assert refusal(LIMITS, kept, taken_today, new) == reason


def test_limits_read_in_whole_megabytes_never_rounded_up():
    assert (LIMITS.total_megabytes, LIMITS.file_megabytes) == (20, 10)
    assert megabytes(MB - 1) == 0


def test_files_left():
    assert files_left(LIMITS, []) == 5
    assert files_left(LIMITS, [MB] * 5) == 0
