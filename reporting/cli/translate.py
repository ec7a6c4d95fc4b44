"""`translate extract|update|compile|init LANG`: keep the message catalogues in step with the code."""

import subprocess
import sys

import click
from flask import Flask
from flask.cli import AppGroup

from ..config import PROJECT_ROOT

translate_cli = AppGroup("translate", help="Extract, update and compile translations.")
POT = PROJECT_ROOT / "translations" / "messages.pot"


def _pybabel(*args: str) -> None:
    command = [sys.executable, "-m", "babel.messages.frontend", *args]
    if subprocess.run(command, cwd=PROJECT_ROOT, check=False).returncode:
        raise click.ClickException(f"pybabel {args[0]} failed")


def extract_command() -> list[str]:
    return [
        "extract", "-F", "babel.cfg", "-k", "_l", "-k", "lazy_gettext", "-k", "lazy_pgettext:1c,2",
        "--add-comments=Translators:",
        "--sort-by-file", "--no-wrap", "--omit-header", "--ignore-dirs=.* _* node_modules instance bench docs",
        "-o", str(POT), ".",
    ]  # fmt: skip


@translate_cli.command("extract")
def extract() -> None:
    """Write translations/messages.pot from the code and templates."""
    _pybabel(*extract_command())


@translate_cli.command("update")
def update() -> None:
    """Extract, then merge new strings into every catalogue."""
    _pybabel(*extract_command())
    _pybabel("update", "-i", str(POT), "-d", "translations", "--no-wrap", "--ignore-obsolete")


@translate_cli.command("compile")
def compile_catalogues() -> None:
    """Compile every catalogue to .mo, reporting how complete each one is."""
    _pybabel("compile", "-d", "translations", "--statistics")


@translate_cli.command("init")
@click.argument("language")
def init(language: str) -> None:
    """Start a catalogue for a new language."""
    _pybabel("init", "-i", str(POT), "-d", "translations", "-l", language, "--no-wrap")


def register(app: Flask) -> None:
    app.cli.add_command(translate_cli)
