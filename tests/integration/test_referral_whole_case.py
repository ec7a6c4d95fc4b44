"""Referrals carry the whole case, read back from the PDFs: online links, witnesses, the safeguarding answer, the
list of evidence, and evidence images as pages of a police referral; what an anonymous referral withholds; and
staff marking an evidence file as identifying the person from the report page.
"""

import hashlib
import io
import subprocess
import tempfile
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import select

from reporting.domain.redaction import WITHHELD
from reporting.extensions import db
from reporting.intake import evidence, file_changes
from reporting.intake.services import evidence_dir
from reporting.models import AuditEvent, EvidenceFile, Referral
from reporting.referrals import services
from reporting.referrals.evidence_pages import MAX_HEIGHT, MAX_WIDTH
from tests.support import factories
from tests.support.evidence_files import one_page_pdf
from tests.support.pdf import catalogue, needs_poppler, pdftotext

LINKS = "https://social.example/@amira.k\n@hater_99 on Chatter"
RED, BLUE, GREEN = (210, 20, 20), (20, 40, 210), (20, 160, 40)
CONTACT = {"name": "Amira Khan", "phone": "07700 900123", "preferred_method": "phone"}


def photo(colour, size=(3000, 2000), kind="JPEG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format=kind)
    return out.getvalue()


def add_evidence(report, data: bytes, name: str, identifying: bool = False) -> EvidenceFile:
    """Store a file as the evidence step does: cleaned, encrypted, moved into place when its row commits."""
    checked = evidence.clean(data, name)
    stored = EvidenceFile(
        stored_name=file_changes.store_with_row(db.session, evidence_dir(), checked),
        original_name=checked.original_name,
        content_type=checked.content_type,
        size_bytes=len(checked.data),
        sha256=checked.sha256,
        identifying=identifying,
    )
    report.evidence_files.append(stored)
    db.session.commit()
    return stored


def make_report(centre=None, **fields):
    values = {
        "police_consent": "named",
        "support_wanted": True,
        "online_links": LINKS,
        "witnesses": "several",
        "witnesses_willing": "yes",
        "safeguarding_referral": "yes",
        "incident_types": ["online_abuse"],
        "language": "ur",
        "contact": dict(CONTACT),
    }
    values.update(fields)
    report = factories.report(centre or factories.centre(), **values)
    db.session.commit()
    return report


def case_with_evidence(**fields):
    """A report with a red photo and a PDF letter that identify the person, and a blue screenshot that does not."""
    report = make_report(**fields)
    files = {
        "face": add_evidence(report, photo(RED), "amira-face.jpg", identifying=True),
        "screenshot": add_evidence(report, photo(BLUE, (800, 1600), "PNG"), "chatter-screenshot.png"),
        "letter": add_evidence(report, one_page_pdf(), "letter-to-amira.pdf", identifying=True),
    }
    db.session.expire_all()  # read back what the database stored, the `identifying` marks among it
    return report, files


def referral_pdf(report, recipient: str = "police") -> tuple[Referral, bytes]:
    referral = Referral(report=report, recipient=recipient, organisation="Victim Support" if recipient == "support"
                        else None, method="secure_email")  # fmt: skip
    db.session.add(referral)
    db.session.commit()
    return referral, services.referral_document(referral).content


def image_pages(data: bytes) -> list[tuple[int, str, Image.Image]]:
    """(page number, page text, image) for each image the document draws, as poppler's `pdfimages` finds them."""
    reader = PdfReader(io.BytesIO(data))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "referral.pdf"
        path.write_bytes(data)
        listing = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True)
        subprocess.run(["pdfimages", "-png", str(path), str(Path(folder) / "image")], check=True)
        pages = [int(line.split()[0]) for line in listing.stdout.splitlines()[2:] if line.strip()]
        images = [Image.open(found).copy() for found in sorted(Path(folder).glob("image-*.png"))]
    texts = [" ".join((reader.pages[number - 1].extract_text() or "").split()) for number in pages]
    return list(zip(pages, texts, images, strict=True))


def colour_of(image: Image.Image) -> tuple[int, int, int]:
    red, green, blue = image.convert("RGB").getpixel((image.width // 2, image.height // 2))
    return red, green, blue


def near(colour, expected, tolerance=12) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected, strict=True))


def audit_details(reference: str, action: str) -> list[str]:
    query = select(AuditEvent.detail).where(AuditEvent.action == action, AuditEvent.object_id == reference)
    return list(db.session.scalars(query))


# ---------------------------------------------------------------- police, named


