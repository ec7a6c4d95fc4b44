"""Pictures, screenshots or files in a report made online: the same checks as at a centre (images by content,
metadata and GPS removed, HEIC converted, PDFs by content), the report's limits shown before any file is chosen
and enforced, files listed and removable, read back on check-your-answers and seen by staff after sending (404
for another centre); and no session can use a draft to keep files: removed files still count against the
draft's daily allowance, files sent are rate limited, and an unsent draft's files go with it (exit, an unused
session, `drafts purge`)."""

import io
import os
import time
from datetime import timedelta

import pytest
from PIL import Image
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import stream_encode_multipart

from reporting.config import Config
from reporting.extensions import db
from reporting.intake.evidence import read as read_evidence
from reporting.models import DraftUpload, EvidenceFile, Report, utcnow
from reporting.selfreport import services as self_reports
from tests.conftest import Auth
from tests.integration.test_body_limits import post_chunked
from tests.support import factories
from tests.support.client import ClientRequest
from tests.support.evidence_files import GPS_IFD, heic_photo, jpeg_with_gps, one_page_pdf
from tests.support.html import error_summary, parse_page, text_of
from tests.support.selfreport import go_through

PAGE = "pictures-and-files"
MB = 1024 * 1024
# Small limits, so that a few noise pictures of about 0.3 MB reach them.
SMALL = {
    "EVIDENCE_MAX_BYTES": MB,
    "SELF_REPORT_EVIDENCE_MAX_FILES": 3,
    "SELF_REPORT_EVIDENCE_MAX_BYTES": 2 * MB,
    "SELF_REPORT_EVIDENCE_DAILY_FILES": 5,
    "SELF_REPORT_EVIDENCE_DAILY_BYTES": 10 * MB,
    "BODY_LIMITS": {**Config.BODY_LIMITS, "self_report_evidence": 2 * MB + 256 * 1024},
}


@pytest.fixture
def app_config(evidence_dir, request):
    return {"EVIDENCE_DIR": str(evidence_dir), **getattr(request, "param", {})}


@pytest.fixture
def places(app):
    centres = factories.centre(), factories.centre(code="stretford-housing", name="Stretford Housing Office")
    db.session.commit()
    return centres


def noise_png(side: int = 320) -> bytes:
    """A picture that does not compress, so its stored size is about its size on the phone (0.3 MB at 320)."""
    out = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(out, format="PNG")
    return out.getvalue()


def _at_files_page(client, flow: str = "questions") -> None:
    go_through(client, flow, stop_at=PAGE)


def _upload(client_request, *files, action="upload", flow="questions", status=302, **options):
    data = {"action": action, "files": [(io.BytesIO(content), name) for name, content in files]}
    multipart = {"_content_type": "multipart/form-data", "_expected_status": status, **options}
    return client_request.post_response("selfreport.page", flow=flow, slug=PAGE, _data=data, **multipart)


def _remove(client_request, file_id: int, flow="questions"):
    return client_request.post_response("selfreport.page", flow=flow, slug=PAGE, _data={"remove": str(file_id)},
                                        _expected_status=302)  # fmt: skip


def _draft() -> Report:
    db.session.expire_all()
    return db.session.scalar(select(Report).order_by(Report.id.desc()))


def _files_on_disk(evidence_dir) -> list[str]:
    return sorted(path.name for path in evidence_dir.glob("*") if path.is_file())


def _page(client_request, flow="questions"):
    return client_request.get("selfreport.page", flow=flow, slug=PAGE)


# ------------------------------------------------------------------ the page


