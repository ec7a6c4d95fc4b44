"""The controlled vocabularies (codes and English labels) from `data/vocabulary.json`.

Codes are stored and exchanged; labels are English source strings that the web layer translates.
"""

import json
from functools import cache
from pathlib import Path

VOCABULARY_FILE = Path(__file__).resolve().parent.parent / "data" / "vocabulary.json"

KINDS = (
    "categories",
    "incident_types",
    "reporter_roles",
    "location_types",
    "police_consent",
    "contact_methods",
    "satisfaction_scale",
    "satisfaction_questions",
)


@cache
def vocabulary() -> dict:
    with VOCABULARY_FILE.open(encoding="utf-8") as handle:
        return json.load(handle)


def codes(kind: str) -> tuple[str, ...]:
    """The codes of one vocabulary, in the order the file gives them."""
    if kind not in KINDS:
        raise KeyError(kind)
    return tuple(vocabulary()[kind])


def english_label(kind: str, code: str) -> str:
    return vocabulary()[kind][code]


def is_code(kind: str, code: object) -> bool:
    return isinstance(code, str) and code in vocabulary()[kind]


def centrally_monitored_categories() -> tuple[str, ...]:
    return tuple(vocabulary()["centrally_monitored_categories"])
