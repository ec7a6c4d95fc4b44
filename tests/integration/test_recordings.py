"""Accounts recorded as video (BSL) or voice: checked by content with FFprobe, copied without metadata or location,
processed outside the request, sealed in chunks, played to staff of the right centre with range requests, summarised
by staff, and erased with the report's other evidence."""

import io
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy import select, text

from reporting.config import Config
from reporting.extensions import db as _db
from reporting.models import AuditEvent
from reporting.recordings import chunks, services, storage
from reporting.recordings.models import Recording
from tests.conftest import Auth
from tests.support import factories, media_files
from tests.support.client import ClientRequest
from tests.support.html import error_summary, parse_page
from tests.support.intake import start_draft, step_url
from tests.support.selfreport import PLAIN_ANSWERS, go_through, slug_in

RECORDING_LIMIT = Config.BODY_LIMITS["public_form"] + 400_000  # recordings of up to 400,000 bytes in these tests


@pytest.fixture
def app_config(evidence_dir):
    limits = {**Config.BODY_LIMITS, "recording": RECORDING_LIMIT}
    return {"EVIDENCE_DIR": str(evidence_dir), "RECORDING_PROCESSING": "job", "BODY_LIMITS": limits,
            "RECORDING_MAX_SECONDS": 60}  # fmt: skip


@pytest.fixture
def centre(app):
    found = factories.centre()
    _db.session.commit()
    return found


@pytest.fixture
def folder(evidence_dir) -> Path:
    return evidence_dir / "recordings"


def _post_recording(client, location: str, name: str, content: bytes, description: str = "", source: str = ""):
    data = {"description": description, "recording": (io.BytesIO(content), name), "recording-source": source}
    return client.post(location, data=data, content_type="multipart/form-data")


def _recording() -> Recording | None:
    _db.session.expire_all()
    return _db.session.scalar(select(Recording))


def _clean_copy(folder: Path, recording: Recording, tmp_path: Path) -> Path:
    plain = tmp_path / f"clean.{recording.media_format.split('-')[0]}"
    chunks.decrypt_to(storage.path_of(folder, recording.stored_name), plain)
    return plain


def _at_the_recording_page(client, flow="questions") -> str:
    slug = "tell-us-what-happened" if flow == "questions" else "tell-us-more"
    _seen, location = go_through(client, flow, stop_at=slug)
    return location


def test_a_video_recorded_in_the_browser_is_kept_instead_of_typing_and_processed_after_the_request(
    client, centre, folder, tmp_path
):
    location = _at_the_recording_page(client)
    page = parse_page(client.get(location))
    assert page.select_one("form")["enctype"] == "multipart/form-data"
    assert page.select_one("[data-module='app-recorder'] button[data-recorder='video']").get_text(strip=True)
    video = media_files.browser_webm(tmp_path)
    response = _post_recording(client, location, "recording.webm", video, source="recorded")
    assert response.status_code == 302, error_summary(parse_page(response))
    recording = _recording()
    assert (recording.status, recording.kind, recording.source) == ("pending", "video", "recorded")
    sealed = storage.path_of(folder, recording.stored_name).read_bytes()
    assert sealed.startswith(chunks.MAGIC) and b"\x1a\x45\xdf\xa3" not in sealed[:200], "sealed, not the WebM"
    waiting = parse_page(client.get(location)).get_text(" ")
    assert "We are checking your recording" in waiting, "the person sees it is being processed"

    assert services.process_recordings() == 1
    recording = _recording()
    assert (recording.status, recording.media_format) == ("ready", "webm-video")
    assert 1.5 <= recording.duration_seconds <= 2.5
    assert not list(folder.glob("*.pending")), "the upload as sent is gone"
    found = media_files.probe(_clean_copy(folder, recording, tmp_path))
    assert found["format"]["format_name"] == "matroska,webm"
    assert {stream["codec_name"] for stream in found["streams"]} == {"vp8", "opus"}, "copied, not re-encoded"
    assert media_files.metadata_left(found) == {}