@needs_poppler
def test_a_named_police_referral_carries_the_whole_case_and_its_images_as_pages(any_app):
    report, files = case_with_evidence(police_consent="named")
    referral, data = referral_pdf(report)
    text = pdftotext(data)
    for expected in (
        "Online abuse", "https://social.example/@amira.k", "@hater_99 on Chatter",
        "Witnesses", "Anyone else saw it", "Yes, more than one person", "Witnesses would give their details",
        "Safeguarding", "Yes: the reporting centre will make an adult safeguarding referral to the council",
        "Evidence 1: amira-face.jpg", "Evidence 2: chatter-screenshot.png", "Evidence 3: letter-to-amira.pdf",
        "Shown at the end of this document as Evidence 1.",
        f"Sent separately with this referral. SHA-256: {files['letter'].sha256}",
        "Amira Khan",
    ):  # fmt: skip
        assert expected in text, expected
    pages = image_pages(data)
    assert [number for number, _text, _image in pages] == [catalogue(data)["pages"] - 1, catalogue(data)["pages"]]
    (_, first_text, first), (_, second_text, second) = pages
    assert "Evidence 1: amira-face.jpg" in first_text and near(colour_of(first), RED)
    assert "Evidence 2: chatter-screenshot.png" in second_text and near(colour_of(second), BLUE)
    assert "Evidence 2 of 3. Image or screenshot (PNG)" in second_text
    assert first.width <= MAX_WIDTH and first.height <= MAX_HEIGHT  # a 3000 × 2000 photo, reduced to fit A4
    assert len(data) < 1_500_000
    carried = ",".join(str(files[name].id) for name in ("face", "screenshot", "letter"))
    assert audit_details(report.reference, "referral_downloaded") == [f"referral={referral.id} evidence={carried}"]


@needs_poppler
def test_a_police_referral_is_in_english_whatever_the_reports_language(any_app):
    report, _files = case_with_evidence(police_consent="named", language="ar")
    text = pdftotext(referral_pdf(report)[1])
    assert "Given with the report and shown reduced to fit the page" in text
    assert "Arabic (ar)" in text


# ---------------------------------------------------------------- police, anonymous


@needs_poppler
def test_an_anonymous_police_referral_withholds_what_identifies_the_person(any_app):
    report, files = case_with_evidence(police_consent="anonymous", identifying_fields=["online_links"])
    referral, data = referral_pdf(report)
    text = pdftotext(data)
    for identifying in ("amira.k", "hater_99", "amira-face", "letter-to-amira", "chatter-screenshot", "Amira Khan",
                        files["face"].sha256, files["letter"].sha256):  # fmt: skip
        assert identifying not in text, identifying
    assert WITHHELD in text
    assert "Yes, more than one person" in text  # witnesses are coded answers that identify nobody
    assert "2 files were withheld: the person asked to stay anonymous and it could identify them." in text
    assert "Evidence 1 Image or screenshot (PNG)" in text
    pages = image_pages(data)
    assert len(pages) == 1, "only the screenshot not marked as identifying is attached"
    number, page_text, image = pages[0]
    assert number == catalogue(data)["pages"] and near(colour_of(image), BLUE)
    assert "Evidence 1 of 1. Image or screenshot (PNG)" in page_text
    assert audit_details(report.reference, "referral_downloaded") == [
        f"referral={referral.id} evidence={files['screenshot'].id}"
    ]


@needs_poppler
def test_an_anonymous_referral_carries_links_not_marked_as_identifying(any_app):
    report = make_report(police_consent="anonymous", identifying_fields=["description"])
    text = pdftotext(referral_pdf(report)[1])
    assert "https://social.example/@amira.k" in text and "No evidence files were given." in text


@needs_poppler
def test_an_image_whose_file_is_gone_is_still_named_and_the_referral_renders(any_app):
    report = make_report(police_consent="named")
    stored = add_evidence(report, photo(GREEN, (400, 300)), "gone.jpg")
    (evidence_dir() / stored.stored_name).unlink()
    data = referral_pdf(report)[1]
    assert "This image could not be read from the reporting centre's store." in pdftotext(data)
    assert image_pages(data) == []


# ---------------------------------------------------------------- support


@needs_poppler
def test_a_support_referral_lists_the_evidence_and_attaches_none(any_app):
    report, _files = case_with_evidence(police_consent="anonymous", identifying_fields=["online_links"])
    data = referral_pdf(report, "support")[1]
    text = pdftotext(data)
    for expected in ("https://social.example/@amira.k", "Yes, more than one person",
                     "Yes: the reporting centre will make an adult safeguarding referral to the council",
                     "Evidence 1: amira-face.jpg", "Evidence 3: letter-to-amira.pdf",
                     "Kept by the reporting centre: ask them for a copy if it would help."):  # fmt: skip
        assert expected in text, expected
    assert image_pages(data) == []


# ---------------------------------------------------------------- marking a file as identifying


@pytest.fixture
def centre(app):
    return factories.centre()


@pytest.fixture
def marked_case(app, centre):
    report = make_report(centre, police_consent="anonymous")
    stored = add_evidence(report, photo(GREEN, (400, 300)), "at-the-bus-stop.jpg")
    return report, stored


