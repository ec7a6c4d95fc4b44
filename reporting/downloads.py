"""Files the app sends to be saved rather than shown: one place that names them in `Content-Disposition`."""

from flask import Response, current_app


def attachment(filename: str) -> dict[str, str]:
    """The header that makes a browser save the response as `filename` (a name the app made: no quotes in it)."""
    return {"Content-Disposition": f'attachment; filename="{filename}"'}


def download(content, filename: str, mimetype: str) -> Response:
    """A response the browser saves as `filename`."""
    return current_app.response_class(content, mimetype=mimetype, headers=attachment(filename))