@pytest.mark.parametrize("flow", ["questions", "easy-read"])
def test_the_page_comes_after_the_account_and_shows_the_limits_before_any_file_is_chosen(
    client, client_request, places, flow
):
    seen, _location = go_through(client, flow, stop_at="why")
    assert seen[-1] == PAGE and seen[-2] in ("tell-us-what-happened", "tell-us-more")
    page = _page(client_request, flow)
    limits = text_of(page, "#file-limits")
    assert "Up to 5 files, 20 MB in total." in limits and "Each file can be up to 10 MB." in limits
    form = page.select_one("main form[enctype='multipart/form-data']")
    chooser = form.select_one("input[type=file][name=files]")
    assert chooser.has_attr("multiple") and ".heic" in chooser["accept"] and ".pdf" in chooser["accept"]
    assert page.select_one("#file-limits").sourceline < chooser.sourceline
    heading = text_of(page, "h1")
    assert heading == ("Pictures, screenshots or files (optional)" if flow == "questions" else
                       "Do you want to show us pictures?")  # fmt: skip
    assert "We remove hidden details from photos, such as where they were taken." in page.get_text(" ")


def test_continuing_without_a_file_goes_on_with_nothing_stored(client, client_request, places, evidence_dir):
    _at_files_page(client)
    response = _upload(client_request, action="continue")
    assert response.headers["Location"].endswith("/report/questions/why")
    assert _draft().evidence_files == [] and _files_on_disk(evidence_dir) == []


def test_a_photo_is_stored_without_its_gps_position_and_listed_on_the_page(
    client, client_request, places, evidence_dir
):
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD), "the test photo carries a GPS position"
    _at_files_page(client)
    response = _upload(client_request, ("IMG_0042.JPG", original))
    assert response.headers["Location"].split("?")[0].endswith(f"/report/questions/{PAGE}")
    [stored] = _draft().evidence_files
    on_disk = (evidence_dir / stored.stored_name).read_bytes()
    assert b"PhoneMaker" not in on_disk and b"JFIF" not in on_disk, "encrypted on disk"
    kept = Image.open(io.BytesIO(read_evidence(evidence_dir, stored.stored_name)))
    assert kept.format == "JPEG" and kept.size == (64, 48)
    assert not kept.getexif().get_ifd(GPS_IFD) and not kept.getexif(), "no EXIF, so no GPS position"
    assert stored.original_name == "IMG_0042.jpg" and stored.uploaded_by_id is None
    assert stored.identifying, "no one at a centre has seen it yet: an anonymous police referral leaves it out"
    page = _page(client_request)
    assert "IMG_0042.jpg" in text_of(page, ".govuk-summary-list") and "You can add 4 more files." in page.get_text(" ")


def test_a_heic_photo_becomes_a_jpeg_and_a_pdf_is_kept_as_a_pdf(client, client_request, places, evidence_dir):
    _at_files_page(client, "easy-read")
    _upload(client_request, ("IMG_1234.HEIC", heic_photo()), ("letter.pdf", one_page_pdf()), flow="easy-read")
    photo, letter = _draft().evidence_files
    assert (photo.original_name, photo.content_type) == ("IMG_1234.jpg", "image/jpeg")
    assert Image.open(io.BytesIO(read_evidence(evidence_dir, photo.stored_name))).format == "JPEG"
    assert letter.content_type == "application/pdf"
    assert read_evidence(evidence_dir, letter.stored_name).startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("holiday.jpg", b"MZ\x90\x00 this is a program, not a photo", "holiday.jpg must be a JPG, PNG, HEIC or PDF"),
        ("statement.pdf", b"%PDF-1.7\n1 0 obj << /Broken", "statement.pdf could not be opened as a PDF"),
        ("empty.png", b"", "empty.png is empty"),
    ],
)
def test_a_bad_file_gets_a_message_on_the_page_and_earlier_files_and_answers_are_kept(
    client, client_request, places, name, content, message
):
    _at_files_page(client)
    _upload(client_request, ("first.jpg", jpeg_with_gps()))
    response = _upload(client_request, (name, content), status=200)
    page = parse_page(response)
    assert message in " ".join(error_summary(page)) and message in text_of(page, "#files-error")
    assert text_of(page, "title").startswith("Error: ")
    assert "first.jpg" in text_of(page, ".govuk-summary-list")
    draft = _draft()
    assert [stored.original_name for stored in draft.evidence_files] == ["first.jpg"]
    assert draft.description == "Two men shouted at me outside the shop."


