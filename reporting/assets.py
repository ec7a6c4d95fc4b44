"""Asset URLs that change when the files change, so a proxy may keep them for a year.

Every `url_for('static', filename=…)` gets `?v=` and the first 12 hex digits of the file's SHA-256
(`url_defaults`, so templates need no change). A version is computed once per file per process and
kept with the file's size and modification time; it is computed again when either changes (after
`make assets`, or a deploy that replaces the files in place). A file that does not exist gets no
version.

JavaScript modules import other modules by URL, which `url_for` never sees; the layout's import map
(`asset_import_map`) maps each module's plain URL to its versioned one, so `app.js`'s import of
GOV.UK Frontend is versioned too. A browser without import maps fetches the plain URL, which is
never cached for long (below), so it still gets the current file.

A static response whose `v` is the file's current version is sent with
`Cache-Control: public, max-age=31536000, immutable`; a plain or out-of-date one with `no-cache`
(the browser revalidates it by its ETag each time), so an old version is never kept under a new URL.
"""

import hashlib
import os
from pathlib import Path
from threading import Lock

from flask import Flask, current_app, request, url_for
from werkzeug.security import safe_join

VERSION_ARG = "v"
VERSION_LENGTH = 12
LONG_LIFETIME = "public, max-age=31536000, immutable"
SHORT_LIFETIME = "no-cache"
MODULE_FOLDERS = ("js", "govuk")  # the folders under static/ whose `.js` files are ES modules

_versions: dict[str, tuple[int, int, str]] = {}  # path: (size, mtime_ns, version)
_lock = Lock()


def file_version(path: str) -> str | None:
    """The first 12 hex digits of the file's SHA-256, or None if there is no such file."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    known = _versions.get(path)
    if known and known[0] == stat.st_size and known[1] == stat.st_mtime_ns:
        return known[2]
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as file:
            for block in iter(lambda: file.read(1 << 16), b""):
                digest.update(block)
    except OSError:
        return None
    version = digest.hexdigest()[:VERSION_LENGTH]
    with _lock:
        _versions[path] = (stat.st_size, stat.st_mtime_ns, version)
    return version


def static_version(filename: str) -> str | None:
    """The version of a file under the app's static folder (None outside it or if it is missing)."""
    folder = current_app.static_folder
    path = safe_join(folder, filename) if folder else None
    return file_version(path) if path else None


def add_version(endpoint: str, values: dict) -> None:
    """`url_defaults`: a static URL carries its file's version."""
    if endpoint != "static" or VERSION_ARG in values or "filename" not in values:
        return
    version = static_version(values["filename"])
    if version:
        values[VERSION_ARG] = version


def asset_import_map() -> dict:
    """The layout's import map: every JavaScript module's plain URL to its versioned URL."""
    imports = {}
    for filename in _module_files(current_app.static_folder):
        versioned = url_for("static", filename=filename)
        imports[versioned.partition("?")[0]] = versioned
    return {"imports": imports}


_module_lists: dict[str, tuple[tuple, tuple[str, ...]]] = {}  # static folder: (its module folders' mtimes, files)


def _module_files(folder: str | None) -> tuple[str, ...]:
    """The `.js` files under the module folders, listed again only when a folder changes (`make assets`)."""
    if not folder:
        return ()
    root = Path(folder)
    folders = [root / name for name in MODULE_FOLDERS]
    stamp = tuple(path.stat().st_mtime_ns if path.is_dir() else None for path in folders)
    known = _module_lists.get(folder)
    if known and known[0] == stamp:
        return known[1]
    found = tuple(sorted(path.relative_to(root).as_posix() for each in folders for path in each.rglob("*.js")))
    _module_lists[folder] = (stamp, found)
    return found


def cache_static(response):
    """`after_request`: long caching for a static file asked for by its current version, revalidation otherwise."""
    if request.endpoint != "static" or response.status_code not in (200, 206, 304):
        return response
    asked = request.args.get(VERSION_ARG)
    filename = (request.view_args or {}).get("filename", "")
    if asked and asked == static_version(filename):
        response.headers["Cache-Control"] = LONG_LIFETIME
    else:
        response.headers["Cache-Control"] = SHORT_LIFETIME
        response.headers.pop("Expires", None)
    return response


def init_app(app: Flask) -> None:
    app.url_defaults(add_version)
    app.after_request(cache_static)
