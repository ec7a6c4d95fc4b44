"""gunicorn serving the benchmark's app on loopback, and the memory its workers have used."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Server:
    base_url: str
    process: subprocess.Popen

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def worker_peak_mb(self) -> float:
        """The largest peak resident memory (VmHWM) of any worker so far, in MB."""
        peaks = [_status_kb(pid, "VmHWM") for pid in self.worker_pids()]
        return max(peaks, default=0) / 1024

    def worker_now_mb(self) -> float:
        return max((_status_kb(pid, "VmRSS") for pid in self.worker_pids()), default=0) / 1024


def _status_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except FileNotFoundError:
        pass
    return 0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(environment: dict[str, str], workers: int = 2, log_path: Path | None = None):
    """Serve `bench.app:create_bench_app()` with `workers` sync workers; yields a `Server`."""
    port = free_port()
    command = [
        sys.executable, "-m", "gunicorn", "--workers", str(workers), "--worker-class", "sync",
        "--bind", f"127.0.0.1:{port}", "--timeout", "120", "--graceful-timeout", "5",
        "--log-level", "warning", "bench.app:create_bench_app()",
    ]  # fmt: skip
    env = {**os.environ, **environment, "PYTHONPATH": str(PROJECT_ROOT)}
    log = open(log_path or os.devnull, "ab")  # kept open for the life of the server
    process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=log)
    server = Server(f"http://127.0.0.1:{port}", process)
    try:
        try:
            _wait_until_serving(server, workers)
        except RuntimeError as error:
            tail = Path(log_path).read_text(errors="replace")[-3000:] if log_path else ""
            raise RuntimeError(f"{error}\n{tail}") from None
        yield server
    finally:
        stop_process(process)
        log.close()


def _wait_until_serving(server: Server, workers: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.process.returncode}")
        try:
            with urllib.request.urlopen(server.base_url + "/hello", timeout=5) as answer:
                if answer.status == 200 and len(server.worker_pids()) >= workers:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not start serving within a minute")


def stop_process(process: subprocess.Popen, signal_number: int = signal.SIGTERM, timeout: float = 15) -> None:
    """Ask a process to stop with `signal_number`; kill it if it has not stopped within `timeout` seconds."""
    if process.poll() is not None:
        return
    process.send_signal(signal_number)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
