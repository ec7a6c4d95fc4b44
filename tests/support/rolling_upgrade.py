"""The previous release, run from its own tree against the database the current release migrated: what one of two
app servers still on the old version does during a rolling upgrade.

`previous_release()` is the commit before this release's first migration: the tree of the release before. Its
code runs in a process of its own (`as_old_server`), importing its own `reporting` and test helpers, with the
same database, evidence folder and encryption keys as the current release's app.
"""

import io
import json
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

from reporting.config import PROJECT_ROOT

# The newest migration of the previous release. When a release is made, put its newest migration here.
PREVIOUS_RELEASE_HEAD = "0017_case_messages"

# Run by the previous release's Python, in its tree: `write` signs a volunteer in, makes an assisted report through
# every step and submits it, then opens its report page; `read` opens a report written by the current release.
OLD_SERVER = r"""
import json, sys
from reporting import create_app
from reporting.extensions import db
from tests.support import factories
from tests.support.client import CSRFClient
from tests.support.intake import go_through, start_draft

phase, url, evidence_dir, keys, reference = sys.argv[1:6]
app = create_app({"REPORTING_ENV": "test", "SQLALCHEMY_DATABASE_URI": url, "EVIDENCE_DIR": evidence_dir,
                  "DATA_ENCRYPTION_KEYS": keys.split(","), "RATELIMIT_ENABLED": False})
app.test_client_class = CSRFClient
answer = {}
with app.app_context():
    client = app.test_client()
    if phase == "write":
        centre = factories.centre("old-release-centre", "Old Release Centre")
        factories.user("old.release@example.org", "volunteer", centre)
        db.session.commit()
    signed_in = client.post("/sign-in", data={"email": "old.release@example.org", "password": factories.PASSWORD})
    answer["signed_in"] = signed_in.status_code
    if phase == "write":
        reference = start_draft(client)
        go_through(client, reference, {"what-happened": {"incident_types": ["verbal_abuse"],
                                                         "description": "Written by the previous release."}})
        submitted = client.post(f"/intake/{reference}/check-answers")
        answer["submitted"] = submitted.status_code, submitted.headers.get("Location")
        answer["reference"] = reference
    page = client.get(f"/reports/{reference}")
    answer["report_page"] = page.status_code, page.get_data(as_text=True)
    listing = client.get("/reports/")
    answer["report_list"] = listing.status_code, listing.get_data(as_text=True)
    db.session.remove()
    db.engine.dispose()
print(json.dumps(answer))
"""


class NoHistory(RuntimeError):
    """This copy of the code has no git history to take the previous release from."""


def previous_release() -> str:
    """The commit before the one that added the first migration after `PREVIOUS_RELEASE_HEAD`."""
    first_new = next(path for path in sorted((PROJECT_ROOT / "migrations" / "versions").glob("*.py"))
                     if f'down_revision = "{PREVIOUS_RELEASE_HEAD}"' in path.read_text())  # fmt: skip
    try:
        added = _git("log", "--diff-filter=A", "--format=%H", "--", str(first_new.relative_to(PROJECT_ROOT)))
    except (OSError, subprocess.CalledProcessError) as error:
        raise NoHistory(str(error)) from None
    if not added.split():
        raise NoHistory(f"no commit added {first_new.name}")
    return _git("rev-parse", f"{added.split()[-1]}^").strip()


def check_out(commit: str, into: Path) -> Path:
    """The previous release's tree at `into`, with the current tree's built stylesheet and GOV.UK assets."""
    archive = subprocess.run(["git", "-C", str(PROJECT_ROOT), "archive", "--format=tar", commit],
                             capture_output=True, check=True).stdout  # fmt: skip
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    for built in ("css", "govuk"):
        source = PROJECT_ROOT / "reporting" / "static" / built
        if source.is_dir():
            shutil.copytree(source, into / "reporting" / "static" / built, dirs_exist_ok=True)
    return into


def as_old_server(tree: Path, phase: str, database_url: str, evidence_dir: Path, keys: list[str],
                  reference: str = "") -> dict:  # fmt: skip
    """Run `OLD_SERVER`'s phase with the previous release's code; what it saw, as a dict."""
    done = subprocess.run([sys.executable, "-c", OLD_SERVER, phase, database_url, str(evidence_dir), ",".join(keys),
                           reference], cwd=tree, env={**_clean_environment(), "PYTHONPATH": str(tree)},
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _clean_environment() -> dict:
    import os

    return {name: value for name, value in os.environ.items() if name not in ("DATABASE_URL", "REPORTING_ENV")}


def _git(*words: str) -> str:
    return subprocess.run(["git", "-C", str(PROJECT_ROOT), *words], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip
