"""The vocabularies and their translatable labels agree."""

import json

from reporting.domain import vocabulary
from reporting.labels import LABELS


def test_every_code_has_a_label_whose_english_matches_the_vocabulary_file():
    source = json.loads(vocabulary.VOCABULARY_FILE.read_text())
    for kind in vocabulary.KINDS:
        assert list(LABELS[kind]) == list(source[kind]), kind
        for code, english in source[kind].items():
            assert LABELS[kind][code]._args[0] == english, (kind, code)


def test_centrally_monitored_categories_are_categories():
    for code in vocabulary.centrally_monitored_categories():
        assert vocabulary.is_code("categories", code)


def test_the_shipped_vocabulary_matches_the_shared_domain_file():
    from pathlib import Path

    shared = Path(__file__).resolve().parents[3] / "shared" / "domain" / "vocabulary.json"
    if shared.exists():
        agreed, shipped = json.loads(shared.read_text()), vocabulary.vocabulary()
        # The scale questions were reworded as satisfaction questions (WORDING_CHANGED_ON); their codes stay.
        assert list(agreed["satisfaction_questions"]) == list(shipped["satisfaction_questions"])
        del agreed["satisfaction_questions"], shipped["satisfaction_questions"]
        # Codes this service added to the agreed lists: every agreed code stays, with its label, and nothing else
        # is new. The two relay services reach deaf people by phone (issue #25); "Do not contact me" stays last.
        added = {"contact_methods": ("video_relay", "relay_uk")}
        for kind, codes in added.items():
            assert [code for code in shipped[kind] if code not in codes] == list(agreed[kind]), kind
            shipped[kind] = {code: label for code, label in shipped[kind].items() if code not in codes}
        assert agreed == shipped