def test_a_phone_video_loses_its_location_and_every_other_metadata_field(client, centre, folder, tmp_path):
    original = media_files.phone_mp4(tmp_path)
    assert media_files.LOCATION[:8] in str(media_files.probe(tmp_path / "phone.mp4")["format"]["tags"])
    location = _at_the_recording_page(client)
    response = _post_recording(client, location, "IMG_0042.MOV", original, description="As well as typing.")
    assert response.status_code == 302
    services.process_recordings()
    recording = _recording()
    assert (recording.status, recording.kind, recording.source, recording.media_format) == (
        "ready", "video", "uploaded", "mp4-video")  # fmt: skip
    clean = _clean_copy(folder, recording, tmp_path)
    found = media_files.probe(clean)
    assert {stream["codec_name"] for stream in found["streams"]} == {"h264", "aac"}
    assert media_files.metadata_left(found) == {}
    assert b"53.42" not in clean.read_bytes() and b"Sam's phone" not in clean.read_bytes()


def test_a_voice_recording_in_easy_read_is_kept_and_an_mp3_is_re_encoded(client, centre, folder, tmp_path):
    location = _at_the_recording_page(client, "easy-read")
    response = _post_recording(client, location, "voice.mp3", media_files.voice_mp3(tmp_path))
    assert response.status_code == 302
    services.process_recordings()
    recording = _recording()
    assert (recording.kind, recording.media_format) == ("audio", "mp4-audio")
    found = media_files.probe(_clean_copy(folder, recording, tmp_path))
    assert [stream["codec_name"] for stream in found["streams"]] == ["aac"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("account.mp4", b"%PDF-1.4 this is a document renamed to look like a video\n" * 50, "must be a video or sound"),
        ("empty.webm", b"", "The recording is empty"),
    ],
)
def test_a_file_that_is_not_a_recording_is_refused_with_a_message_and_nothing_kept(
    client, centre, folder, name, content, message
):
    location = _at_the_recording_page(client)
    response = _post_recording(client, location, name, content)
    assert response.status_code == 200
    assert message in " ".join(error_summary(parse_page(response)))
    assert _recording() is None
    assert [path for path in folder.rglob("*") if path.is_file()] == [], "nothing of it kept"


def test_a_recording_over_the_size_or_time_limit_is_refused_with_a_message(client, centre, folder, tmp_path):
    location = _at_the_recording_page(client)
    big = media_files.browser_webm(tmp_path, seconds=20)
    assert 400_000 < len(big) < RECORDING_LIMIT, "over the file limit, within the request's"
    response = _post_recording(client, location, "long.webm", big)
    assert "must be smaller than" in " ".join(error_summary(parse_page(response)))
    long = media_files.voice_webm(tmp_path, seconds=65)
    response = _post_recording(client, location, "long.webm", long)
    assert "must be 1 minutes or shorter" in " ".join(error_summary(parse_page(response)))
    assert _recording() is None
    assert [path for path in folder.rglob("*") if path.is_file()] == []


def test_a_request_over_the_recording_body_limit_is_refused(client, centre):
    location = _at_the_recording_page(client)
    response = _post_recording(client, location, "huge.webm", b"\x1a\x45\xdf\xa3" + b"0" * RECORDING_LIMIT)
    assert response.status_code == 413
    assert _recording() is None


def test_removing_a_recording_keeps_the_page_and_asks_for_the_typed_account_again(client, centre, folder, tmp_path):
    location = _at_the_recording_page(client)
    _post_recording(client, location, "voice.webm", media_files.voice_webm(tmp_path))
    response = client.post(location, data={"description": "", "recording-remove": "1"})
    assert response.status_code == 302 and response.headers["Location"] == location
    assert _recording() is None and not list(folder.glob("*.pending"))
    page = parse_page(client.get(location))
    assert page.select_one("#recording-kept") is None
    response = client.post(location, data={"description": ""})
    assert "Describe what happened" in " ".join(error_summary(parse_page(response)))


# ------------------------------------------------------------------ headers


def test_only_the_recording_pages_may_use_the_camera_and_microphone(client, centre):
    location = _at_the_recording_page(client)
    recorder = client.get(location)
    assert "camera=(self)" in recorder.headers["Permissions-Policy"]
    assert "microphone=(self)" in recorder.headers["Permissions-Policy"]
    assert "media-src 'self' blob:" in recorder.headers["Content-Security-Policy"]
    for path in ("/report/", "/report/easy-read", "/sign-in"):
        other = client.get(path)
        policy = other.headers["Permissions-Policy"]
        assert "camera=()" in policy and "microphone=()" in policy
        assert "media-src" not in other.headers["Content-Security-Policy"]