def mark(client_request, report, stored, answer, status=303):
    return client_request.post_response("reports.mark_evidence", reference=report.reference, file_id=stored.id,
                                        _data={"identifying": answer} if answer else {},
                                        _expected_status=status)  # fmt: skip


def marked(stored) -> bool:
    db.session.expire_all()
    return db.session.get(EvidenceFile, stored.id).identifying


def evidence_audit(stored) -> list[str]:
    query = select(AuditEvent.action).where(AuditEvent.object_type == "evidence")
    query = query.where(AuditEvent.object_id == str(stored.id))
    return [action for action in db.session.scalars(query.order_by(AuditEvent.id)) if "identifying" in action]


@pytest.mark.parametrize("role", ["centre_lead", "volunteer"])
def test_centre_staff_mark_and_unmark_a_file_as_identifying(client_request, centre, marked_case, role):
    report, stored = marked_case
    client_request.login_as(role, centre)
    page = client_request.get("reports.view_report", reference=report.reference)
    assert page.select_one("#evidence ~ ul button[name=identifying]")["value"] == "yes"
    response = mark(client_request, report, stored, "yes")
    assert response.location.endswith(f"/reports/{report.reference}#evidence")
    assert marked(stored) is True
    page = client_request.get("reports.view_report", reference=report.reference)
    assert "Could identify the person" in page.select_one("#evidence ~ ul").get_text()
    assert page.select_one("#evidence ~ ul button[name=identifying]")["value"] == "no"
    mark(client_request, report, stored, "yes")  # again: nothing changes, nothing more is audited
    mark(client_request, report, stored, "no")
    assert marked(stored) is False
    assert evidence_audit(stored) == ["evidence_marked_identifying", "evidence_unmarked_identifying"]


def test_the_partnership_unit_marks_a_self_report_file(client_request, marked_case):
    report, stored = marked_case
    client_request.login_as("partnership")
    mark(client_request, report, stored, "yes")
    assert marked(stored) is True


@needs_poppler
def test_a_file_marked_on_the_page_leaves_the_anonymous_referral(client_request, centre, marked_case):
    report, stored = marked_case
    client_request.login_as("centre_lead", centre)
    referral, data = referral_pdf(report)
    assert len(image_pages(data)) == 1
    mark(client_request, report, stored, "yes")
    response = client_request.get_response("referrals.download_referral", reference=report.reference,
                                           referral_id=referral.id)  # fmt: skip
    assert image_pages(response.data) == []
    assert "1 file was withheld" in pdftotext(response.data)


@pytest.mark.parametrize("data", [None, "maybe", ""])
def test_a_form_without_a_valid_answer_is_refused(client_request, centre, marked_case, data):
    report, stored = marked_case
    client_request.login_as("centre_lead", centre)
    mark(client_request, report, stored, data, status=400)
    assert marked(stored) is False and evidence_audit(stored) == []


def test_another_centres_staff_get_404_and_change_nothing(client_request, marked_case):
    report, stored = marked_case
    client_request.login_as("centre_lead", factories.centre("other-centre", "Other Centre", "altrincham"))
    mark(client_request, report, stored, "yes", status=404)
    assert marked(stored) is False


def test_a_file_of_another_report_is_404(client_request, centre, marked_case):
    report, _stored = marked_case
    other = make_report(centre)
    other_file = add_evidence(other, photo(GREEN, (40, 30)), "other.jpg")
    client_request.login_as("centre_lead", centre)
    mark(client_request, report, other_file, "yes", status=404)
    assert marked(other_file) is False


# ---------------------------------------------------------------- the referral page: files to send with it


def test_the_referral_page_lists_the_files_to_send_separately(client_request, centre):
    report = make_report(centre, police_consent="anonymous")
    add_evidence(report, photo(GREEN, (40, 30)), "photo.jpg")
    kept = add_evidence(report, one_page_pdf(), "council-letter.pdf")
    add_evidence(report, one_page_pdf(), "letter-with-my-name.pdf", identifying=True)
    referral = Referral(report=report, recipient="police", method="secure_email")
    db.session.add(referral)
    db.session.commit()
    client_request.login_as("centre_lead", centre)
    page = client_request.get("referrals.view_referral", reference=report.reference, referral_id=referral.id)
    links = [link.get_text(" ", strip=True) for link in page.select("a[download]")]
    assert links == ["Download council-letter.pdf"]
    assert page.select_one("a[download]")["href"].endswith(f"/evidence/{kept.id}")
    assert "Evidence 2" in page.get_text()
    assert "rename each file to its evidence number" in page.get_text()


def test_the_sha256_listed_is_the_files_own(any_app):
    report = make_report(police_consent="named")
    stored = add_evidence(report, one_page_pdf(), "letter.pdf")
    assert stored.sha256 == hashlib.sha256(evidence.read(evidence_dir(), stored.stored_name)).hexdigest()
