"""Figures: each a value measured against a baseline measured in the same run, with its target.

`ratio` is always value / baseline value. A target is on the ratio (">= 0.30 of /bare") or, where
the issue gives a limit in milliseconds, seconds or megabytes, on the value itself; the baseline and
ratio are reported either way, so every figure can be read against what the same machine did
with almost no work at the same moment.
"""

import json
import os
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

SYMBOLS = {">=": "≥", "<=": "≤", "==": "="}


@dataclass(frozen=True)
class Target:
    on: str  # "ratio" or "value"
    operator: str  # ">=", "<=" or "=="
    limit: float

    def met(self, value: float, ratio: float | None) -> bool:
        measured = ratio if self.on == "ratio" else value
        if measured is None:
            return False
        if self.operator == ">=":
            return measured >= self.limit
        if self.operator == "<=":
            return measured <= self.limit
        return abs(measured - self.limit) < 1e-9

    def text(self, unit: str) -> str:
        limit = f"{self.limit:g}"
        if self.on == "ratio":
            return f"ratio {SYMBOLS[self.operator]} {limit}"
        return f"{SYMBOLS[self.operator]} {limit} {unit}"


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    unit: str
    baseline_name: str
    baseline_value: float
    target: Target

    @property
    def ratio(self) -> float | None:
        return self.value / self.baseline_value if self.baseline_value else None

    @property
    def met(self) -> bool:
        return self.target.met(self.value, self.ratio)

    def as_json(self) -> dict:
        ratio = self.ratio
        return {
            "name": self.name,
            "value": round(self.value, 6),
            "unit": self.unit,
            "baseline_name": self.baseline_name,
            "baseline_value": round(self.baseline_value, 6),
            "ratio": None if ratio is None else round(ratio, 4),
            "target": self.target.text(self.unit),
            "met": self.met,
        }


def median_of(runs: int, measure: Callable[[], float]) -> float:
    """The median of `runs` calls of `measure`."""
    return statistics.median(measure() for _ in range(runs))


def timed(action: Callable[[], object]) -> float:
    """Seconds `action` took."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def median_seconds(runs: int, action: Callable[[], object]) -> float:
    return median_of(runs, lambda: timed(action))


def paired_median_seconds(
    runs: int, action: Callable[[], object], baseline: Callable[[], object]
) -> tuple[float, float]:
    """Median seconds of `action` and of `baseline`, timed in turn (A B, B A, A B, ...).

    Timing all of one and then all of the other lets the machine's drift over a minute (other
    tenants, the disk writing back) fall on one side only; taken in turn, it falls on both alike.
    """
    times: tuple[list[float], list[float]] = ([], [])
    for run in range(runs):
        order = (0, 1) if run % 2 == 0 else (1, 0)
        for side in order:
            times[side].append(timed((action, baseline)[side]))
    return statistics.median(times[0]), statistics.median(times[1])


# Reporting


def machine() -> dict:
    memory_kb = 0
    try:
        line = next(text for text in Path("/proc/meminfo").read_text().splitlines() if text.startswith("MemTotal"))
        memory_kb = int(line.split()[1])
    except (OSError, StopIteration):
        pass
    model = ""
    try:
        model = next(
            text.split(":", 1)[1].strip()
            for text in Path("/proc/cpuinfo").read_text().splitlines()
            if text.startswith("model name")
        )
    except (OSError, StopIteration):
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "load_average": [round(value, 2) for value in os.getloadavg()],
    }


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}"


def table(figures: list[Figure]) -> str:
    """The figures as a plain text table for the terminal."""
    header = ("Figure", "Value", "Baseline", "Baseline value", "Ratio", "Target", "Met")
    rows = [
        (
            figure.name,
            f"{_number(figure.value)} {figure.unit}",
            figure.baseline_name,
            f"{_number(figure.baseline_value)} {figure.unit if figure.target.on == 'value' else ''}".strip(),
            _number(figure.ratio),
            figure.target.text(figure.unit),
            "yes" if figure.met else "NO",
        )
        for figure in figures
    ]
    widths = [max(len(str(row[index])) for row in (header, *rows)) for index in range(len(header))]
    lines = [
        "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)) for row in (header, *rows)
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def last_line(figures: list[Figure]) -> str:
    parts = [f"{figure.name}: {_number(figure.ratio)} {'met' if figure.met else 'not met'}" for figure in figures]
    met = sum(figure.met for figure in figures)
    return f"RESULT {met}/{len(figures)} targets met | " + " | ".join(parts)


def write_results(path: Path, figures: list[Figure], extra: dict) -> dict:
    document = {
        "machine": machine(),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        **extra,
        "figures": [figure.as_json() for figure in figures],
    }
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return document
