"""The shipped deployment on loopback, from installed packages: nginx from deploy/nginx/reporting.conf, Redis, and
app servers from deploy/gunicorn.conf.py. Used by the scale test (bench/scale.py) and the benchmark's
"/hello through nginx" figure.

Everything runs from a scratch folder, is started by this process and is stopped by its process id. nginx runs the
shipped site file with only its SETTING lines changed (ports, certificate, static folder, logs), inside a small
main configuration of its own, with a certificate made for the run.
"""

import datetime
import ipaddress
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .server import PROJECT_ROOT, free_port, stop_process

DEPLOY = PROJECT_ROOT / "deploy"
SITE = DEPLOY / "nginx" / "reporting.conf"
GUNICORN_CONF = DEPLOY / "gunicorn.conf.py"
STATIC = PROJECT_ROOT / "reporting" / "static"
TEMP_FOLDERS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
STARTED: list["AppServer"] = []  # every app server this process started, to check that none is left running


def _wait_for_port(port: int, process: subprocess.Popen, what: str, log: Path | None = None, timeout: float = 20):
    import socket

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    tail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
    raise RuntimeError(f"{what} did not start (exit status {process.poll()})\n{tail}")


# The certificate


def certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and localhost, made now; returns (certificate, key) paths."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    names = [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
    built = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    certificate_path, key_path = folder / "certificate.pem", folder / "certificate.key"
    certificate_path.write_bytes(built.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    key_path.chmod(0o600)
    return certificate_path, key_path


# nginx


@dataclass
class SiteSettings:
    """What the SETTING lines of the shipped site file become."""

    upstreams: list[str]
    http_port: int
    https_port: int
    certificate: Path
    key: Path
    static: Path
    access_log: Path
    error_log: Path


def _replace(text: str, pattern: str, replacement: str, count: int) -> str:
    changed, found = re.subn(pattern, lambda _match: replacement, text, flags=re.MULTILINE)
    if found != count:
        raise RuntimeError(f"deploy/nginx/reporting.conf: expected {count} line(s) matching {pattern!r}, found {found}")
    return changed


def site_for(settings: SiteSettings, text: str | None = None) -> str:
    """The shipped site file with its SETTING lines filled in for `settings`; refuses a file of another shape."""
    text = SITE.read_text(encoding="utf-8") if text is None else text
    servers = re.search(r"^upstream reporting_app \{\n((?:    server .*\n)+)\}", text, flags=re.MULTILINE)
    if servers is None:
        raise RuntimeError("deploy/nginx/reporting.conf: no `upstream reporting_app` block of server lines")
    options = re.match(r"    server \S+ (.*);", servers.group(1)).group(1)
    lines = "".join(f"    server {address} {options};\n" for address in settings.upstreams)
    text = text[: servers.start(1)] + lines + text[servers.end(1) :]
    text = _replace(text, r"^    listen 80;", f"    listen 127.0.0.1:{settings.http_port};", 1)
    text = _replace(text, r"^    listen 443 ssl http2;", f"    listen 127.0.0.1:{settings.https_port} ssl http2;", 1)
    text = _replace(text, r"^    ssl_certificate \S+;", f"    ssl_certificate {settings.certificate};", 1)
    text = _replace(text, r"^    ssl_certificate_key \S+;", f"    ssl_certificate_key {settings.key};", 1)
    text = _replace(text, r"^        alias \S+;", f"        alias {settings.static}/;", 1)
    text = _replace(text, r"^    proxy_set_header Host \$host;", "    proxy_set_header Host $http_host;", 1)  # not 443
    text = _replace(text, r"^    access_log \S+ ", f"    access_log {settings.access_log} ", 2)
    return _replace(text, r"^    error_log \S+ ", f"    error_log {settings.error_log} ", 2)


def main_config(folder: Path, site: Path) -> str:
    """nginx's main configuration for a run from `folder` (Debian's own would write to /var and /run)."""
    temp = "\n".join(f"    {name}_temp_path {folder / name};" for name in TEMP_FOLDERS)
    user = "user root root;\n" if os.geteuid() == 0 else ""  # workers read the scratch folder, which only we can
    return (
        f"{user}daemon off;\nworker_processes 2;\npid {folder / 'nginx.pid'};\n"
        f"error_log {folder / 'main-error.log'} warn;\n"
        "events { worker_connections 1024; }\n"
        "http {\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n"
        f"    sendfile on;\n    server_tokens off;\n{temp}\n    include {site};\n}}\n"
    )


@dataclass
class Nginx:
    folder: Path
    http_port: int
    https_port: int
    access_log: Path
    process: subprocess.Popen

    @property
    def base_url(self) -> str:
        return f"https://127.0.0.1:{self.https_port}"

    @property
    def certificate(self) -> Path:
        return self.folder / "certificate.pem"

    def log_lines(self) -> list[str]:
        return self.access_log.read_text(encoding="utf-8", errors="replace").splitlines()


def nginx_binary() -> str:
    for candidate in ("/usr/sbin/nginx", "/usr/bin/nginx"):
        if Path(candidate).exists():
            return candidate
    raise FileNotFoundError("nginx is not installed: apt-get install nginx")


def write_site(folder: Path, upstreams: list[str]) -> tuple[Path, SiteSettings]:
    """The main configuration and the filled-in site file in `folder`; returns the main file and the settings."""
    for name in TEMP_FOLDERS:
        (folder / name).mkdir(exist_ok=True)
    certificate_path, key_path = certificate(folder)
    settings = SiteSettings(upstreams, free_port(), free_port(), certificate_path, key_path, STATIC,
                            folder / "access.log", folder / "error.log")  # fmt: skip
    site = folder / "reporting.conf"
    site.write_text(site_for(settings), encoding="utf-8")
    main = folder / "nginx.conf"
    main.write_text(main_config(folder, site), encoding="utf-8")
    return main, settings


@contextmanager
def nginx(folder: Path, upstreams: list[str]):
    """nginx with the shipped site in front of `upstreams` ("127.0.0.1:PORT"); yields an `Nginx`."""
    folder.mkdir(parents=True, exist_ok=True)
    main, settings = write_site(folder, upstreams)
    binary = nginx_binary()
    checked = subprocess.run([binary, "-t", "-q", "-c", str(main), "-p", str(folder)], capture_output=True, text=True)
    if checked.returncode:
        raise RuntimeError(f"nginx -t refused the configuration:\n{checked.stderr}")
    log = open(folder / "nginx.out", "ab")
    process = subprocess.Popen([binary, "-c", str(main), "-p", str(folder)], stdout=log, stderr=log)
    try:
        _wait_for_port(settings.https_port, process, "nginx", folder / "main-error.log")
        yield Nginx(folder, settings.http_port, settings.https_port, settings.access_log, process)
    finally:
        stop_process(process, signal.SIGQUIT)  # finish the requests in flight, then stop (the workers with it)
        log.close()


# Redis


@contextmanager
def redis_server(folder: Path):
    """Redis on a free loopback port, keeping nothing on disk; yields its URL."""
    port = free_port()
    log = open(folder / "redis.log", "ab")
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
               "--daemonize", "no", "--dir", str(folder)]  # fmt: skip
    process = subprocess.Popen(command, stdout=log, stderr=log)
    try:
        _wait_for_port(port, process, "redis-server", folder / "redis.log")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        stop_process(process)
        log.close()