# ------------------------------------------------------------------ staff


def _signed_in(app, role: str, centre=None) -> ClientRequest:
    client = app.test_client()
    browser = ClientRequest(client, Auth(client))
    browser.login_as(role, centre)
    return browser


@pytest.fixture
def recorded_report(app, centre, tmp_path, folder):
    """A report made at the centre whose account was recorded (WebM video), processed."""
    report = factories.report(centre, description=None)
    recording_path = tmp_path / "in.webm"
    recording_path.write_bytes(media_files.browser_webm(tmp_path, seconds=8))  # several chunks
    upload = type("Upload", (), {"stream": recording_path.open("rb")})()
    with app.test_request_context():
        services.store(report, services.check_upload(upload), "recorded")
        _db.session.commit()
    services.process_recordings()
    return report


def test_staff_of_the_centre_play_it_with_range_requests_and_each_playing_is_audited(
    app, recorded_report, centre, folder, tmp_path
):
    volunteer = _signed_in(app, "volunteer", centre)
    recording = _recording()
    plain = _clean_copy(folder, recording, tmp_path).read_bytes()
    page = volunteer.get("reports.view_report", reference=recorded_report.reference)
    player = page.select_one("#recording ~ video")
    assert player["src"] == f"/reports/{recorded_report.reference}/recording" and player.has_attr("controls")
    whole = volunteer.get_response("reports.play_recording", reference=recorded_report.reference)
    assert whole.data == plain and whole.mimetype == "video/webm"
    start, end = 70_000, min(len(plain) - 1, 140_000)
    part = volunteer.get_response("reports.play_recording", reference=recorded_report.reference,
                                  _expected_status=206, _headers={"Range": f"bytes={start}-{end}"})  # fmt: skip
    assert part.headers["Content-Range"] == f"bytes {start}-{end}/{len(plain)}"
    assert part.data == plain[start : end + 1]
    tail = volunteer.get_response("reports.play_recording", reference=recorded_report.reference,
                                  _expected_status=206, _headers={"Range": "bytes=-100"})  # fmt: skip
    assert tail.data == plain[-100:]
    volunteer.get_response("reports.play_recording", reference=recorded_report.reference, _expected_status=416,
                           _headers={"Range": f"bytes={len(plain) + 10}-"})  # fmt: skip
    played = _db.session.scalars(select(AuditEvent).where(AuditEvent.action == "recording_played")).all()
    assert len(played) == 1, "the whole-file play is recorded; a seek within it is not a new playing"


def test_staff_of_another_centre_get_not_found(app, recorded_report):
    other = factories.centre(code="altrincham-hub", name="Altrincham Hub", area_code="altrincham")
    _db.session.commit()
    stranger = _signed_in(app, "volunteer", other)
    stranger.get_response("reports.play_recording", reference=recorded_report.reference, _expected_status=404,
                          _headers={"Range": "bytes=0-99"})  # fmt: skip


def test_the_report_page_allows_media_and_the_summary_is_marked_as_written_by_staff(app, recorded_report, centre):
    lead = _signed_in(app, "centre_lead", centre)
    response = lead.get_response("reports.view_report", reference=recorded_report.reference)
    assert "media-src 'self' blob:" in response.headers["Content-Security-Policy"]
    assert "camera=()" in response.headers["Permissions-Policy"]
    lead.post("reports.save_recording_summary", reference=recorded_report.reference, _expected_status=303,
              _data={"summary": "Signs that two men followed her from the tram stop."})  # fmt: skip
    page = lead.get("reports.view_report", reference=recorded_report.reference)
    summary = page.select_one("#recording-summary").get_text(" ", strip=True)
    assert "Summary written by staff" in summary and "two men followed her" in summary
    assert "centre_lead-sale-library@example.org" in summary
    raw = _db.session.execute(text("SELECT staff_summary FROM recordings")).scalar_one()
    assert raw.startswith("enc:"), "stored encrypted"
    assert _db.session.scalar(select(AuditEvent).where(AuditEvent.action == "recording_summary_saved"))


