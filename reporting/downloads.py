"""Files the app sends to be saved rather than shown: one place that names them in `Content-Disposition`."""

from flask import Response, current_app


def download(content, filename: str, mimetype: str) -> Response:
    """A response the browser saves as `filename` (a name the app made, so no quotes in it)."""
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    return current_app.response_class(content, mimetype=mimetype, headers=headers)
