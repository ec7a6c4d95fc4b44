"""What a benchmark run does, from the environment (`make bench` and `make bench-quick` set BENCH_REPORTS).

BENCH_REPORTS        demo reports in each database (default 1,000,000)
BENCH_RUNS           repeated runs behind each median (default 3)
BENCH_PAGE_RUNS      timings of one page or one chart behind each median (default 9)
BENCH_IMPORT_LINES   lines of the `reports import` file (default 100,000)
BENCH_LOAD_SECONDS   the longest one load run may take (default 8)
BENCH_LOAD_REQUESTS  the most requests one load run at 16 clients sends (default 3,000; a quarter at 1 client)
BENCH_DATABASES      which databases, comma-separated (default sqlite,postgresql)
BENCH_RESULTS        where the JSON goes (default bench/results.json)
BENCH_SEED           the demo generator's seed (default 2026)
"""

import os
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, "").replace("_", "").replace(",", "") or default)


@dataclass(frozen=True)
class Settings:
    reports: int = 1_000_000
    runs: int = 3
    page_runs: int = 9
    import_lines: int = 100_000
    load_seconds: float = 8
    load_requests: int = 3_000
    databases: tuple[str, ...] = ("sqlite", "postgresql")
    results: Path = HERE / "results.json"
    seed: int = 2026

    @classmethod
    def from_environment(cls) -> "Settings":
        databases = tuple(name.strip() for name in os.environ.get("BENCH_DATABASES", "sqlite,postgresql").split(","))
        unknown = set(databases) - {"sqlite", "postgresql"}
        if unknown:
            raise SystemExit(f"BENCH_DATABASES: unknown {', '.join(sorted(unknown))} (sqlite, postgresql)")
        return cls(
            reports=_int("BENCH_REPORTS", 1_000_000),
            runs=max(1, _int("BENCH_RUNS", 3)),
            page_runs=max(1, _int("BENCH_PAGE_RUNS", 9)),
            import_lines=_int("BENCH_IMPORT_LINES", 100_000),
            load_seconds=float(os.environ.get("BENCH_LOAD_SECONDS") or 8),
            load_requests=_int("BENCH_LOAD_REQUESTS", 3_000),
            databases=databases,
            results=Path(os.environ.get("BENCH_RESULTS") or HERE / "results.json"),
            seed=_int("BENCH_SEED", 2026),
        )
