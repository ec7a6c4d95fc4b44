"""Loads from Debian's `wrk`, on loopback only, bounded in requests and in time.

Each run sends either one fixed request over and over (the baselines, the form pages) or each
request of a list once (submitting drafts). `load.lua` keeps the session cookie current, as a
browser does, stops each thread after its share of the requests, and prints the figures.
"""

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

SCRIPT = Path(__file__).resolve().parent / "load.lua"
LOOPBACK = ("127.0.0.1", "localhost", "[::1]")


class WrkMissing(RuntimeError):
    pass


@dataclass(frozen=True)
class LoadResult:
    """What one run of the load measured."""

    clients: int
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    statuses: dict[int, int]
    errors: int

    @property
    def throughput(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def only(self, *statuses: int) -> bool:
        return self.errors == 0 and set(self.statuses) <= set(statuses)


def wrk_binary() -> str:
    found = shutil.which("wrk")
    if not found:
        raise WrkMissing("wrk is not installed: apt-get install wrk")
    return found


def run(base_url: str, requests: list[str], clients: int, max_requests: int, max_seconds: float,
        method: str = "GET", cookie: str = "") -> LoadResult:  # fmt: skip
    """Send `requests` ("path" or "path body" lines) from `clients` connections; at most `max_requests`
    answered and `max_seconds` spent. With one request it is repeated; with several each is sent once."""
    host = urlsplit(base_url).hostname
    if host not in LOOPBACK and f"[{host}]" not in LOOPBACK:
        raise ValueError(f"loads go to loopback only, not {host}")
    # One wrk thread drives every connection (it needs a fraction of a core at these rates): stopping it
    # stops them all at once, so no connection is left idle on a sync worker while others still measure.
    threads = 1
    per_thread = max(1, max_requests)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", prefix="bench-requests-", delete=False) as handle:
        handle.write("\n".join(requests) + "\n")
        listing = handle.name
    try:
        command = [
            wrk_binary(), "-t", str(threads), "-c", str(clients), "-d", f"{max(1, round(max_seconds))}s",
            "--timeout", "10s", "-s", str(SCRIPT), base_url,
            "--", listing, str(threads), str(per_thread), method, cookie,
        ]  # fmt: skip
        finished = subprocess.run(command, capture_output=True, text=True, timeout=max_seconds + 30, check=False)
    finally:
        Path(listing).unlink(missing_ok=True)
    return _parse(finished, clients)


def _parse(finished: subprocess.CompletedProcess, clients: int) -> LoadResult:
    line = next((text for text in finished.stdout.splitlines() if text.startswith("BENCH-RESULT ")), None)
    if finished.returncode or line is None:
        raise RuntimeError(f"wrk failed ({finished.returncode}): {finished.stderr or finished.stdout}")
    data = json.loads(line.removeprefix("BENCH-RESULT "))
    errors = sum(value for name, value in data["errors"].items() if name != "status")
    return LoadResult(
        clients=clients,
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        p50_ms=data["p50_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        statuses={int(status): count for status, count in data["statuses"].items()},
        errors=errors,
    )
