"""Running behind proxies: with `TRUSTED_PROXIES` set, the client's address and scheme come from the proxies' headers.

A TLS-terminating proxy (nginx, a load balancer) connects to the app itself, so without this every
visitor would share the proxy's address: one person could use up the sign-in and reporting limits of
everyone. Werkzeug's `ProxyFix` takes the address from `X-Forwarded-For` and the scheme from
`X-Forwarded-Proto`, trusting only the last `TRUSTED_PROXIES` values (those the operator's own proxies
added); anything a client wrote in front of them is ignored. With 0 (the default) the headers are not
read at all, so a client cannot claim another address by sending them.

`X-Forwarded-Host` is never trusted: links printed on receipts (follow-up links and their QR codes) are
built from the host, and a proxy that passes the header on from the client would let anyone choose it.
Proxies pass the `Host` header on instead (nginx: `proxy_set_header Host $host`), or `PUBLIC_BASE_URL`
is set. The rate limits, the audit trail and the self-report protections all read `request.remote_addr`,
which is the corrected address.

Once `ProxyFix` has read them (or at once, with 0 proxies), the `X-Forwarded-*` headers are removed from the
request, so no code can read them raw: flask-talisman decides on its HTTPS redirect, the HSTS header and
secure cookies from `request.is_secure` *or* a raw `X-Forwarded-Proto: https`, which a client reaching the
app directly could otherwise send to claim HTTPS. The scheme is `request.is_secure`, and it follows
`TRUSTED_PROXIES` like the address.
"""

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

# What ProxyFix reads; after it (trusted or not) the request carries none of them.
FORWARDED_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST",
                     "HTTP_X_FORWARDED_PORT", "HTTP_X_FORWARDED_PREFIX")  # fmt: skip


def trusted_proxies(value) -> int:
    """The number of proxies in front of the app, from a setting: a whole number, 0 or more."""
    try:
        count = int(value or 0)
    except (TypeError, ValueError):
        count = -1
    if count < 0:
        raise RuntimeError(f"TRUSTED_PROXIES must be a whole number of proxies, 0 or more, not {value!r}")
    return count


class WithoutForwardedHeaders:
    """WSGI middleware: the request goes on without its `X-Forwarded-*` headers."""

    def __init__(self, wsgi_app) -> None:
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        for name in FORWARDED_HEADERS:
            environ.pop(name, None)
        return self.wsgi_app(environ, start_response)


def init_app(app: Flask) -> None:
    count = trusted_proxies(app.config.get("TRUSTED_PROXIES"))
    app.config["TRUSTED_PROXIES"] = count
    app.wsgi_app = WithoutForwardedHeaders(app.wsgi_app)
    if count:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=0, x_port=0, x_prefix=0)
