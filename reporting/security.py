"""Security headers (a strict Content-Security-Policy with nonces), no caching of staff pages, and safe redirects."""

import secrets
from urllib.parse import urlsplit

from flask import Flask, request, url_for
from flask_talisman import Talisman

CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}

PERMISSIONS_POLICY = {
    "geolocation": "()",
    "camera": "()",
    "microphone": "()",
    "payment": "()",
    "usb": "()",
    "interest-cohort": "()",
}


# The camera and microphone, and media from the app and from the page's own recordings (blob:), are allowed only on
# the pages that record an account or play one back (reporting/recordings/): a template that draws the recorder
# or the player calls `media_permissions("record")` or `media_permissions("play")`.
RECORDING_PERMISSIONS = {**PERMISSIONS_POLICY, "camera": "(self)", "microphone": "(self)"}
MEDIA_SOURCES = "media-src 'self' blob:"


def media_permissions(use: str) -> str:
    """Marks the page being drawn as one that records ("record") or plays back ("play"); returns nothing to draw."""
    request.media_use = "record" if use == "record" or getattr(request, "media_use", None) == "record" else "play"
    return ""


def _media_headers(response):
    """Runs after Talisman's headers: widens them on a page that records or plays an account, and only there."""
    use = getattr(request, "media_use", None)
    if use and "Content-Security-Policy" in response.headers:
        response.headers["Content-Security-Policy"] += f"; {MEDIA_SOURCES}"
    if use == "record":
        allowed = RECORDING_PERMISSIONS.items()
        response.headers["Permissions-Policy"] = ", ".join(f"{name}={value}" for name, value in allowed)
    return response


def ensure_csp_nonce() -> None:
    """Give the request a script nonce if it has none yet: an error raised before Talisman's own before_request
    (CSRF or a body limit, while reading the form) is shown on a page whose script needs one too."""
    if not getattr(request, "csp_nonce", None):
        request.csp_nonce = secrets.token_urlsafe(16)


def _no_store(response):
    if request.endpoint != "static":
        response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask, talisman: Talisman) -> None:
    force_https = app.config.get("FORCE_HTTPS", False)
    app.after_request(_media_headers)  # registered before Talisman's, so it runs after them
    talisman.init_app(
        app,
        force_https=force_https,
        strict_transport_security=force_https,
        session_cookie_secure=app.config["SESSION_COOKIE_SECURE"],
        content_security_policy=CONTENT_SECURITY_POLICY,
        content_security_policy_nonce_in=["script-src"],
        referrer_policy="no-referrer",
        permissions_policy=PERMISSIONS_POLICY,
        frame_options="DENY",
    )
    app.after_request(_no_store)


def safe_next(target: str | None, fallback: str | None = None) -> str:
    """Only local paths, so a `next` parameter cannot be used to send people to another site."""
    fallback = fallback or url_for("pages.start")
    if not target:
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return fallback
    return target
