"""Request-body limits: one table of route kinds (`BODY_LIMITS` in the configuration) and the kind of each route.

A route's kind is declared next to its view with `@body_limit(kind)` (a kind, or a function of the URL's
values that gives one), or for a whole blueprint with `declare(blueprint, kind)`. Otherwise a public route
takes `public_form` and every other route `staff_form`; a request that matches no route takes
`public_form`, the smallest.

The limit is set on the request before anything reads the body, and holds on the bytes actually read:
a body with a Content-Length over the limit is refused before it is read, and a body without one
(`Transfer-Encoding: chunked`) is refused as soon as it goes past the limit. Werkzeug alone stops
reading such a body at the limit and parses the part it read as if it were the whole, so a form
with its end cut off would be taken. A refused body answers 413 and nothing of it is stored.
"""

import io
from collections.abc import Callable

from flask import Blueprint, Flask, current_app, request
from werkzeug.exceptions import RequestEntityTooLarge

KIND = "body_limit_kind"
DEFAULT_KIND = "staff_form"
PUBLIC_KIND = "public_form"

Kind = str | Callable[[dict], str]


def body_limit(kind: Kind):
    """Declares a view's kind in the `BODY_LIMITS` table (or a function of the URL's values that gives one)."""

    def decorator(view):
        setattr(view, KIND, kind)
        return view

    return decorator


def declare(blueprint: Blueprint, kind: Kind) -> None:
    """Declares the kind of every route of `blueprint` that does not declare its own."""
    setattr(blueprint, KIND, kind)


def request_kind() -> str:
    """The kind of the current request's route in the `BODY_LIMITS` table."""
    if request.url_rule is None:
        return PUBLIC_KIND
    view = current_app.view_functions.get(request.endpoint)
    blueprint = current_app.blueprints.get(request.blueprint or "")
    kind = getattr(view, KIND, None) or getattr(blueprint, KIND, None)
    if kind is None:
        return PUBLIC_KIND if getattr(view, "access", None) == "public" else DEFAULT_KIND
    return kind(request.view_args or {}) if callable(kind) else kind


def request_limit() -> int:
    """The most bytes the current request's body may have."""
    return current_app.config["BODY_LIMITS"][request_kind()]


class CappedInput(io.RawIOBase):
    """A body stream without a Content-Length that refuses (413) to go past `limit` bytes.

    Werkzeug reads such a stream up to `max_content_length` and stops there without a word; this stream
    looks one byte further when it reaches the limit, and refuses the body if there is more."""

    def __init__(self, stream, limit: int) -> None:
        super().__init__()
        self._stream = stream
        self._limit = limit
        self._read = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._read > self._limit:  # refused already: never read on
            raise RequestEntityTooLarge()
        data = self._stream.read(min(len(buffer), self._limit + 1 - self._read))
        self._read += len(data)
        if self._read == self._limit and self._stream.read(1):
            self._read += 1
        if self._read > self._limit:
            raise RequestEntityTooLarge()
        buffer[: len(data)] = data
        return len(data)


def apply_limit(_endpoint=None, _values=None) -> None:
    """Sets the current request's body limit before anything reads the body (the form, CSRF's token)."""
    limit = request_limit()
    request.max_content_length = limit
    # Text fields are held in memory: never more than a staff form allows, even within a larger upload.
    request.max_form_memory_size = min(limit, current_app.config["BODY_LIMITS"][DEFAULT_KIND])
    if request.content_length is None and "wsgi.input_terminated" in request.environ:
        request.environ["wsgi.input"] = CappedInput(request.environ["wsgi.input"], limit)


def init_app(app: Flask) -> None:
    # A URL value preprocessor runs before every before_request function, whenever it was registered, and
    # so before CSRFProtect reads the form.
    app.url_value_preprocessor(apply_limit)
