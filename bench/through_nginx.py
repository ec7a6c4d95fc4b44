"""`/hello` through nginx (the shipped site, deploy/nginx/reporting.conf, with TLS) against the same server directly.

nginx runs in front of the benchmark's gunicorn with the start-up code of the scale test (bench/deployment.py).
Loads of 16 clients alternate between the two ways in, so the machine's drift falls on both alike; the figure is
the throughput through nginx as a share of the throughput directly (target: at least 0.8).
"""

import shutil
import tempfile
from pathlib import Path
from statistics import median

from . import wrk
from .deployment import nginx
from .figures import Figure, Target

CLIENTS = 16
THROUGH_NGINX_SHARE = 0.8


def measure(server, settings, label: str) -> tuple[list[Figure], list[str]]:
    address = server.base_url.removeprefix("http://")
    folder = Path(tempfile.mkdtemp(prefix="bench-nginx-", dir="/tmp"))
    direct, proxied, problems = [], [], []
    with nginx(folder, [address]) as proxy:
        wrk.run(proxy.base_url, ["/hello"], CLIENTS, 200, 2)  # warm: TLS sessions, upstream connections
        for run in range(settings.runs):
            order = ((server.base_url, direct), (proxy.base_url, proxied))
            for base_url, results in order if run % 2 == 0 else reversed(order):
                result = wrk.run(base_url, ["/hello"], CLIENTS, settings.load_requests, settings.load_seconds)
                if not result.only(200):
                    problems.append(f"/hello via {base_url} at {CLIENTS} clients: statuses {result.statuses}, "
                                    f"{result.errors} errors")  # fmt: skip
                results.append(result.throughput)
    shutil.rmtree(folder, ignore_errors=True)
    target = Target("ratio", ">=", THROUGH_NGINX_SHARE)
    figure = Figure(f"/hello through nginx (TLS), {CLIENTS} clients ({label})", median(proxied), "req/s",
                    f"/hello directly, {CLIENTS} clients", median(direct), target)  # fmt: skip
    return [figure], problems
