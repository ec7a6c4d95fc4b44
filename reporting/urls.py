"""Full addresses printed on paper (receipts, slips), which people type or scan later on another device."""

from flask import current_app, has_request_context, url_for


def public_url(endpoint: str, **values) -> str:
    """The full address of `endpoint`: under `PUBLIC_BASE_URL` when it is set, else under the request's address."""
    base = current_app.config.get("PUBLIC_BASE_URL")
    if base:
        return base.rstrip("/") + current_app.url_map.bind("localhost").build(endpoint, values)
    if has_request_context():
        return url_for(endpoint, _external=True, **values)
    raise RuntimeError("set PUBLIC_BASE_URL to print the service's addresses outside a web request")
