"""The message catalogues: the template is current, and every shipped catalogue is complete."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from reporting.cli.translate import extract_command
from reporting.i18n import SHIPPED_LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
CATALOGUES = sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]|\{\w*\}")


def _read(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


def _ids(catalogue) -> set:
    return {message.id if isinstance(message.id, str) else tuple(message.id) for message in catalogue if message.id}


def test_the_template_catalogue_is_up_to_date(tmp_path):
    fresh = tmp_path / "messages.pot"
    command = extract_command()
    command[command.index("-o") + 1] = str(fresh)
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", *command], cwd=ROOT, check=True, capture_output=True
    )
    missing = _ids(_read(fresh)) - _ids(_read(TRANSLATIONS / "messages.pot"))
    stale = _ids(_read(TRANSLATIONS / "messages.pot")) - _ids(_read(fresh))
    assert not missing and not stale, (
        f"translations/messages.pot is out of date (run `flask --app reporting translate update`): "
        f"{len(missing)} new, {len(stale)} gone, e.g. {sorted(map(str, missing | stale))[:5]}"
    )


def test_every_shipped_language_has_a_catalogue():
    shipped = set(SHIPPED_LANGUAGES) - {"en"}
    present = {path.parts[-3] for path in CATALOGUES}
    assert shipped <= present, f"no catalogue for {sorted(shipped - present)}"


def _problems(message) -> list[str]:
    ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    if message.fuzzy:
        return ["fuzzy"]
    if not all(strings):
        return ["untranslated"]
    expected = set(PLACEHOLDER.findall(ids[-1]))
    return [f"placeholders differ in {text!r}" for text in strings if set(PLACEHOLDER.findall(text)) != expected]


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.parts[-3])
def test_catalogues_are_complete_with_matching_placeholders(path):
    template = _ids(_read(TRANSLATIONS / "messages.pot"))
    catalogue = _read(path)
    assert template <= _ids(catalogue), f"{path.parts[-3]}: not updated from the template"
    problems = [f"{message.id!r}: {problem}" for message in catalogue if message.id for problem in _problems(message)]
    assert not problems, f"{path.parts[-3]}: {len(problems)} problem(s), e.g. {problems[:5]}"