def test_a_file_can_be_removed_and_its_bytes_go_with_it(client, client_request, places, evidence_dir):
    _at_files_page(client)
    _upload(client_request, ("door.jpg", jpeg_with_gps()), ("letter.pdf", one_page_pdf()))
    door, letter = _draft().evidence_files
    page = _page(client_request)
    assert page.select_one(f"button[name=remove][value='{door.id}']").get_text(" ", strip=True) == "Remove door.jpg"
    _remove(client_request, door.id)
    assert [stored.original_name for stored in _draft().evidence_files] == ["letter.pdf"]
    assert _files_on_disk(evidence_dir) == [letter.stored_name], "the removed file's bytes are gone"
    assert "door.jpg" not in _page(client_request).get_text(" ")


def test_check_your_answers_lists_the_files_with_a_link_to_change_them(client, client_request, places):
    _at_files_page(client)
    _upload(client_request, ("door.jpg", jpeg_with_gps()), action="continue")
    _seen, location = _finish(client, "questions")
    page = client_request.get_url(location)
    rows = {text_of(row, "dt"): row for row in page.select(".govuk-summary-list__row")}
    assert text_of(rows["Pictures and files"], ".govuk-summary-list__value") == "door.jpg"
    change = rows["Pictures and files"].select_one("a")["href"]
    assert f"/report/questions/{PAGE}?change=1" in change
    changed = _upload(client_request, ("letter.pdf", one_page_pdf()), change=1)
    assert changed.headers["Location"].endswith(f"/report/questions/{PAGE}?change=1"), "added, and still changing"
    back = _upload(client_request, action="continue", change=1)
    assert back.headers["Location"].endswith("/report/questions/check-answers")
    page = client_request.get_url(back.headers["Location"])
    assert "door.jpg letter.pdf" in " ".join(page.get_text(" ").split())


def _finish(client, flow: str) -> tuple[list[str], str]:
    """Answer every page left, as `go_through` does, from wherever this draft has got to."""
    from tests.support.selfreport import FLOW_ANSWERS, slug_in

    location = client.get(f"/report/{flow}/continue").headers["Location"]
    seen = []
    while "check-answers" not in location:
        seen.append(slug_in(location))
        response = client.post(location, data=FLOW_ANSWERS[flow][seen[-1]])
        assert response.status_code == 302, seen[-1]
        location = response.headers["Location"]
    return seen, location


# ------------------------------------------------------------------ limits


@pytest.mark.parametrize("app_config", [SMALL], indirect=True)
def test_a_report_takes_only_so_many_files(client, client_request, places):
    _at_files_page(client)
    _upload(client_request, ("one.jpg", jpeg_with_gps()), ("two.jpg", jpeg_with_gps()))
    page = parse_page(_upload(client_request, ("three.jpg", jpeg_with_gps()), ("four.jpg", jpeg_with_gps()),
                              status=200))  # fmt: skip
    assert "You can add up to 3 files to a report. Remove a file before adding another" in error_summary(page)
    _upload(client_request, ("three.jpg", jpeg_with_gps()))
    page = _page(client_request)
    assert "This report has as many files as it can take. Remove a file to add another." in page.get_text(" ")
    assert len(_draft().evidence_files) == 3


@pytest.mark.parametrize("app_config", [SMALL], indirect=True)
def test_a_report_takes_only_so_many_bytes_in_all(client, client_request, places, evidence_dir):
    _at_files_page(client)
    for number in range(2):
        _upload(client_request, (f"noise-{number}.png", noise_png(500)))  # about 0.75 MB each
    page = parse_page(_upload(client_request, ("big.png", noise_png(560)), status=200))  # about 0.9 MB
    assert "The files on a report can be 2 MB in total. Remove a file, or choose fewer or smaller files" in (
        error_summary(page)
    )
    assert [stored.original_name for stored in _draft().evidence_files] == ["noise-0.png", "noise-1.png"]
    assert len(_files_on_disk(evidence_dir)) == 2


