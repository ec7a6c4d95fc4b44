"""Recorded accounts in words: how long one is, and how a referral names it (in English, for partners)."""

import math


def whole_minutes_and_seconds(seconds: float | None) -> tuple[int, int]:
    total = max(0, math.ceil(seconds or 0))
    return total // 60, total % 60


def english_length(seconds: float | None) -> str:
    """'3 minutes', '1 minute 5 seconds', '40 seconds'."""
    minutes, rest = whole_minutes_and_seconds(seconds)
    parts = []
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    if rest or not minutes:
        parts.append(f"{rest} second{'s' if rest != 1 else ''}")
    return " ".join(parts)


def referral_line(kind: str, seconds: float | None) -> str:
    """What a referral says of a recording: 'A BSL video account of 3 minutes is held by the centre'."""
    what = "A BSL video account" if kind == "video" else "A voice recording of the account"
    return f"{what} of {english_length(seconds)} is held by the centre"


def clock(seconds: float | None) -> str:
    """'3:05', as the recorder's timer shows it."""
    minutes, rest = whole_minutes_and_seconds(seconds)
    return f"{minutes}:{rest:02d}"


def held_for_referral(report, anonymous: bool) -> tuple[list[str], int]:
    """What a referral says of the report's recorded accounts (those ready), and how many it withholds: a face or a
    voice says who the person is, so a referral for a person who asked to stay anonymous names none."""
    ready = [item for item in getattr(report, "recordings", None) or () if getattr(item, "status", None) == "ready"]
    if anonymous:
        return [], sum(1 for item in ready if getattr(item, "identifying", True))
    return [referral_line(item.kind, item.duration_seconds) for item in ready], 0