# App servers


@dataclass
class AppServer:
    """One app server (gunicorn with deploy/gunicorn.conf.py) on its own port: started, killed and restarted."""

    name: str
    port: int
    environment: dict[str, str]
    log_path: Path
    config: Path = GUNICORN_CONF
    workers: int = 2
    process: subprocess.Popen | None = None
    started_pids: list[int] = field(default_factory=list)

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        return f"http://{self.address}"

    def start(self) -> None:
        env = {**os.environ, **self.environment, "PYTHONPATH": str(PROJECT_ROOT), "GUNICORN_BIND": self.address,
               "GUNICORN_WORKERS": str(self.workers), "GUNICORN_LOG_LEVEL": "warning"}  # fmt: skip
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", str(self.config)], cwd=PROJECT_ROOT,
                                        env=env, stdout=log, stderr=log)  # fmt: skip
        log.close()
        self.started_pids.append(self.process.pid)
        STARTED.append(self)

    def wait_until_serving(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(self.base_url + "/healthz", timeout=5) as answer:
                    if answer.status == 200 and len(self.worker_pids()) >= self.workers:
                        self.family()
                        return
            except OSError:
                pass
            time.sleep(0.1)
        tail = self.log_path.read_text(errors="replace")[-3000:]
        raise RuntimeError(f"app server {self.name} did not start serving (exit status {self.process.poll()})\n{tail}")

    def worker_pids(self) -> list[int]:
        if self.process is None:
            return []
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def family(self) -> list[int]:
        """The master and every process under it (workers, their PDF render processes), noted as started."""
        found, waiting = [], [self.process.pid] if self.process else []
        while waiting:
            pid = waiting.pop()
            found.append(pid)
            waiting += _children(pid)
        self.started_pids.extend(pid for pid in found if pid not in self.started_pids)
        return found

    def kill(self) -> None:
        """SIGKILL to the master and every process under it at once, as when the machine under it fails."""
        for pid in self.family():
            _kill(pid)
        self.process.wait()
        self._reap_workers()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            family = self.family()
            stop_process(self.process, signal.SIGTERM, timeout=20)
            for pid in family:
                if _alive(pid):
                    _kill(pid)
        self._reap_workers()

    def still_running(self) -> list[int]:
        return [pid for pid in self.started_pids if _alive(pid)]

    def _reap_workers(self) -> None:
        """Workers whose master died are re-parented; wait (briefly) until none of ours is alive."""
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(_alive(pid) for pid in self.started_pids):
            time.sleep(0.05)


def _children(pid: int) -> list[int]:
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"
