"""Recordings made at test time with FFmpeg's own test sources (lavfi): what Chromium and Firefox record (WebM with
VP8 and Opus), what Safari and phones record (MP4 with H.264 and AAC, here with a location and a title in its
metadata), sound alone, and a reader for what a stored file holds (`ffprobe`)."""

import json
import subprocess
from pathlib import Path

LOCATION = "+53.4240-002.3220/"


def _make(target: Path, seconds: float, video: bool, *codecs: str, metadata: tuple = ()) -> bytes:
    inputs = ["-f", "lavfi", "-i", "testsrc=size=320x240:rate=15"] if video else []
    inputs += ["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"]
    tags = [part for key, value in metadata for part in ("-metadata", f"{key}={value}")]
    command = ["ffmpeg", "-v", "error", "-y", *inputs, "-t", str(seconds), *codecs, *tags, str(target)]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    return target.read_bytes()


def browser_webm(folder: Path, seconds: float = 2) -> bytes:
    return _make(folder / "chromium.webm", seconds, True, "-c:v", "libvpx", "-b:v", "200k", "-c:a", "libopus")


def phone_mp4(folder: Path, seconds: float = 2) -> bytes:
    metadata = (("title", "Recorded at home"), ("creation_time", "2026-03-13T18:00:00Z"), ("location", LOCATION),
                ("com.apple.quicktime.location.ISO6709", LOCATION), ("comment", "Sam's phone"))  # fmt: skip
    codecs = ("-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-movflags", "+use_metadata_tags")
    return _make(folder / "phone.mp4", seconds, True, *codecs, metadata=metadata)


def voice_webm(folder: Path, seconds: float = 2) -> bytes:
    return _make(folder / "voice.webm", seconds, False, "-c:a", "libopus", "-b:a", "16k")


def voice_mp3(folder: Path, seconds: float = 2) -> bytes:
    return _make(folder / "voice.mp3", seconds, False, "-c:a", "libmp3lame")


def probe(path: Path) -> dict:
    done = subprocess.run(["ffprobe", "-v", "error", "-show_format", "-show_streams", "-show_chapters", "-of", "json",
                           str(path)], capture_output=True, check=True, timeout=60)  # fmt: skip
    return json.loads(done.stdout)


# Tags a clean copy may carry: what the container itself says (brands, the muxer's bare name, a track's length).
CONTAINER_TAGS = {"major_brand", "minor_version", "compatible_brands", "encoder"}
STREAM_TAGS = {"language", "handler_name", "vendor_id", "DURATION"}


def metadata_left(found: dict) -> dict:
    """Every tag that is not the container's own structure: empty for a clean copy."""
    left = {key: value for key, value in found["format"].get("tags", {}).items() if key not in CONTAINER_TAGS}
    if found["format"].get("tags", {}).get("encoder", "Lavf") != "Lavf":
        left["encoder"] = found["format"]["tags"]["encoder"]
    for stream in found["streams"]:
        left.update({key: value for key, value in stream.get("tags", {}).items() if key not in STREAM_TAGS})
    if found.get("chapters"):
        left["chapters"] = found["chapters"]
    return left
