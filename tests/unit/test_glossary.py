"""The glossary's key terms hold in every catalogue: a message that uses an English term uses the agreed rendering.

`translations/glossary.csv` has one row a term: its code, the English forms and one column a shipped language.
A cell may list forms separated by `|` (inflections, or a stem that every inflection shares); a translation holds
the term when it contains one of them. Longer terms are matched first and mask what they cover, so "learning
disability" is checked as itself and not again as "disability", and "transgender" is never read as "trans".
"""

import csv
import re
import unicodedata
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
GLOSSARY = TRANSLATIONS / "glossary.csv"
CATALOGUES = {path.parts[-3]: path for path in sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))}
# Placeholders, markup and commands (`flask --app reporting jobs run`, typed as written) are not words a person reads.
NOT_WORDS = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}|<[^>]+>|flask --app \w+(?: [a-z-]+)*")
# Arabic short vowels and shadda are optional in writing; the agreed rendering is given without them.
ARABIC_MARKS = re.compile("[\u064b-\u0652\u0670]")


def _glossary() -> list[dict]:
    with GLOSSARY.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _english_pattern(row: dict) -> re.Pattern:
    forms = sorted(row["en"].split("|"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(form) for form in forms) + r")\b", re.IGNORECASE)


def _normal(text: str) -> str:
    return ARABIC_MARKS.sub("", unicodedata.normalize("NFC", text)).casefold()


def terms_used(english: str, glossary: list[dict]) -> list[dict]:
    """The glossary rows an English message uses, longest term first, each span counted once."""
    text = NOT_WORDS.sub(" ", english)
    used = []
    for row in sorted(glossary, key=lambda row: len(row["en"].split("|")[0]), reverse=True):
        pattern = _english_pattern(row)
        if pattern.search(text):
            used.append(row)
            text = pattern.sub(lambda match: " " * len(match.group()), text)
    return used


def holds(rendering: str, translation: str) -> bool:
    return any(_normal(form) in _normal(translation) for form in rendering.split("|"))


def _messages(language: str):
    with CATALOGUES[language].open("rb") as handle:
        catalogue = read_po(handle)
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        yield ids, [string for string in strings if string]


def test_the_glossary_has_a_column_for_each_shipped_catalogue_and_a_review_note():
    header = list(_glossary()[0])
    assert header[:2] == ["term", "en"] and header[-1] == "review"
    assert sorted(header[2:-1]) == sorted(CATALOGUES)


def test_every_term_has_a_rendering_in_every_language():
    empty = [(row["term"], language) for row in _glossary() for language in CATALOGUES if not row[language].strip()]
    assert not empty


def test_the_matcher_reads_longer_terms_first():
    glossary = _glossary()
    assert [row["term"] for row in terms_used("Being transgender", glossary)] == ["transgender"]
    assert [row["term"] for row in terms_used("such as a learning disability", glossary)] == ["learning_disability"]
    assert {row["term"] for row in terms_used("Report it to the police", glossary)} == {"report", "police"}
    assert terms_used("Public transport, %(reports)s", glossary) == []


@pytest.mark.parametrize("language", sorted(CATALOGUES))
def test_every_message_using_a_key_term_uses_the_agreed_rendering(language):
    glossary = _glossary()
    astray = []
    for ids, strings in _messages(language):
        for row in terms_used(" ".join(ids), glossary):
            astray += [f"{row['term']}: {ids[0]!r} -> {text!r}" for text in strings if not holds(row[language], text)]
    assert not astray, f"{len(astray)} messages in {language} do not use the glossary's rendering:\n" + "\n".join(
        astray
    )


def test_a_command_in_a_message_is_not_read_for_key_terms():
    glossary = _glossary()
    assert terms_used("Run “flask --app reporting jobs run” every hour.", glossary) == []
    assert [row["en"] for row in terms_used("Reports are kept.", glossary)] == [
        row["en"] for row in glossary if "report" in row["en"].split("|")
    ]
