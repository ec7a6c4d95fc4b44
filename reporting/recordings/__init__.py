"""Accounts recorded in British Sign Language (video) or by voice: the recorder's field on "Tell us what happened",
checks by content with FFmpeg, the clean copy made outside the request, storage sealed in chunks, and playback to
staff with range requests. See docs/recordings.md."""
