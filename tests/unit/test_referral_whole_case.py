"""Referrals carry the whole case: online links and account names, witnesses, the safeguarding answer and the
evidence, under the consent rules (an anonymous police referral withholds what identifies the person)."""

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from reporting.domain import redaction, referral_document
from tests.unit.test_redaction import report

LINKS = "https://social.example/@amira.khan\nhttps://social.example/@hater99/post/123"
LABELS = {
    "witnesses": {"none": "No, nobody else saw it", "several": "Yes, more than one person"},
    "yes_no_not_sure": {"yes": "Yes", "no": "No", "not_sure": "Not sure"},
}


def evidence_file(file_id: int, name: str, content_type: str = "image/jpeg", identifying: bool = False, **fields):
    values = {
        "id": file_id,
        "original_name": name,
        "content_type": content_type,
        "size_bytes": 250_000,
        "sha256": f"{file_id:064x}",
        "uploaded_at": datetime(2026, 3, 14, 10, 30 + file_id, tzinfo=UTC),
        "identifying": identifying,
    }
    values.update(fields)
    return SimpleNamespace(**values)


def whole_case(**fields):
    values = {
        "online_links": LINKS,
        "witnesses": "several",
        "witnesses_willing": "yes",
        "safeguarding_referral": "yes",
        "evidence_files": [
            evidence_file(1, "bus-stop.jpg"),
            evidence_file(2, "my-face.png", "image/png", identifying=True),
            evidence_file(3, "letter-to-amira.pdf", "application/pdf", identifying=True),
            evidence_file(4, "council-reply.pdf", "application/pdf"),
        ],
    }
    values.update(fields)
    return report(**values)


def section(content, heading: str) -> dict[str, str]:
    found = [item for item in content.sections if item.heading == heading]
    assert len(found) == 1, f"one {heading!r} section"
    return {row.label: row.value for row in found[0].rows}


def police(**fields):
    return referral_document.police_referral(whole_case(**fields), "Report a hate incident", LABELS)


def support(**fields):
    return referral_document.support_referral(whole_case(**fields), "Victim Support", "Report a hate incident", LABELS)


def all_text(content) -> str:
    rows = " ".join(f"{row.label} {row.value}" for item in content.sections for row in item.rows)
    return rows + " ".join(f"{item.title} {item.caption}" for item in content.attachments)


# ---------------------------------------------------------------- named police referral: everything


def test_a_named_police_referral_carries_links_witnesses_and_safeguarding():
    content = police(police_consent="named")
    assert section(content, "Online abuse") == {"Links to the posts or messages, and account names": LINKS}
    assert section(content, "Witnesses") == {
        "Anyone else saw it": "Yes, more than one person",
        "Witnesses would give their details": "Yes",
    }
    assert section(content, "Safeguarding") == {"Adult safeguarding referral": referral_document.SAFEGUARDING["yes"]}


def test_a_named_police_referral_lists_every_file_with_its_name_and_attaches_them_all():
    content = police(police_consent="named")
    evidence = section(content, "Evidence")
    assert list(evidence) == [
        "Evidence 1: bus-stop.jpg",
        "Evidence 2: my-face.png",
        "Evidence 3: letter-to-amira.pdf",
        "Evidence 4: council-reply.pdf",
    ]
    assert evidence["Evidence 1: bus-stop.jpg"].startswith("Photo or image (JPEG), 245 KB, added 14 March 2026, 10:31")
    assert "Shown at the end of this document as Evidence 1." in evidence["Evidence 1: bus-stop.jpg"]
    assert f"Sent separately with this referral. SHA-256: {4:064x}." in evidence["Evidence 4: council-reply.pdf"]
    assert [(item.number, item.file_id, item.as_page) for item in content.attachments] == [
        (1, 1, True), (2, 2, True), (3, 3, False), (4, 4, False),
    ]  # fmt: skip
    assert content.attachments[0].caption.startswith("Evidence 1 of 4. Photo or image (JPEG)")


def test_evidence_is_listed_oldest_first_whatever_order_it_is_held_in():
    files = [evidence_file(2, "second.jpg"), evidence_file(1, "first.jpg")]
    listed = list(section(police(evidence_files=files), "Evidence"))
    assert listed == ["Evidence 1: first.jpg", "Evidence 2: second.jpg"]


# ---------------------------------------------------------------- anonymous police referral: withholds


