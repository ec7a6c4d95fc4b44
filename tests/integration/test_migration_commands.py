"""`flask db` and the libraries a web worker does without: Alembic and pillow_heif load only when needed."""

import sqlite3
import subprocess
import sys

from reporting.config import PROJECT_ROOT
from tests.conftest import make_app

CHECK_IMPORTS = """
import sys
from reporting import create_app
create_app({"REPORTING_ENV": "test"})
print(" ".join(name for name in ("flask_migrate", "alembic", "mako", "pillow_heif") if name in sys.modules))
"""


def test_building_the_app_loads_neither_alembic_nor_pillow_heif():
    loaded = subprocess.run(
        [sys.executable, "-c", CHECK_IMPORTS], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert loaded == ""


def test_flask_db_upgrade_migrates_to_the_head(tmp_path):
    path = tmp_path / "fresh.sqlite3"
    runner = make_app(f"sqlite:///{path}").test_cli_runner()
    assert runner.invoke(args=["db", "upgrade"]).exit_code == 0
    assert runner.invoke(args=["db", "current"]).exit_code == 0
    with sqlite3.connect(path) as connection:
        (version,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    newest = max(script.name.split("_")[0] for script in (PROJECT_ROOT / "migrations" / "versions").glob("0*.py"))
    assert version.split("_")[0] == newest  # revision ids start with their file's number (`0008_personal_data`)


def test_flask_db_lists_its_commands():
    result = make_app("sqlite://").test_cli_runner().invoke(args=["db", "--help"])
    assert result.exit_code == 0
    assert "upgrade" in result.output and "downgrade" in result.output