@pytest.mark.parametrize("app_config", [SMALL], indirect=True)
def test_a_file_over_the_size_of_one_file_is_refused_by_name(client, client_request, places):
    _at_files_page(client)
    page = parse_page(_upload(client_request, ("huge.png", noise_png(700)), status=200))  # about 1.4 MB
    assert "huge.png must be smaller than 1 MB" in error_summary(page)
    assert _draft().evidence_files == []


@pytest.mark.parametrize("app_config", [SMALL], indirect=True)
def test_a_request_over_the_page_limit_shows_the_page_again_with_earlier_files_kept(client, client_request, places):
    _at_files_page(client)
    _upload(client_request, ("first.jpg", jpeg_with_gps()))
    response = _upload(client_request, ("a.png", noise_png(600)), ("b.png", noise_png(600)), ("c.png", noise_png(600)),
                       status=413)  # fmt: skip
    page = parse_page(response)
    assert "The selected files must be smaller than 2 MB together. Select fewer or smaller files, then try again" in (
        error_summary(page)
    )
    assert "first.jpg" in text_of(page, ".govuk-summary-list")
    assert [stored.original_name for stored in _draft().evidence_files] == ["first.jpg"]


@pytest.mark.parametrize("app_config", [SMALL], indirect=True)
def test_adding_and_removing_files_again_and_again_cannot_get_round_the_limits(any_app, evidence_dir):
    """On SQLite and PostgreSQL: the allowance is counted in the database, whatever worker takes the request."""
    factories.centre()
    db.session.commit()
    client_request = ClientRequest(any_app.test_client(), auth=None)
    _at_files_page(client_request.client)
    for _round in range(5):  # the daily allowance is 5 files
        _upload(client_request, ("loop.jpg", jpeg_with_gps()))
        [stored] = _draft().evidence_files
        _remove(client_request, stored.id)
    page = parse_page(_upload(client_request, ("again.jpg", jpeg_with_gps()), status=200))
    assert "You cannot add more files to this report today. You can still send it" in " ".join(error_summary(page))
    assert _draft().evidence_files == [] and _files_on_disk(evidence_dir) == []
    assert db.session.scalar(select(func.count()).select_from(DraftUpload)) == 5
    # A day later, the draft may take files again.
    for upload in db.session.scalars(select(DraftUpload)):
        upload.uploaded_at = utcnow() - timedelta(hours=25)
    db.session.commit()
    _upload(client_request, ("next-day.jpg", jpeg_with_gps()))
    assert [stored.original_name for stored in _draft().evidence_files] == ["next-day.jpg"]


@pytest.mark.parametrize(
    "app_config",
    [{**SMALL, "SELF_REPORT_EVIDENCE_DAILY_FILES": 100, "SELF_REPORT_EVIDENCE_DAILY_BYTES": 2 * MB}],
    indirect=True,
)
def test_the_bytes_of_removed_files_count_too(client, client_request, places):
    _at_files_page(client)
    for _round in range(3):  # about 0.5 MB each: the fourth would go past 2 MB in the day
        _upload(client_request, ("loop.png", noise_png(420)))
        _remove(client_request, _draft().evidence_files[0].id)
    page = parse_page(_upload(client_request, ("loop.png", noise_png(420)), status=200))
    assert "You cannot add more files to this report today." in " ".join(error_summary(page))


