"""What a recording really is (by its content, read with `ffprobe`), and its clean copy (made with `ffmpeg`).

Accepted: a real video or sound stream in WebM or Matroska (Chromium and Firefox record VP8 or VP9 with Opus),
MP4 or QuickTime (Safari and phones: H.264 or HEVC with AAC), Ogg, MP3 or WAV. The clean copy is one of four
named formats, with every metadata field, chapter and location removed:

- `webm-video` (VP8 or VP9 with Opus or Vorbis) and `webm-audio` (Opus or Vorbis): copied without re-encoding;
- `mp4-video` (H.264 with AAC) and `mp4-audio` (AAC): copied without re-encoding when the codecs are these,
  otherwise re-encoded to them (HEVC or AV1 video, MP3, WAV or FLAC sound), which every browser plays.

Anything else (a renamed document, a picture, a file FFmpeg cannot read) is refused.
"""

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

CONTAINERS = {"matroska,webm", "mov,mp4,m4a,3gp,3g2,mj2", "ogg", "mp3", "wav"}
VIDEO_CODECS = {"vp8", "vp9", "av1", "h264", "hevc", "mpeg4"}
AUDIO_CODECS = {"opus", "vorbis", "aac", "mp3", "pcm_s16le", "pcm_s24le", "pcm_f32le", "pcm_u8", "flac", "alac"}
WEBM_VIDEO, WEBM_AUDIO = {"vp8", "vp9"}, {"opus", "vorbis"}
FORMATS = {
    "webm-video": ("video/webm", "webm"),
    "webm-audio": ("audio/webm", "webm"),
    "mp4-video": ("video/mp4", "mp4"),
    "mp4-audio": ("audio/mp4", "mp4"),
}
PROBE_SECONDS = 30
# Re-encoding ten minutes of phone video takes a while on a small server; past this, it is given up.
CONVERT_SECONDS = 1800
STRIP = ["-map_metadata", "-1", "-map_metadata:s:v", "-1", "-map_metadata:s:a", "-1", "-map_chapters", "-1",
         "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact", "-sn", "-dn"]  # fmt: skip


class MediaUnavailable(RuntimeError):
    """FFmpeg is not installed or cannot run: nothing is refused, the work waits (see scripts/system-deps.sh)."""


class MediaRefused(ValueError):
    """Not a recording that can be kept; `reason` is `wrong_type` or `too_long`."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Probe:
    container: str
    video: str | None  # the codec of the first video stream (a cover picture does not count)
    audio: str | None
    duration: float | None  # seconds; None when the file does not say (a browser's recording, until copied)

    @property
    def kind(self) -> str:
        return "video" if self.video else "audio"

    def target(self) -> tuple[str, bool]:
        """The named format of the clean copy, and whether the streams are copied as they are."""
        if self.video:
            if self.video in WEBM_VIDEO and self.audio in WEBM_AUDIO | {None}:
                return "webm-video", True
            return "mp4-video", self.video == "h264" and self.audio in {"aac", None}
        if self.audio in WEBM_AUDIO:
            return "webm-audio", True
        return "mp4-audio", self.audio == "aac"


def probe(path: Path) -> Probe:
    """What the file holds, from its content; MediaRefused unless it is a sound or video recording we take."""
    command = ["ffprobe", "-v", "error", "-show_format", "-show_streams", "-of", "json", str(path)]
    try:
        done = subprocess.run(command, capture_output=True, timeout=PROBE_SECONDS, check=False)
        found = json.loads(done.stdout or b"{}")
    except (subprocess.TimeoutExpired, ValueError):
        raise MediaRefused("wrong_type") from None
    except OSError as error:
        raise MediaUnavailable(str(error)) from None
    container = found.get("format", {}).get("format_name")
    streams = found.get("streams", [])
    video = _first(streams, "video")
    audio = _first(streams, "audio")
    if done.returncode != 0 or container not in CONTAINERS or (video is None and audio is None):
        raise MediaRefused("wrong_type")
    if (video and video not in VIDEO_CODECS) or (audio and audio not in AUDIO_CODECS):
        raise MediaRefused("wrong_type")
    return Probe(container, video, audio, _seconds(found["format"].get("duration")))


def _first(streams: list, kind: str) -> str | None:
    for stream in streams:
        if stream.get("codec_type") == kind and not stream.get("disposition", {}).get("attached_pic"):
            return stream.get("codec_name")
    return None


def _seconds(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def clean_copy(source: Path, target: Path, found: Probe) -> str:
    """Write the clean copy of `source` to `target`; returns its named format. MediaRefused if FFmpeg fails."""
    name, copy = found.target()
    muxer = FORMATS[name][1]
    codecs = ["-c", "copy"] if copy else _encoders(name)
    extra = ["-movflags", "+faststart"] if muxer == "mp4" else []
    streams = ["-map", "0:v:0", "-map", "0:a:0?"] if found.video else ["-map", "0:a:0", "-vn"]
    command = ["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", str(source), *streams, *codecs, *STRIP, *extra,
               "-f", muxer, str(target)]  # fmt: skip
    try:
        done = subprocess.run(command, capture_output=True, timeout=CONVERT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        raise MediaRefused("wrong_type") from None
    except OSError as error:
        raise MediaUnavailable(str(error)) from None
    if done.returncode != 0 or not target.exists() or target.stat().st_size == 0:
        raise MediaRefused("wrong_type")
    return name


def _encoders(name: str) -> list[str]:
    audio = ["-c:a", "aac", "-b:a", "128k"]
    if name == "mp4-video":
        # Even dimensions and 4:2:0 colour, which H.264 players need.
        size = "scale=trunc(iw/2)*2:trunc(ih/2)*2"
        return ["-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p", "-vf", size, *audio]
    return audio
