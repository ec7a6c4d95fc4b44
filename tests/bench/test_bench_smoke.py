"""`python -m bench` at a tiny scale, so the benchmark cannot rot: every figure, each from two real measurements.

Runs the whole harness (data, gunicorn, wrk loads, review, PDFs, import, charts) on SQLite with a
few hundred reports and loads of a second or so, then reads bench/results.json as a person would.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CI = os.environ.get("CI") == "true"
EXPECTED = (
    "intake submit throughput, 1 client",
    "intake submit throughput, 16 clients",
    "intake submit p50, 1 client",
    "intake submit p99, 16 clients",
    "form step page GET throughput",
    "check answers page GET throughput",
    "find a centre page GET throughput",
    "overdue for a centre page GET throughput",
    "report page by reference GET throughput",
    "filtered reports list GET throughput",
    "Check my report, report opened GET throughput",
    "review dashboard page, 6 months",
    "review dashboard vs raw SQL",
    "review dashboard figures equal to raw counts",
    "review counts centre x category",
    "review counts output equal to raw",
    "police referral PDF in the app",
    "review pack PDF, all centres",
    "PDF render process peak memory, review pack",
    "worker peak memory",
    "reports import, 200 lines",
    "review summary upkeep per report written",
)
KEYS = ["name", "value", "unit", "baseline_name", "baseline_value", "ratio", "target", "met"]


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    if shutil.which("wrk") is None:
        if CI:
            pytest.fail("wrk is required when CI=true (apt-get install wrk)")
        pytest.skip("wrk is not installed")
    out = tmp_path_factory.mktemp("bench") / "results.json"
    environment = {
        **os.environ,
        "BENCH_REPORTS": "300",
        "BENCH_RUNS": "1",
        "BENCH_PAGE_RUNS": "3",
        "BENCH_IMPORT_LINES": "200",
        "BENCH_LOAD_SECONDS": "1",
        "BENCH_LOAD_REQUESTS": "60",
        "BENCH_DATABASES": "sqlite",
        "BENCH_RESULTS": str(out),
    }
    finished = subprocess.run(
        [sys.executable, "-m", "bench"], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    return json.loads(out.read_text()), finished.stdout


def test_every_figure_is_produced_with_the_shape_the_issue_gives(results):
    document, _output = results
    assert document["machine"]["cpus"] >= 1
    assert document["date"].startswith("20")
    names = [figure["name"] for figure in document["figures"]]
    for expected in EXPECTED:
        assert f"{expected} (SQLite)" in names, expected
    assert "SVG chart, categories current and previous" in names
    for figure in document["figures"]:
        assert list(figure) == KEYS
        assert isinstance(figure["met"], bool)


def test_every_ratio_comes_from_two_real_measurements(results):
    document, _output = results
    for figure in document["figures"]:
        assert figure["value"] > 0, figure
        assert figure["baseline_value"] > 0, figure
        assert figure["ratio"] == pytest.approx(figure["value"] / figure["baseline_value"], rel=1e-3, abs=1e-4)


def test_submit_latency_is_held_to_a_multiple_of_bare_at_the_same_percentile_and_clients(results):
    document, _output = results
    figures = {figure["name"]: figure for figure in document["figures"]}
    p50 = figures["intake submit p50, 1 client (SQLite)"]
    p99 = figures["intake submit p99, 16 clients (SQLite)"]
    assert (p50["baseline_name"], p50["target"]) == ("/bare p50, 1 client", "ratio ≤ 2.5")
    assert (p99["baseline_name"], p99["target"]) == ("/bare p99, 16 clients", "ratio ≤ 3")
    for figure in (p50, p99):
        assert figure["met"] == (figure["ratio"] <= float(figure["target"].rsplit(" ", 1)[1]))


def test_the_summary_behind_the_dashboard_is_exact_and_loads_answered_as_expected(results):
    document, _output = results
    exact = next(f for f in document["figures"] if f["name"].startswith("review dashboard figures equal"))
    assert exact["met"], document["SQLite"]["differences"]
    assert document["problems"] == []


def test_the_terminal_shows_the_table_and_ends_with_every_ratio(results):
    document, output = results
    lines = output.strip().splitlines()
    assert lines[0].startswith("Figure")
    assert lines[-1].startswith("RESULT ")
    for figure in document["figures"]:
        assert figure["name"] in lines[-1]
        assert figure["name"] in output.split("RESULT ")[0]


def test_hello_through_the_shipped_nginx_is_measured_against_hello_directly(results):
    document, _output = results
    figures = {figure["name"]: figure for figure in document["figures"]}
    through = figures["/hello through nginx (TLS), 16 clients (SQLite)"]
    assert (through["baseline_name"], through["target"]) == ("/hello directly, 16 clients", "ratio ≥ 0.8")