def test_an_anonymous_referral_withholds_links_marked_as_identifying():
    content = police(police_consent="anonymous", identifying_fields=["online_links"])
    assert section(content, "Online abuse") == {"Links to the posts or messages, and account names": redaction.WITHHELD}
    assert "amira.khan" not in all_text(content) and "hater99" not in all_text(content)


def test_an_anonymous_referral_carries_links_not_marked_as_identifying():
    content = police(police_consent="anonymous", identifying_fields=["description"])
    assert section(content, "Online abuse")["Links to the posts or messages, and account names"] == LINKS


def test_witnesses_and_safeguarding_are_coded_answers_carried_in_an_anonymous_referral():
    content = police(police_consent="anonymous")
    assert section(content, "Witnesses")["Anyone else saw it"] == "Yes, more than one person"
    assert section(content, "Safeguarding")["Adult safeguarding referral"] == referral_document.SAFEGUARDING["yes"]


def test_an_anonymous_referral_never_lists_or_attaches_an_identifying_file_and_names_no_file():
    content = police(police_consent="anonymous")
    evidence = section(content, "Evidence")
    assert list(evidence) == ["Evidence 1", "Evidence 2", "Withheld"]
    assert evidence["Withheld"] == (
        "2 files were withheld: the person asked to stay anonymous and it could identify them."
    )
    assert [(item.file_id, item.title, item.as_page) for item in content.attachments] == [
        (1, "Evidence 1", True), (4, "Evidence 2", False),
    ]  # fmt: skip
    text = all_text(content)
    for name in ("bus-stop", "my-face", "letter-to-amira", "council-reply"):
        assert name not in text
    for withheld_file in (2, 3):
        assert f"{withheld_file:064x}" not in text


def test_one_withheld_file_is_said_in_the_singular():
    files = [evidence_file(1, "face.jpg", identifying=True)]
    evidence = section(police(police_consent="anonymous", evidence_files=files), "Evidence")
    assert evidence == {
        "Withheld": "1 file was withheld: the person asked to stay anonymous and it could identify them."
    }


def test_the_evidence_rule_in_redaction():
    case = whole_case()
    carried, withheld = redaction.evidence_for(case, anonymous=True)
    assert [item.id for item in carried] == [1, 4] and withheld == 2
    carried, withheld = redaction.evidence_for(case, anonymous=False)
    assert [item.id for item in carried] == [1, 2, 3, 4] and withheld == 0


def test_a_police_referral_is_still_refused_without_consent():
    with pytest.raises(redaction.ReferralRefused):
        police(police_consent="none")


# ---------------------------------------------------------------- support referral


def test_a_support_referral_carries_the_whole_case_and_lists_evidence_without_attaching_it():
    content = support(police_consent="anonymous", identifying_fields=["online_links"])
    # Support referrals are made to contact the person: the police's anonymity rules are not theirs.
    assert section(content, "Online abuse")["Links to the posts or messages, and account names"] == LINKS
    assert section(content, "Witnesses")["Witnesses would give their details"] == "Yes"
    assert section(content, "Safeguarding")["Adult safeguarding referral"] == referral_document.SAFEGUARDING["yes"]
    evidence = section(content, "Evidence")
    assert list(evidence) == [
        "Evidence 1: bus-stop.jpg",
        "Evidence 2: my-face.png",
        "Evidence 3: letter-to-amira.pdf",
        "Evidence 4: council-reply.pdf",
    ]
    assert "Kept by the reporting centre" in evidence["Evidence 1: bus-stop.jpg"]
    assert content.attachments == ()


# ---------------------------------------------------------------- answers not given


def test_answers_not_given_say_so():
    content = police(online_links=None, witnesses=None, witnesses_willing=None, safeguarding_referral=None,
                     evidence_files=[])  # fmt: skip
    assert section(content, "Online abuse") == {
        "Links to the posts or messages, and account names": referral_document.NOT_GIVEN
    }
    assert set(section(content, "Witnesses").values()) == {referral_document.NOT_GIVEN}
    assert section(content, "Safeguarding") == {"Adult safeguarding referral": "Not asked"}
    assert section(content, "Evidence") == {"Evidence files": "No evidence files were given."}
    assert content.attachments == ()


@pytest.mark.parametrize(
    ("size", "text"), [(0, "1 KB"), (1, "1 KB"), (1024, "1 KB"), (1025, "2 KB"), (1_572_864, "1.5 MB")]
)
def test_file_sizes(size, text):
    assert referral_document.size_text(size) == text