@pytest.mark.parametrize(
    "app_config",
    [{"SELF_REPORT_UPLOAD_RATE_LIMIT": "100 per hour", "SELF_REPORT_ADDRESS_UPLOAD_RATE_LIMIT": "3 per hour"}],
    indirect=True,
)
def test_files_sent_from_one_address_are_rate_limited_across_reports(app, places):
    address = {"REMOTE_ADDR": "198.51.100.7"}
    first, second = (ClientRequest(app.test_client(), auth=None) for _ in range(2))
    for browser in (first, second):
        go_through(browser.client, stop_at=PAGE)
    _upload(first, ("one.jpg", jpeg_with_gps()), ("two.jpg", jpeg_with_gps()), _environ_base=address)
    _upload(second, ("three.jpg", jpeg_with_gps()), _environ_base=address)
    response = _upload(second, ("four.jpg", jpeg_with_gps()), status=429, _environ_base=address)
    text = " ".join(parse_page(response).get_text(" ").split())
    assert "A lot of files have been sent from your internet connection in a short time." in text
    assert "The files you added before are kept, and so are your answers." in text
    assert db.session.scalar(select(func.count()).select_from(EvidenceFile)) == 3


# ------------------------------------------------------------------ after sending, and unsent drafts


def test_staff_of_the_centre_given_the_report_see_its_files_and_another_centre_gets_404(app, places, evidence_dir):
    library, housing = places
    person = ClientRequest(app.test_client(), auth=None)
    go_through(person.client, stop_at=PAGE)
    _upload(person, ("IMG_0042.JPG", jpeg_with_gps()), action="continue")
    _seen, location = _finish(person.client, "questions")
    person.post_url(location, _expected_status=302)
    report = _draft()
    self_reports.assign(report, housing)
    [stored] = report.evidence_files

    housing_client, library_client = app.test_client(), app.test_client()
    housing_staff, library_staff = (
        ClientRequest(housing_client, Auth(housing_client)),
        ClientRequest(library_client, Auth(library_client)),
    )
    housing_staff.login_as("volunteer", housing)
    library_staff.login_as("volunteer", library)

    page = housing_staff.get("reports.view_report", reference=report.reference)
    evidence = text_of(page, "#evidence") + " " + page.select_one("#evidence").find_next("ul").get_text(" ")
    assert "Download IMG_0042.jpg" in evidence and "Could identify the person" in evidence
    download = housing_staff.get_response("reports.download_evidence", reference=report.reference, file_id=stored.id)
    assert download.mimetype == "image/jpeg" and not Image.open(io.BytesIO(download.data)).getexif()
    library_staff.get("reports.view_report", reference=report.reference, _expected_status=404)
    library_staff.get_response("reports.download_evidence", reference=report.reference, file_id=stored.id,
                               _expected_status=404)  # fmt: skip
    assert db.session.scalar(select(func.count()).select_from(DraftUpload)) == 0, "a sent report needs no allowance"


def test_exit_removes_the_files_of_an_unsent_draft(client, client_request, places, evidence_dir):
    _at_files_page(client)
    _upload(client_request, ("door.jpg", jpeg_with_gps()), ("letter.pdf", one_page_pdf()))
    assert len(_files_on_disk(evidence_dir)) == 2
    client_request.get_response("pages.exit_this_page", _expected_status=302)
    assert _files_on_disk(evidence_dir) == []
    assert _draft().evidence_files == []


def test_an_unused_session_removes_the_files_of_its_draft(client, client_request, places, evidence_dir, monkeypatch):

    _at_files_page(client)
    _upload(client_request, ("door.jpg", jpeg_with_gps()))
    moment = time.time() + 31 * 60
    monkeypatch.setattr(time, "time", lambda: moment)
    page = client_request.get("selfreport.page", flow="questions", slug=PAGE)
    assert text_of(page, "h1") == "Your report was closed on this device"
    assert _files_on_disk(evidence_dir) == [] and _draft().evidence_files == []


def test_exit_after_sending_keeps_the_files_with_the_report(client, client_request, places, evidence_dir):
    _at_files_page(client)
    _upload(client_request, ("door.jpg", jpeg_with_gps()), action="continue")
    _seen, location = _finish(client, "questions")
    client_request.post_url(location, _expected_status=302)
    client_request.get_response("pages.exit_this_page", _expected_status=302)
    [stored] = _draft().evidence_files
    assert _files_on_disk(evidence_dir) == [stored.stored_name]