def test_erasure_removes_the_recording_and_its_file(app, recorded_report, folder):
    from reporting.privacy.services import erase_personal_details

    assert list(folder.glob("*.rec"))
    erase_personal_details([recorded_report.id], Path(app.config["EVIDENCE_DIR"]))
    _db.session.commit()
    assert _recording() is None and not list(folder.glob("*.rec"))


def test_an_unsent_draft_is_purged_with_its_recording(app, client, centre, folder, tmp_path, client_request):
    from reporting.intake.services import purge_drafts

    client_request.login_as("volunteer", centre)
    reference = start_draft(client)
    voice = (io.BytesIO(media_files.voice_webm(tmp_path)), "voice.webm")
    data = {"incident_types": ["verbal_abuse"], "description": "", "recording": voice}
    response = client.post(step_url(reference, "what-happened"), content_type="multipart/form-data", data=data)
    assert response.status_code == 302, error_summary(parse_page(response))
    assert _recording().kind == "audio" and list(folder.glob("*.pending"))
    assert purge_drafts(0) == 1
    assert _recording() is None and not list(folder.glob("*.pending"))


def test_rotating_keys_reseals_recordings_so_the_old_key_can_go(app, recorded_report, folder, tmp_path):
    from reporting.cli.keys import rotate_all
    from reporting.crypto import keyring, new_key

    recording = _recording()
    before = _clean_copy(folder, recording, tmp_path).read_bytes()
    old = keyring.keys
    keyring.configure([new_key(), *old])
    try:
        rotate_all()
        _db.session.commit()
        keyring.configure([keyring.keys[0]])
        assert b"".join(chunks.read_range(storage.path_of(folder, recording.stored_name))) == before
    finally:
        keyring.configure(old)


def test_chunks_cannot_be_swapped_or_cut(app, recorded_report, folder):
    path = storage.path_of(folder, _recording().stored_name)
    sealed = bytearray(path.read_bytes())
    header = chunks.read_header(io.BytesIO(bytes(sealed)))[0]
    assert header.chunks >= 2
    first, second = header.offset(0), header.offset(1)
    size = second - first
    swapped = sealed[:first] + sealed[second : second + size] + sealed[first:second] + sealed[second + size :]
    path.write_bytes(bytes(swapped))
    with pytest.raises(chunks.ChunkError):
        b"".join(chunks.read_range(path, 0, 10))
    path.write_bytes(bytes(sealed[: header.offset(header.chunks - 1)]))
    with pytest.raises(chunks.ChunkError):
        b"".join(chunks.read_range(path))


def test_the_worker_thread_processes_an_upload_after_the_request(app, client, centre, tmp_path):
    app.config["RECORDING_PROCESSING"] = "thread"
    location = _at_the_recording_page(client)
    _post_recording(client, location, "voice.webm", media_files.voice_webm(tmp_path))
    deadline = time.monotonic() + 30
    while _recording().status == "pending" and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _recording().status == "ready"


def test_the_command_processes_what_waits(app, client, centre, tmp_path):
    location = _at_the_recording_page(client)
    _post_recording(client, location, "voice.webm", media_files.voice_webm(tmp_path))
    result = app.test_cli_runner().invoke(args=["recordings", "process"])
    assert "processed 1 recording" in result.output
    assert _recording().status == "ready"
    assert subprocess.run(["ffprobe", "-version"], capture_output=True).returncode == 0


# ------------------------------------------------------------------ referrals


def _evidence_rows(content) -> list[tuple[str, str]]:
    [section] = [section for section in content.sections if section.heading == "Evidence"]
    return [(row.label, row.value) for row in section.rows]


def test_a_named_police_referral_and_a_support_referral_say_the_centre_holds_the_recording(app, recorded_report):
    from reporting.domain.referral_document import police_referral, support_referral

    recorded_report.police_consent = "named"
    recorded_report.support_wanted = True
    _db.session.commit()
    _db.session.expire_all()
    report = _db.session.get(type(recorded_report), recorded_report.id)
    named = _evidence_rows(police_referral(report, "Report a hate incident"))
    assert ("Recorded account", "A BSL video account of 8 seconds is held by the centre. The centre can send a copy "
            "on request.") in named  # fmt: skip
    support = _evidence_rows(support_referral(report, "Victim Support", "Report a hate incident"))
    assert any(value.startswith("A BSL video account of 8 seconds is held by the centre") for _, value in support)


