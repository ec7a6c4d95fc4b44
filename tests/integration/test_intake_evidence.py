"""Evidence files: checked by content, size and number; metadata such as GPS stripped; stored outside any
public folder; downloaded only by staff who may see the report, as an attachment, with every view audited."""

import io
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from reporting import messages
from reporting.config import PROJECT_ROOT, Config
from reporting.extensions import db as _db
from reporting.intake.evidence import read as read_evidence
from reporting.models import AuditEvent, EvidenceFile, Report
from tests.conftest import Auth
from tests.support import factories
from tests.support.client import ClientRequest
from tests.support.evidence_files import GPS_IFD, heic_photo, jpeg_with_gps, one_page_pdf, png_with_text
from tests.support.html import error_summary, parse_page, text_of
from tests.support.intake import go_through, start_draft, step_url


@pytest.fixture
def evidence_dir(tmp_path) -> Path:
    return tmp_path / "evidence"


@pytest.fixture
def app_config(evidence_dir):
    limits = {**Config.BODY_LIMITS, "evidence_upload": 600_000}
    return {"EVIDENCE_DIR": str(evidence_dir), "EVIDENCE_MAX_BYTES": 200_000, "BODY_LIMITS": limits}


@pytest.fixture
def centre(app):
    return factories.centre()


@pytest.fixture
def reference(client, client_request, centre):
    client_request.login_as("volunteer", centre)
    return start_draft(client)


PDF = one_page_pdf()


def upload(client_request, reference, *files, action="upload", status=302):
    """The evidence step's form: 302 back to it (or on), 200 with a message, 413 for a request too large."""
    data = {"action": action, "files": [(io.BytesIO(content), name) for name, content in files]}
    return client_request.post_response("intake.step", reference=reference, slug="evidence", _data=data,
                                        _content_type="multipart/form-data", _expected_status=status)  # fmt: skip


def signed_in(app, role: str, centre=None) -> ClientRequest:
    """Another browser, signed in with `role`."""
    client = app.test_client()
    browser = ClientRequest(client, Auth(client))
    browser.login_as(role, centre)
    return browser


def _stored(reference) -> list[EvidenceFile]:
    _db.session.expire_all()
    report = _db.session.scalar(select(Report).where(Report.reference == reference))
    return list(report.evidence_files)


def test_a_photo_is_stored_without_its_gps_location_or_other_metadata(client_request, reference, evidence_dir):
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD), "the test photo carries a GPS position"
    response = upload(client_request, reference, ("IMG_0042.JPG", original))
    assert response.headers["Location"] == step_url(reference, "evidence")
    [stored] = _stored(reference)
    path = evidence_dir / stored.stored_name
    assert b"JFIF" not in path.read_bytes() and b"PhoneMaker" not in path.read_bytes(), "encrypted on disk"
    kept = Image.open(io.BytesIO(read_evidence(evidence_dir, stored.stored_name)))
    assert kept.format == "JPEG" and kept.size == (64, 48)
    assert not kept.getexif(), "no EXIF at all: no GPS, camera or time"
    plain = read_evidence(evidence_dir, stored.stored_name)
    assert b"PhoneMaker" not in plain and b"GPS" not in plain
    assert (stored.original_name, stored.content_type) == ("IMG_0042.jpg", "image/jpeg")
    assert not str(path.resolve()).startswith(str((PROJECT_ROOT / "reporting" / "static").resolve()))
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_png_heic_and_pdf_are_accepted_and_heic_becomes_jpeg(client_request, reference, evidence_dir):
    upload(client_request, reference, ("screen.png", png_with_text()), ("photo.heic", heic_photo()),
           ("letter.pdf", PDF), status=302)  # fmt: skip
    stored = {item.original_name: item for item in _stored(reference)}
    assert set(stored) == {"screen.png", "photo.jpg", "letter.pdf"}
    assert Image.open(io.BytesIO(read_evidence(evidence_dir, stored["photo.jpg"].stored_name))).format == "JPEG"
    png = Image.open(io.BytesIO(read_evidence(evidence_dir, stored["screen.png"].stored_name)))
    assert png.format == "PNG" and "Comment" not in png.info
    assert read_evidence(evidence_dir, stored["letter.pdf"].stored_name).startswith(b"%PDF-")
    assert b"%PDF" not in (evidence_dir / stored["letter.pdf"].stored_name).read_bytes(), "encrypted on disk"
    page = client_request.get("intake.step", reference=reference, slug="evidence")
    assert "photo.jpg" in text_of(page, "main")
    assert ["evidence_uploaded"] * 3 == list(
        _db.session.scalars(select(AuditEvent.action).where(AuditEvent.action == "evidence_uploaded"))
    )


GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"  # noqa: E501


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("holiday.jpg", b"This is a text file with a .jpg name", messages.EVIDENCE_WRONG_TYPE),
        ("cat.gif", GIF, messages.EVIDENCE_WRONG_TYPE),
        ("broken.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, messages.EVIDENCE_WRONG_TYPE),
        ("script.pdf.exe", b"MZ\x90\x00", messages.EVIDENCE_WRONG_TYPE),
        ("empty.jpg", b"", messages.EVIDENCE_EMPTY),
        ("huge.pdf", b"%PDF-1.4\n" + b"0" * 200_000, messages.EVIDENCE_TOO_BIG),
    ],
)
def test_files_are_checked_by_their_content_and_size(client_request, reference, name, content, message):
    response = upload(client_request, reference, (name, content), status=200)
    expected = str(message) % {"name": name, "size": 0}
    assert error_summary(parse_page(response)) == [expected]
    assert parse_page(response).select_one(".govuk-error-summary__list a")["href"] == "#files"
    assert _stored(reference) == []


def test_no_more_than_five_files(client_request, reference):
    upload(client_request, reference, *[(f"p{n}.pdf", PDF) for n in range(4)], status=302)
    response = upload(client_request, reference, ("a.pdf", PDF), ("b.pdf", PDF), status=200)
    assert error_summary(parse_page(response)) == [str(messages.EVIDENCE_TOO_MANY) % {"count": 5}]
    assert len(_stored(reference)) == 4


def test_a_request_over_the_size_limit_gets_the_evidence_page_with_a_message(client_request, reference):
    response = upload(client_request, reference, ("a.pdf", b"%PDF-" + b"1" * 700_000), status=413)
    page = parse_page(response)
    assert error_summary(page) == [str(messages.EVIDENCE_REQUEST_TOO_BIG) % {"size": 0}]


def test_a_file_can_be_removed(client_request, reference, evidence_dir):
    upload(client_request, reference, ("a.pdf", PDF))
    [stored] = _stored(reference)
    client_request.post("intake.step", reference=reference, slug="evidence", _data={"remove": str(stored.id)},
                        _expected_redirect=step_url(reference, "evidence"))  # fmt: skip
    assert _stored(reference) == [] and not (evidence_dir / stored.stored_name).exists()


def test_continue_without_files_moves_on(client_request, reference):
    response = upload(client_request, reference, action="continue")
    assert response.headers["Location"] == step_url(reference, "responsible")


def _submitted_with_photo(client_request, reference) -> EvidenceFile:
    upload(client_request, reference, ("IMG_0042.JPG", jpeg_with_gps()))
    go_through(client_request.client, reference)
    client_request.post("intake.check_answers", reference=reference, _expected_status=302)
    [stored] = _stored(reference)
    return stored


def test_staff_download_evidence_as_an_attachment_and_each_view_is_audited(app, client_request, reference, centre):
    stored = _submitted_with_photo(client_request, reference)
    page = client_request.get("reports.view_report", reference=reference)
    link = page.select_one("#evidence ~ ul a")["href"]
    assert link == client_request.url_for("reports.download_evidence", reference=reference, file_id=stored.id)
    response = client_request.get_response_from_url(link, _expected_status=200)
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert "IMG_0042.jpg" in response.headers["Content-Disposition"]
    assert response.headers["Content-Type"] == "image/jpeg"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert Image.open(io.BytesIO(response.data)).size == (64, 48)
    viewed = _db.session.scalars(select(AuditEvent).where(AuditEvent.action == "evidence_viewed")).all()
    assert [(event.object_id, event.detail) for event in viewed] == [(str(stored.id), f"report={reference}")]
    signed_in(app, "partnership").get_response_from_url(link, _expected_status=200)


def test_evidence_is_refused_to_staff_of_other_centres_and_to_anyone_signed_out(app, client_request, reference,
                                                                                 centre):  # fmt: skip
    stored = _submitted_with_photo(client_request, reference)
    evidence = {"reference": reference, "file_id": stored.id}
    elsewhere = factories.centre("stretford-housing", "Stretford Housing Office", "stretford")
    signed_in(app, "centre_lead", elsewhere).get_response("reports.download_evidence", **evidence, _expected_status=404)
    ClientRequest(app.test_client(), auth=None).get_response("reports.download_evidence", **evidence,
                                                             _expected_status=302)  # fmt: skip
    client_request.get_response("reports.download_evidence", reference=reference, file_id=stored.id + 99,
                                _expected_status=404)  # fmt: skip
    # An address no endpoint builds: a way round to the files on disk.
    client_request.get_response_from_url(f"/static/../instance/evidence/{stored.stored_name}", _expected_status=404)


def test_a_drafts_evidence_is_not_shown_to_the_partnership(app, client_request, reference):
    upload(client_request, reference, ("a.pdf", PDF))
    [stored] = _stored(reference)
    signed_in(app, "partnership").get_response("reports.download_evidence", reference=reference, file_id=stored.id,
                                               _expected_status=404)  # fmt: skip