def test_drafts_purge_removes_an_unsent_draft_and_its_files(app, client, client_request, places, evidence_dir):
    _at_files_page(client)
    _upload(client_request, ("door.jpg", jpeg_with_gps()))
    draft = _draft()
    draft.updated_at = utcnow() - timedelta(days=8)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["drafts", "purge"])
    assert result.exit_code == 0, result.output
    assert _files_on_disk(evidence_dir) == []
    assert db.session.scalar(select(func.count()).select_from(Report)) == 0
    assert db.session.scalar(select(func.count()).select_from(DraftUpload)) == 0


def test_evidence_sweep_removes_a_file_an_upload_left_behind(app, client, client_request, places, evidence_dir):
    """A process stopped between writing a file and committing its row leaves a file no row names."""
    _at_files_page(client)
    _upload(client_request, ("door.jpg", jpeg_with_gps()))
    [kept] = _files_on_disk(evidence_dir)
    left = evidence_dir / ".tmp-0123456789abcdef0123456789abcdef.jpg"
    left.write_bytes(b"encrypted bytes of an upload that never finished")
    an_hour_ago = (utcnow() - timedelta(hours=2)).timestamp()
    os.utime(left, (an_hour_ago, an_hour_ago))
    os.utime(evidence_dir / kept, (an_hour_ago, an_hour_ago))
    result = app.test_cli_runner().invoke(args=["evidence", "sweep"])
    assert result.exit_code == 0, result.output
    assert _files_on_disk(evidence_dir) == [kept]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"remove": "99999999999999999999999999"}, 302),
        ({"remove": "../../etc/passwd"}, 302),
        ({"remove": "-1", "action": "something else"}, 302),
        ({"files": "not a file, just words"}, 302),
        ({"files": (io.BytesIO(b""), "")}, 302),
        ({"files": (io.BytesIO(b"\x89PNG\r\n\x1a\n broken"), "broken.png")}, 200),
        ({"files": (io.BytesIO(b"%PDF-1.4\n%%EOF"), "../../../etc/statement.pdf")}, 200),
        ({"report_version": "not a number", "action": "continue"}, 200),
        ({"website": "https://spam.example", "action": "upload"}, 400),
    ],
)
def test_odd_posts_get_a_page_never_an_error(client, client_request, places, data, expected):
    _at_files_page(client)
    _upload(client_request, ("first.jpg", jpeg_with_gps()))
    multipart = {"_data": data, "_content_type": "multipart/form-data", "_expected_status": expected}
    response = client_request.post_response("selfreport.page", flow="questions", slug=PAGE, **multipart)
    if expected == 200:
        assert error_summary(parse_page(response))
    assert [stored.original_name for stored in _draft().evidence_files] == ["first.jpg"]


def test_the_files_page_of_the_other_flow_is_not_this_session_s_draft(client, client_request, places):
    _at_files_page(client, "questions")
    _upload(client_request, ("door.jpg", jpeg_with_gps()), flow="easy-read", status=404)
    assert _draft().evidence_files == []


@pytest.mark.parametrize("app_config", [SMALL], indirect=True)
def test_files_sent_in_chunks_past_the_page_limit_get_the_page_again_and_store_nothing(client, client_request, places):
    _at_files_page(client)
    big = FileStorage(io.BytesIO(noise_png(900)), filename="big.png", content_type="image/png")  # about 2.4 MB
    fields = {"csrf_token": client.csrf_token(), "action": "upload", "files": big}
    stream, _length, boundary = stream_encode_multipart(fields)
    location = client_request.url_for("selfreport.page", flow="questions", slug=PAGE)
    response = post_chunked(client, location, stream.read(), f"multipart/form-data; boundary={boundary}")
    assert response.status_code == 413
    assert "must be smaller than 2 MB together" in " ".join(error_summary(parse_page(response)))
    assert _draft().evidence_files == []