def test_an_anonymous_police_referral_never_carries_or_describes_the_recording(app, recorded_report):
    from reporting.domain.referral_document import police_referral

    assert recorded_report.police_consent == "anonymous"
    rows = _evidence_rows(police_referral(_db.session.get(type(recorded_report), recorded_report.id), "Service"))
    assert not any("BSL video" in value for _, value in rows)
    assert any(label == "Withheld" and "recorded" in value for label, value in rows)


def test_a_backup_holds_the_sealed_recordings_and_never_a_plain_copy_being_worked_on(app, recorded_report, folder):
    from reporting.privacy.backup import _evidence_files

    with storage.workspace(folder) as work:
        (work / services.PLAIN_UPLOAD).write_bytes(b"plain video")
        (work / services.PLAIN_COPY).write_bytes(b"plain copy")
        backed_up = [relative for _path, relative in _evidence_files(folder.parent, set())]
    assert backed_up == [f"recordings/{_recording().stored_name}"]


def test_staff_see_a_recording_is_being_processed_until_it_is_ready(app, centre, tmp_path):
    report = factories.report(centre, description=None)
    upload = type("Upload", (), {"stream": io.BytesIO(media_files.voice_webm(tmp_path))})()
    with app.test_request_context():
        services.store(report, services.check_upload(upload), "uploaded")
        _db.session.commit()
    volunteer = _signed_in(app, "volunteer", centre)
    page = volunteer.get("reports.view_report", reference=report.reference)
    state = page.select_one("#recording").find_next("p", role="status").get_text()
    assert "Processing: the recording is being checked" in state
    assert "Voice recording" in page.get_text(" ") and "Being checked" in page.get_text(" ")
    assert page.select_one("audio") is None
    services.process_recordings()
    page = volunteer.get("reports.view_report", reference=report.reference)
    assert page.select_one("audio.app-recording-player") is not None and "Kept" in page.get_text(" ")


def test_exit_removes_the_recording_of_an_unsent_draft(client, client_request, centre, folder, tmp_path):
    location = _at_the_recording_page(client)
    _post_recording(client, location, "voice.webm", media_files.voice_webm(tmp_path))
    assert _recording() is not None and list(folder.glob("*.pending"))
    client_request.get_response("pages.exit_this_page", _expected_status=302)
    assert _recording() is None and not list(folder.glob("*.pending"))


def test_check_your_answers_lists_the_recorded_account_with_its_state(client, centre, tmp_path):
    location = _at_the_recording_page(client)
    location = _post_recording(client, location, "voice.webm", media_files.voice_webm(tmp_path)).headers["Location"]
    services.process_recordings()
    while "check-answers" not in location:
        location = client.post(location, data=PLAIN_ANSWERS[slug_in(location)]).headers["Location"]
    answers = location
    rows = {row.select_one("dt").get_text(strip=True): row.select_one("dd").get_text(" ", strip=True)
            for row in parse_page(client.get(answers)).select(".govuk-summary-list__row")}  # fmt: skip
    assert rows["Recorded account"].startswith("Voice recording, 0:0") and "Kept" in rows["Recorded account"]


def test_without_ffmpeg_the_person_is_told_to_type_instead_and_nothing_is_kept(client, centre, folder, tmp_path,
                                                                                monkeypatch):  # fmt: skip
    from reporting.recordings import media

    location = _at_the_recording_page(client)
    voice = media_files.voice_webm(tmp_path)

    def missing(*args, **kwargs):
        raise FileNotFoundError("ffprobe")

    monkeypatch.setattr(media.subprocess, "run", missing)
    response = _post_recording(client, location, "voice.webm", voice)
    assert "We cannot take recordings just now" in " ".join(error_summary(parse_page(response)))
    assert _recording() is None and [path for path in folder.rglob("*") if path.is_file()] == []
