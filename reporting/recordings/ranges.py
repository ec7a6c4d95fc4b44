"""One byte range from an HTTP `Range` header (RFC 9110), as players ask for when they seek in a recording."""

import re

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class Unsatisfiable(ValueError):
    """A range that lies outside the file (answered 416)."""


def byte_range(header: str | None, size: int) -> tuple[int, int] | None:
    """(first, last) inclusive for a single-range header; None for no header or one we answer whole (several ranges)."""
    if not header:
        return None
    found = _RANGE.match(header.strip())
    if not found or found.group(1) == found.group(2) == "":
        return None
    first, last = found.groups()
    if first == "":  # the last N bytes
        length = int(last)
        if length == 0 or size == 0:
            raise Unsatisfiable(header)
        return max(0, size - length), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or end < start:
        raise Unsatisfiable(header)
    return start, end
