"""The app process's worker thread for recordings: started after the commit that stores an upload, so FFmpeg's
work never runs inside a request (nor into the web server's timeout). One thread a process, so a busy server
makes one clean copy at a time; whatever it leaves when the process stops is picked up by `process_recordings`.
"""

import logging
from concurrent.futures import ThreadPoolExecutor
from threading import Lock

from flask import Flask

from ..extensions import db

log = logging.getLogger(__name__)
_lock = Lock()
_pool: ThreadPoolExecutor | None = None


def _executor() -> ThreadPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="recordings")
        return _pool


def submit(app: Flask, recording_ids: list[int]):
    return _executor().submit(_run, app, list(recording_ids))


def _run(app: Flask, recording_ids: list[int]) -> None:
    from .services import process

    with app.app_context():
        for recording_id in recording_ids:
            try:
                process(recording_id)
            except Exception:  # the job picks it up again later; the thread must go on for the next one
                log.exception("recording %s could not be processed now", recording_id)
                db.session.rollback()
            finally:
                db.session.remove()
