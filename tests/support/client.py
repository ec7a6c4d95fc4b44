"""A test client that fills in the CSRF token on form posts, as a browser would from the page."""

import hashlib
import os

from flask.testing import FlaskClient
from itsdangerous import URLSafeTimedSerializer


class CSRFClient(FlaskClient):
    """Adds a valid `csrf_token` to POSTed form data unless the test passes `csrf=False`."""

    def csrf_token(self) -> str:
        app = self.application
        with self.session_transaction() as session:
            raw = session.get("csrf_token")
            if raw is None:
                raw = session["csrf_token"] = hashlib.sha1(os.urandom(64)).hexdigest()
        serializer = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="wtf-csrf-token")
        return serializer.dumps(raw)

    def open(self, *args, csrf: bool = True, **kwargs):
        method = kwargs.get("method", "GET").upper()
        data = kwargs.get("data")
        if csrf and method == "POST" and (data is None or isinstance(data, dict)) and "json" not in kwargs:
            data = dict(data or {})
            data.setdefault("csrf_token", self.csrf_token())
            kwargs["data"] = data
        return super().open(*args, **kwargs)
