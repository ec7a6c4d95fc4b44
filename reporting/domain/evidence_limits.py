"""How many files, and how many bytes, a report made online may take, and why a new file is refused.

A report made online may carry a few files of a limited total size. Its draft may also take only so much in a
day, counting the files it took and then removed: otherwise adding and removing files again and again would
let a session that never sends its report keep writing to the server.
"""

from dataclasses import dataclass

MEGABYTE = 1024 * 1024

# Why files cannot be added (see `refusal`).
TOO_MANY = "too_many"
TOTAL_TOO_BIG = "total_too_big"
DAILY_ALLOWANCE_USED = "daily_allowance_used"


@dataclass(frozen=True)
class FileLimits:
    files: int  # most files a report may carry at once
    total_bytes: int  # most bytes they may take together
    file_bytes: int  # most bytes one file may take
    daily_files: int  # most files a draft may take in a day, counting those removed
    daily_bytes: int  # most bytes a draft may take in a day, counting those removed

    @property
    def total_megabytes(self) -> int:
        return megabytes(self.total_bytes)

    @property
    def file_megabytes(self) -> int:
        return megabytes(self.file_bytes)


def megabytes(size: int) -> int:
    """A size in whole megabytes as people read a limit ("20 MB"): never rounded up past the limit."""
    return size // MEGABYTE


def refusal(limits: FileLimits, kept: list[int], taken_today: list[int], new: list[int]) -> str | None:
    """Why files of sizes `new` cannot join a report holding files of sizes `kept`, whose draft took files of
    sizes `taken_today` in the last day (removed ones included): one of the reasons above, or None."""
    if len(kept) + len(new) > limits.files:
        return TOO_MANY
    if sum(kept) + sum(new) > limits.total_bytes:
        return TOTAL_TOO_BIG
    if len(taken_today) + len(new) > limits.daily_files or sum(taken_today) + sum(new) > limits.daily_bytes:
        return DAILY_ALLOWANCE_USED
    return None


def files_left(limits: FileLimits, kept: list[int]) -> int:
    return max(0, limits.files - len(kept))
